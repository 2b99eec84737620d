#!/usr/bin/env python3
"""End-to-end test of `crosscheck serve` in headless Chromium, through chromedriver's W3C
WebDriver HTTP API (standard library only: no selenium).

It serves the bundled seed articles (examples/crocus) from a fresh store, opens the events list,
follows the event to its dossier, checks the figures (chart and reports table), clicks a figure
report and checks that the browser lands on the document with the reporting sentence scrolled
into view and highlighted by the stylesheet's `:target` rule, and that this sentence holds the
reported number; then does the same from a chart point, a timeline item and a conflict side
(each link's title is the sentence it cites, and must be the one highlighted). Screenshots (PNG) of the dossier at 1280 px and 390 px widths and of the
document with its highlighted sentence go to --out (default target/browser).

    python3 tools/browser_test.py [--crosscheck target/release/crosscheck] [--out target/browser]

Prints one line per check and a last line `browser: N passed, M failed`; exits 1 when a check
failed, 2 when the test could not run, 0 (with a `skipped` line) when Chromium or chromedriver is
not installed (`.ci/run` installs them: Debian packages chromium and chromium-driver).
"""
import argparse
import base64
import html
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # A container's /dev/shm is often 64 MB: shared memory there crashes tabs.
    "--disable-dev-shm-usage",
]
# The highlight of the sentence an evidence link points at: `.s:target` in
# crates/server/static/app.css (background:#fff3a8).
TARGET_BACKGROUND = "rgb(255, 243, 168)"
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "hundred": 100, "dozen": 12, "thousand": 1000,
}
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C key of an element reference


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=60):
    """A JSON request; returns (status, decoded JSON or text)."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as e:
        status, raw = e.code, e.read()
    text = raw.decode("utf-8", errors="replace")
    try:
        return status, json.loads(text)
    except ValueError:
        return status, text


def wait_for(url, seconds, proc=None):
    """Waits until `url` answers (any HTTP status); False on timeout or when `proc` died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return True
        except urllib.error.HTTPError:
            return True
        except OSError:
            time.sleep(0.2)
    return False


