#!/usr/bin/env python3
"""End-to-end test of `cloudcast track` (issue 12's done-when): the built-in data cut at
2025Q2 (cut_data.py), a forecast and a simulate JSON made from it, then `track` of each
against the built-in data cut at 2025Q4, so quarters reported later (the data now runs
into 2026) leave the pinned rows as they are. Reported figures and counts are pinned exactly; model
figures only through relations (error = projected - reported, percentile in [0, 100],
the band flag agrees with the percentile, weights sum to 1), so the engine's economics
may change without touching this test.
Usage: track_2025q2.py BIN SOURCE_DATA_DIR WORK_DIR"""
import json
import math
import pathlib
import subprocess
import sys

BIN, SOURCE, WORK = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
HERE = pathlib.Path(__file__).parent
failures = []


def check(ok, what):
    if not ok:
        failures.append(what)


def run(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env={"NO_COLOR": "1"})
    if p.returncode != expect:
        sys.exit(f"{' '.join(args)}: exit {p.returncode}, expected {expect}\n{p.stdout}\n{p.stderr}")
    return p.stdout


WORK.mkdir(parents=True, exist_ok=True)
cut = WORK / "data-2025Q2"
subprocess.run([sys.executable, str(HERE / "cut_data.py"), str(SOURCE), "2025Q2", str(cut)], check=True)
# What was reported by the end of 2025: the quarters `track` compares against.
reported = WORK / "data-2025Q4"
subprocess.run([sys.executable, str(HERE / "cut_data.py"), str(SOURCE), "2025Q4", str(reported)], check=True)
forecast, simulate = WORK / "forecast-2025Q2.json", WORK / "simulate-2025Q2.json"
run("--data", str(cut), "forecast", "--format", "json", "--output", str(forecast))
run("--data", str(cut), "simulate", "--metric", "revenue,operating_margin", "--paths", "2000", "--format", "json",
    "--output", str(simulate))

# What the built-in data report for 2025Q3 and 2025Q4 (data/companies/*.json): revenue
# and company capex in millions of the reporting currency. Alibaba's 2025Q4 capex is not
# reported (the engine's estimate is not an actual), so it has no row.
REPORTED = {
    ("alibaba", "2025Q3", "revenue"): 39824, ("alibaba", "2025Q4", "revenue"): 43284,
    ("alibaba", "2025Q3", "capex_company"): 31501,
    ("amazon", "2025Q3", "revenue"): 33006, ("amazon", "2025Q4", "revenue"): 35579,
    ("amazon", "2025Q3", "capex_company"): 35095, ("amazon", "2025Q4", "capex_company"): 39522,
    ("google", "2025Q3", "revenue"): 15157, ("google", "2025Q4", "revenue"): 17664,
    ("google", "2025Q3", "capex_company"): 23953, ("google", "2025Q4", "capex_company"): 27851,
    ("microsoft", "2025Q3", "revenue"): 30897, ("microsoft", "2025Q4", "revenue"): 32907,
    ("microsoft", "2025Q3", "capex_company"): 19394, ("microsoft", "2025Q4", "capex_company"): 29876,
    # AWS operating income 12,465 on revenue 35,579 in 2025Q4.
    ("amazon", "2025Q4", "operating_margin"): 12465 / 35579,
}

for kind, path, rows_expected in (("forecast", forecast, 23), ("simulate", simulate, 16)):
    out = json.loads(run("--data", str(reported), "track", str(path), "--format", "json", "--paths", "1000"))
    check(out["schema_version"] == 1 and out["command"] == "track", f"{kind}: meta")
    check(out["source"]["kind"] == kind and out["source"]["scenario"] == "base", f"{kind}: source {out['source']}")
    check(out["cut"] == "2025Q2" and out["latest_reported"] == "2025Q4", f"{kind}: cut {out['cut']}")
    rows = [(c["id"], q) for c in out["companies"] for q in c["quarters"]]
    check(len(rows) == rows_expected, f"{kind}: {len(rows)} rows, expected {rows_expected}")
    periods = {q["period"] for _, q in rows}
    check(periods == {"2025Q3", "2025Q4"}, f"{kind}: periods {periods}")
    for company, q in rows:
        key = (company, q["period"], q["metric"])
        if key in REPORTED:
            check(abs(q["reported"] - REPORTED[key]) <= 1e-12 * abs(REPORTED[key]), f"{kind}: {key} reported {q['reported']}")
        check(abs(q["error"] - (q["projected"] - q["reported"])) <= 1e-9 * max(1, abs(q["reported"])),
              f"{kind}: {key} error {q['error']} != projected - reported")
        p = q["percentile"]
        if kind == "simulate" or q["metric"] == "revenue":
            check(p is not None and 0 <= p <= 100, f"{kind}: {key} percentile {p}")
            check(q["inside"] == (5 <= p <= 95), f"{kind}: {key} inside {q['inside']} at P{p}")
        else:
            check(p is None and q["inside"] is None, f"{kind}: {key} has a percentile without a distribution")
    ranking = out["ranking"]
    names = sorted(s["scenario"] for s in ranking)
    check(names == ["base", "base-uncertain", "bear", "bull", "obsolescence", "price-war"], f"{kind}: ranked {names}")
    # 4 companies x 2 quarters x (revenue, margin), all reported.
    check(all(s["cells"] == 16 for s in ranking), f"{kind}: cells {[s['cells'] for s in ranking]}")
    lls = [s["log_likelihood"] for s in ranking]
    check(all(math.isfinite(x) for x in lls) and lls == sorted(lls, reverse=True), f"{kind}: ranking order {lls}")
    check(abs(sum(s["weight"] for s in ranking) - 1) < 1e-12, f"{kind}: weights")
    check([s["rank"] for s in ranking] == list(range(1, 7)), f"{kind}: ranks")
    check(all(abs(s["behind_best"] - (lls[0] - s["log_likelihood"])) < 1e-9 for s in ranking), f"{kind}: behind_best")
    base_uncertain = next(s for s in ranking if s["scenario"] == "base-uncertain")
    check(base_uncertain["distributions"] and not next(s for s in ranking if s["scenario"] == "base")["distributions"],
          f"{kind}: distributions flags")

# The table names each projected-versus-reported quarter and the ranking.
table = run("--data", str(reported), "track", str(forecast), "--paths", "1000")
for line in ("amazon: projected (forecast 'base') against reported", "2025Q4   revenue           USD m",
             "Scenarios ranked by the likelihood of the figures reported after 2025Q2", "base-uncertain"):
    check(line in table, f"table lacks '{line}'")

# The CI gate: the base forecast missed Amazon's 2025Q4 revenue far outside its 50 % band
# (every format exits the same); a 99.9999 % band of the simulate output is checked to exit
# 0 or 1 in agreement with the rows' percentiles.
run("--data", str(reported), "track", str(forecast), "--fail-outside", "50", "--paths", "200", "--format", "csv",
    expect=1)
out = json.loads(run("--data", str(reported), "track", str(simulate), "--format", "json", "--paths", "200"))
lo, hi = (100 - 99.9999) / 2, (100 + 99.9999) / 2
outside = sum(1 for c in out["companies"] for q in c["quarters"] if not lo <= q["percentile"] <= hi)
run("--data", str(reported), "track", str(simulate), "--fail-outside", "99.9999", "--paths", "200",
    expect=1 if outside else 0)

if failures:
    sys.exit("track e2e failed:\n  " + "\n  ".join(failures))
print(f"track e2e: forecast 23 rows, simulate 16 rows, 6 scenarios ranked; {outside} simulate figures outside P99.9999")
