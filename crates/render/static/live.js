// Live pages: the server's change events (server-sent events from /api/changes) keep the
// events list and an open dossier up to date. On a change the page's own URL is fetched
// again and its <main> put in place, so what is shown is always what the server renders
// (no HTML is built here); then the changed line is marked with the class `changed`.
(function () {
  "use strict";
  if (!window.EventSource || !window.fetch || !window.DOMParser) return;
  var path = window.location.pathname;
  var onList = path === "/";
  var onEvent = path.indexOf("/events/") === 0;
  if (!onList && !onEvent) return;
  var shown = onEvent ? decodeURIComponent(path.slice("/events/".length)) : null;
  var pending = null;
  var refreshing = false;

  function selector(name, value) {
    return "[" + name + '="' + (window.CSS && CSS.escape ? CSS.escape(value) : value) + '"]';
  }

  // The element a change is about, on the page as it now is.
  function changed(root, change) {
    if (onList) return root.querySelector(selector("data-event", change.event));
    if (change.type === "figure_changed") return root.querySelector(selector("data-kind", change.kind));
    if (change.type === "position_new") return root.querySelector(selector("data-party", change.party));
    if (change.type === "conflict_new") return root.querySelector(selector("data-topic", change.topic));
    return root.querySelector("h1");
  }

  function refresh(changes) {
    refreshing = true;
    window.fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (text) {
        if (text === null) return;
        var fresh = new DOMParser().parseFromString(text, "text/html").querySelector("main");
        var main = document.querySelector("main");
        if (!fresh || !main) return;
        main.replaceWith(fresh);
        changes.forEach(function (change) {
          var element = changed(fresh, change);
          if (element) element.classList.add("changed");
        });
        document.documentElement.setAttribute("data-live-updated", String(Date.now()));
      })
      .catch(function () {})
      .then(function () {
        refreshing = false;
        // Changes that came while fetching: one more fetch for all of them.
        if (pending) {
          var next = pending;
          pending = null;
          refresh(next);
        }
      });
  }

  var source = new EventSource("/api/changes");
  source.onmessage = function (message) {
    var change;
    try { change = JSON.parse(message.data); } catch (e) { return; }
    if (onEvent && change.event !== shown) return;
    if (refreshing) {
      (pending = pending || []).push(change);
    } else {
      refresh([change]);
    }
  };
})();
