#!/usr/bin/env python3
"""Compares tools/ets_m3 output with tools/ets_m3_r.R output, series by series.

    python3 tools/ets_m3_compare.py CC_FORECASTS.csv CC_SERIES.csv R_DIR [M3.csv]

Prints, per method, the largest relative forecast difference and the number of series
whose forecasts differ by more than 1e-6; for ETS, the same for the 80/95 % bounds, how
many series got R's form and R's AICc (within 1e-6 relative), and how many got a better or
worse AICc. With the M3 file, also the coverage of both engines' ETS intervals on the test
values.
"""
import csv
import sys
from collections import defaultdict


COLS = ["forecast", "lower80", "upper80", "lower95", "upper95"]


def forecasts(path, col="forecast"):
    out = defaultdict(dict)
    with open(path) as f:
        for r in csv.DictReader(f):
            if col in r and r[col] not in ("NA", ""):
                out[r["method"]][(r["series_id"], int(r["h"]))] = float(r[col])
    return out


def coverage(bounds_lo, bounds_hi, test):
    keys = [k for k in test if k in bounds_lo]
    inside = sum(bounds_lo[k] <= test[k] <= bounds_hi[k] for k in keys)
    return 100.0 * inside / len(keys)


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
    for col in COLS[1:]:
        a_b = forecasts(cc_f, col)["ETS"]
        b_b = forecasts(f"{r_dir}/r-forecasts.csv", col)["ETS"]
        rel = {k: abs(a_b[k] - v) / max(abs(v), 1e-12) for k, v in b_b.items()}
        bad = {k[0] for k, d in rel.items() if d > 1e-6}
        print(f"ETS {col}: max relative difference {max(rel.values()):.2e}; "
              f"series differing > 1e-6: {len(bad)}")
    if len(sys.argv) > 4:
        test = {}
        with open(sys.argv[4]) as f:
            n_train = defaultdict(int)
            rows = list(csv.DictReader(f))
            for r in rows:
                if r["kind"] == "train":
                    n_train[r["series_id"]] += 1
            for r in rows:
                if r["kind"] == "test":
                    test[(r["series_id"], int(r["index"]) - n_train[r["series_id"]])] = float(r["value"])
        for name, path in (("cloudcast", cc_f), ("R", f"{r_dir}/r-forecasts.csv")):
            lo80, hi80 = forecasts(path, "lower80")["ETS"], forecasts(path, "upper80")["ETS"]
            lo95, hi95 = forecasts(path, "lower95")["ETS"], forecasts(path, "upper95")["ETS"]
            print(f"ETS interval coverage on the test values, {name}: "
                  f"80 %: {coverage(lo80, hi80, test):.1f} %, 95 %: {coverage(lo95, hi95, test):.1f} %")
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