def stop(proc):
    """Stops a process started here in its own session, and whatever it started (chromedriver's
    Chromium): SIGTERM to its process group, then SIGKILL."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=5)
    # What the process started (Chromium's helpers) may outlive it a moment: the rest of the
    # group goes too.
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class WebDriverError(Exception):
    pass


class Session:
    """One W3C WebDriver session of chromedriver."""

    def __init__(self, driver_url, capabilities):
        status, answer = http("POST", f"{driver_url}/session",
                              {"capabilities": {"alwaysMatch": capabilities}}, timeout=90)
        if status != 200:
            raise WebDriverError(f"no session: {answer}")
        self.url = f"{driver_url}/session/{answer['value']['sessionId']}"

    def call(self, method, path, body=None):
        status, answer = http(method, self.url + path, body)
        if status != 200:
            raise WebDriverError(f"{method} {path}: {status} {answer}")
        return answer["value"] if isinstance(answer, dict) else answer

    def go(self, url):
        self.call("POST", "/url", {"url": url})

    def current_url(self):
        return self.call("GET", "/url")

    def source(self):
        return self.call("GET", "/source")

    def find(self, css):
        return [e[ELEMENT] for e in self.call("POST", "/elements",
                                              {"using": "css selector", "value": css})]

    def attribute(self, element, name):
        return self.call("GET", f"/element/{element}/attribute/{name}")

    def text(self, element):
        return self.call("GET", f"/element/{element}/text")

    def click(self, element):
        self.call("POST", f"/element/{element}/click", {})

    def script(self, code, *args):
        return self.call("POST", "/execute/sync", {"script": code, "args": list(args)})

    def window(self, width, height):
        self.call("POST", "/window/rect", {"width": width, "height": height})

    def screenshot(self, path):
        png = base64.b64decode(self.call("GET", "/screenshot"))
        with open(path, "wb") as f:
            f.write(png)
        return len(png)

    def console_errors(self):
        """The console's error entries since the last call, or None when chromedriver does not
        expose the log (its legacy endpoint)."""
        try:
            entries = self.call("POST", "/se/log", {"type": "browser"})
        except WebDriverError:
            return None
        return [e for e in entries if e.get("level") == "SEVERE"]

    def close(self):
        try:
            http("DELETE", self.url, timeout=20)
        except OSError:
            pass


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}", flush=True)
        return ok


def numbers_in(count):
    """The numbers of a reported count as the reports table shows it (`≥60`, `2–5`, `~100`)."""
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", count)]


def says_number(sentence, n):
    """Whether a sentence states `n`, in digits or (for small round numbers) in words."""
    if re.search(rf"(?<![\d,.]){n:,}(?![\d])|(?<![\d,.]){n}(?![\d])", sentence):
        return True
    words = {w for w, v in NUMBER_WORDS.items() if v == n}
    return any(re.search(rf"\b{w}\b", sentence, re.I) for w in words)


def run(args, checks, workdir):
    binary = os.path.abspath(args.crosscheck)
    if not os.path.exists(binary):
        print(f"browser: {binary} not found: cargo build --release first", file=sys.stderr)
        return 2
    os.makedirs(args.out, exist_ok=True)
    procs = []
    session = None
    try:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = open(os.path.join(workdir, "server.log"), "wb")
        server = subprocess.Popen(
            [binary, "serve", os.path.join(ROOT, "examples", "crocus"),
             "--db", os.path.join(workdir, "store.db"), "--addr", f"127.0.0.1:{port}",
             "--reference-date", "2026-12-01"],
            stdout=server_log, stderr=subprocess.STDOUT, start_new_session=True)
        procs.append(server)
        if not wait_for(base + "/static/app.css", 120, server):
            server_log.flush()
            print(open(server_log.name, errors="replace").read()[-2000:], file=sys.stderr)
            print("browser: the server did not start", file=sys.stderr)
            return 2

        driver_port = free_port()
        driver_url = f"http://127.0.0.1:{driver_port}"
        driver = subprocess.Popen(
            [args.chromedriver, f"--port={driver_port}",
             f"--log-path={os.path.join(workdir, 'chromedriver.log')}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        procs.append(driver)
        if not wait_for(driver_url + "/status", 30, driver):
            print("browser: chromedriver did not start", file=sys.stderr)
            return 2
        profile = tempfile.mkdtemp(prefix="profile-", dir=workdir)
        session = Session(driver_url, {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": args.chromium,
                "args": CHROME_FLAGS + [f"--user-data-dir={profile}", "--window-size=1280,900"],
            },
            "goog:loggingPrefs": {"browser": "ALL"},
            "pageLoadStrategy": "normal",
        })
        session.call("POST", "/timeouts", {"pageLoad": 30000, "script": 10000, "implicit": 0})
        browse(session, base, checks, args.out)
        return 0
    finally:
        if session is not None:
            session.close()
        for proc in reversed(procs):
            stop(proc)


def browse(s, base, checks, out):
    """The checks, in the order a reader would go."""
    sources = []  # every page's HTML, for the no-script check
    s.go(base + "/")
    sources.append(s.source())
    links = [e for e in s.find("table.events a[href^='/events/']")]
    if not checks.check("events list links an event", len(links) >= 1,
                        f"{len(links)} event link(s) on {s.current_url()}"):
        return
    s.click(links[0])
    url = s.current_url()
    sources.append(s.source())
    figures = s.find("section.figure")
    charts = s.find("section.figure svg.chart")
    rows = s.find("section.figure table.reports td a.cite[href*='/documents/'][href*='#s-']")
    points = s.find("section.figure svg.chart a")
    checks.check("dossier shows figures with chart and reports",
                 "/events/" in url and figures and charts and rows and points,
                 f"{url}: {len(figures)} figures, {len(charts)} charts, {len(points)} chart "
                 f"points, {len(rows)} report links")
    if not rows:
        return
    dossier = url

    # Screenshots of the dossier, wide and narrow; at 390 px the page should not scroll sideways.
    s.window(1280, 1400)
    s.script("window.scrollTo(0, 0)")
    size_wide = s.screenshot(os.path.join(out, "dossier-1280.png"))
    s.window(390, 1400)
    s.script("window.scrollTo(0, 0)")
    size_narrow = s.screenshot(os.path.join(out, "dossier-390.png"))
    inner, scroll = s.script("return [window.innerWidth, document.documentElement.scrollWidth]")
    overflow = s.script(
        "return Array.from(document.querySelectorAll('main *')).filter(e => "
        "e.getBoundingClientRect().right > window.innerWidth + 1 && "
        "getComputedStyle(e).display !== 'inline').slice(0, 5).map(e => "
        "e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? "
        "'.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right))")
    narrow_ok = scroll <= inner
    print(f"{'info' if narrow_ok else 'warn'} dossier at {inner} px: page {scroll} px wide"
          + ("" if narrow_ok else f"; past the edge: {', '.join(overflow)}"), flush=True)
    s.window(1280, 900)
    checks.check("screenshots of the dossier", size_wide > 1000 and size_narrow > 1000,
                 f"dossier-1280.png {size_wide} B, dossier-390.png {size_narrow} B")

    # Click the first report of the first figure, as a reader checking a number would.
    link = rows[0]
    href = s.attribute(link, "href")
    row_cells = s.script("return Array.from(arguments[0].closest('tr').cells)"
                         ".map(c => c.textContent)", {ELEMENT: link})
    count = row_cells[0]
    fragment = href.split("#", 1)[1]
    path = href.split("#", 1)[0].replace(base, "")
    url = click_away(s, link, dossier, sources)
    checks.check("report link opens the document at its sentence",
                 url == base + path + "#" + fragment and url.startswith(base + "/documents/"),
                 f"clicked {count!r} ({row_cells[1]}) -> {url.replace(base, '')}")
    state = s.script(
        "const e = document.getElementById(arguments[0]);"
        "if (!e) return null;"
        "const r = e.getBoundingClientRect(), st = getComputedStyle(e);"
        "return {top: r.top, bottom: r.bottom, height: window.innerHeight, text: e.textContent,"
        " background: st.backgroundColor, outline: st.outlineStyle + ' ' + st.outlineColor,"
        " target: e.matches(':target')}", fragment)
    if not checks.check("the sentence is in view and highlighted",
                        state is not None and -2 <= state["top"] < state["height"]
                        and state["target"] and state["background"] == TARGET_BACKGROUND,
                        "no element #" + fragment if state is None else
                        f"#{fragment} top {state['top']:.0f} of {state['height']} px, "
                        f"background {state['background']}, outline {state['outline']}"):
        return
    sentence = " ".join(state["text"].split())
    wanted = numbers_in(count)
    checks.check("the sentence states the reported figure",
                 wanted and all(says_number(sentence, n) for n in wanted),
                 f"{count!r} in “{sentence[:140]}{'…' if len(sentence) > 140 else ''}”")
    size_doc = s.screenshot(os.path.join(out, "document-1280.png"))
    print(f"info document-1280.png {size_doc} B", flush=True)

    # A chart point links to evidence too: follow the last one (another report, often another
    # document) and check that it lands on a highlighted sentence as well.
    s.go(dossier)
    points = s.find("section.figure svg.chart a")
    point_href = s.script("return arguments[0].getAttribute('href')", {ELEMENT: points[-1]})
    url = click_away(s, points[-1], dossier, sources)
    frag = point_href.split("#", 1)[-1]
    highlighted = s.script("const e = document.getElementById(arguments[0]);"
                           "return e ? getComputedStyle(e).backgroundColor : null", frag)
    checks.check("chart point opens its highlighted sentence",
                 url.endswith(point_href) and highlighted == TARGET_BACKGROUND,
                 f"{point_href} -> {url.replace(base, '')}, background {highlighted}")

    # A timeline item and a conflict side cite their sentences the same way: each link's
    # title is the sentence it cites, and the page it opens highlights that very sentence.
    for name, css in (("timeline item", "ol.timeline a.cite"),
                      ("conflict side", "div.conflict .card a.cite")):
        follow(s, base, dossier, name, css, checks, sources)

    # No page runs script but the server's own live.js (the policy forbids any other, and
    # inline script), and nothing failed to load.
    scripts = [i for i, page in enumerate(sources)
               if any('src="/static/live.js"' not in tag or body.strip()
                      for tag, body in re.findall(r"(<script[^>]*>)(.*?)</script>", page, re.I | re.S))]
    errors = s.console_errors()
    detail = f"{len(sources)} pages without other <script"
    if errors is None:
        detail += "; console log not exposed by chromedriver"
    else:
        detail += f", {len(errors)} console errors"
        for e in errors[:3]:
            detail += f"; {html.unescape(e.get('message', ''))[:160]}"
    checks.check("no script but live.js, no console error", not scripts and not errors, detail)
    live(s, base, dossier, checks, out)


def live(s, base, dossier, checks, out):
    """A dossier left open updates in place when an article raising its toll is uploaded,
    and marks the figure that changed."""
    s.go(dossier)
    time.sleep(1.5)  # the page's event stream connects
    status, report = http("POST", base + "/api/documents", [{
        "id": "live-1",
        "title": "Crocus City Hall attack: death toll rises to 145",
        "published": "2024-03-26",
        "text": "The death toll from the terrorist attack on Crocus City Hall in Krasnogorsk near "
                "Moscow has risen to 145, the Russian Emergencies Ministry said on Tuesday.",
    }])
    joined = status == 200 and dossier.endswith(report["documents"][0]["event"])
    marked = []
    deadline = time.monotonic() + 20
    while joined and time.monotonic() < deadline and not marked:
        marked = [e for e in s.find("section.figure.changed[data-kind='killed']")
                  if "145" in s.text(e)]
        time.sleep(0.25)
    s.screenshot(os.path.join(out, "dossier-live.png"))
    checks.check("an open dossier updates after an upload, the changed figure marked",
                 joined and bool(marked),
                 f"upload {status}, joined the open event: {joined}; marked killed 145: {bool(marked)}")


def click_away(s, element, page, sources):
    """Clicks a link of `page` as a reader would (scrolled into view) and waits for the page
    it opens; returns that page's URL and keeps its HTML in `sources`."""
    s.script("arguments[0].scrollIntoView({block: 'center'})", {ELEMENT: element})
    s.click(element)
    deadline = time.monotonic() + 10
    while s.current_url() == page and time.monotonic() < deadline:
        time.sleep(0.1)
    sources.append(s.source())
    return s.current_url()


