#!/usr/bin/env python3
"""Writes a copy of a cloudcast data folder cut at a quarter, as dataset::as_of cuts it:
observations, signals and FX rates of later quarters dropped, guidance given after the cut
(as_of later) dropped. Usage: cut_data.py SOURCE_DIR CUT_QUARTER OUT_DIR (e.g. 2025Q2).
The e2e tests of `cloudcast track` make their "forecast made at 2025Q2" from this."""
import json
import pathlib
import re
import sys


def key(quarter):
    m = re.fullmatch(r"(\d{4})Q([1-4])", quarter)
    if not m:
        sys.exit(f"cut_data.py: expected a quarter such as 2025Q2, got '{quarter}'")
    return int(m.group(1)) * 4 + int(m.group(2)) - 1


def main():
    source, cut, out = pathlib.Path(sys.argv[1]), key(sys.argv[2]), pathlib.Path(sys.argv[3])
    (out / "companies").mkdir(parents=True, exist_ok=True)
    for path in sorted((source / "companies").glob("*.json")):
        company = json.loads(path.read_text())
        company["observations"] = [o for o in company["observations"] if key(o["period"]) <= cut]
        # The data checks refuse guidance for a metric without observations (Amazon's
        # capex_net starts in 2025Q3): such guidance goes too, unlike in dataset::as_of.
        metrics = {o["metric"] for o in company["observations"]}
        company["guidance"] = [g for g in company.get("guidance", [])
                               if key(g["as_of"]) <= cut and g["metric"] in metrics]
        company["signals"] = [s for s in company.get("signals", []) if key(s["period"]) <= cut]
        (out / "companies" / path.name).write_text(json.dumps(company, indent=1) + "\n")
    fx = json.loads((source / "fx.json").read_text())
    fx["rates"] = [r for r in fx["rates"] if key(r["period"]) <= cut]
    (out / "fx.json").write_text(json.dumps(fx, indent=1) + "\n")


if __name__ == "__main__":
    main()
