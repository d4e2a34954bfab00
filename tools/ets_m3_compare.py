#!/usr/bin/env python3
"""Compares tools/ets_m3 output with tools/ets_m3_r.R output, series by series.

    python3 tools/ets_m3_compare.py CC_FORECASTS.csv CC_SERIES.csv R_DIR

Prints, per method, the largest relative forecast difference and the number of series
whose forecasts differ by more than 1e-6; for ETS, how many series got R's form and R's
AICc (within 1e-6 relative), and how many got a better or worse AICc.
"""
import csv
import sys
from collections import defaultdict


def forecasts(path):
    out = defaultdict(dict)
    with open(path) as f:
        for r in csv.DictReader(f):
            out[r["method"]][(r["series_id"], int(r["h"]))] = float(r["forecast"])
    return out


def series(path):
    with open(path) as f:
        return {r["series_id"]: (r["model"], float(r["aicc"])) for r in csv.DictReader(f)}


def main():
    cc_f, cc_s, r_dir = sys.argv[1:4]
    a, b = forecasts(cc_f), forecasts(f"{r_dir}/r-forecasts.csv")
    for m in b:
        rel = {k: abs(a[m][k] - v) / max(abs(v), 1e-12) for k, v in b[m].items()}
        bad = {k[0] for k, d in rel.items() if d > 1e-6}
        print(f"{m:7s} max relative difference {max(rel.values()):.2e}; "
              f"series differing > 1e-6: {len(bad)} of {len({k[0] for k in rel})}")
    x, y = series(cc_s), series(f"{r_dir}/r-ets-series.csv")
    same = sum(x[k][0] == y[k][0] for k in y)
    tol = lambda k: 1e-6 * abs(y[k][1])
    equal = sum(abs(x[k][1] - y[k][1]) <= tol(k) for k in y)
    better = sum(x[k][1] < y[k][1] - tol(k) for k in y)
    worse = sum(x[k][1] > y[k][1] + tol(k) for k in y)
    print(f"ETS form as R: {same} of {len(y)}; AICc equal {equal}, better {better}, worse {worse}")
    for k in y:
        if x[k][0] != y[k][0] or abs(x[k][1] - y[k][1]) > tol(k):
            print(f"  {k}: R {y[k][0]} AICc {y[k][1]:.6f}; cloudcast {x[k][0]} AICc {x[k][1]:.6f}")


if __name__ == "__main__":
    main()