def follow(s, base, dossier, name, css, checks, sources):
    """Clicks the first evidence link of a kind of dossier item; its sentence must open,
    highlighted, and be the sentence the link names."""
    s.go(dossier)
    links = s.find(css)
    if not checks.check(f"{name} links its evidence", len(links) >= 1,
                        f"{len(links)} link(s) for {css}"):
        return
    link = links[0]
    href = s.script("return arguments[0].getAttribute('href')", {ELEMENT: link})
    cited = " ".join((s.attribute(link, "title") or "").split())
    url = click_away(s, link, dossier, sources)
    frag = href.split("#", 1)[-1]
    state = s.script("const e = document.getElementById(arguments[0]);"
                     "return e ? {background: getComputedStyle(e).backgroundColor,"
                     " text: e.textContent, top: e.getBoundingClientRect().top,"
                     " height: window.innerHeight} : null", frag)
    sentence = " ".join(state["text"].split()) if state else ""
    checks.check(f"{name} opens its highlighted sentence",
                 "#" in href and url.endswith(href) and state is not None
                 and state["background"] == TARGET_BACKGROUND
                 and -2 <= state["top"] < state["height"] and cited and sentence == cited,
                 f"{href} -> {url.replace(base, '')}: "
                 + ("no element" if state is None else
                    f"background {state['background']}, “{sentence[:100]}”"
                    + ("" if sentence == cited else f" ≠ cited “{cited[:100]}”")))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--crosscheck", default=os.path.join(ROOT, "target", "release", "crosscheck"))
    parser.add_argument("--out", default=os.path.join(ROOT, "target", "browser"))
    parser.add_argument("--chromium", default=CHROMIUM)
    parser.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs, store)")
    args = parser.parse_args()
    missing = [p for p in (args.chromium, args.chromedriver) if not os.path.exists(p)]
    if missing:
        print(f"browser: skipped, {' and '.join(missing)} not installed "
              "(apt-get install chromium chromium-driver)")
        return 0
    checks = Checks()
    workdir = tempfile.mkdtemp(prefix="crosscheck-browser-")
    started = time.monotonic()
    try:
        status = run(args, checks, workdir)
    except (WebDriverError, OSError, KeyError, TypeError) as e:
        checks.check("browser session", False, f"{type(e).__name__}: {e}")
        status = 0
    finally:
        if args.keep:
            print(f"info work directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if status:
        return status
    print(f"info screenshots in {os.path.relpath(args.out)} ({time.monotonic() - started:.1f} s)")
    print(f"browser: {checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
