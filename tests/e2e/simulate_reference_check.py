#!/usr/bin/env python3
"""bench/simulate.sh's NumPy reference (bench/simulate_reference.py) against `forecast`, with
no randomness: every driver a point value or a point mass, no baseline error. Each path of
the reference must then give forecast's figures in every company, headline metric and
projected quarter, to the float32 the reference keeps its paths in (relative 2.4e-7, four
units in the last place). Without this, an engine change the reference does not follow
shows up only as a MISS of the 10^6-path benchmark (the margin trend, decision 0770, did:
Google's last-quarter margin 0.4411 in cloudcast against the reference's 0.3068).

Two scenarios: base as shipped, and every company's AI share (two AI volume growths and
Google's margin-trend damping too) a point mass away from its point value, so each path
refits its core baseline (decision 0750) and damps the trend at its own phi; cost
discipline 0 there, since its reference path stays at the point values (docs/model.md).

Usage: simulate_reference_check.py BIN SOURCE_DIR WORK_DIR (python3 with NumPy)."""
import json
import os
import pathlib
import subprocess
import sys

try:
    import numpy  # noqa: F401  (the reference's only dependency beyond the standard library)
except ImportError:
    print("SKIPPED: NumPy is not installed for this python3 (Debian: python3-numpy)")
    sys.exit(0)

BIN, SOURCE, WORK = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
REFERENCE = SOURCE / "bench" / "simulate_reference.py"
METRICS = ("revenue", "operating_income", "operating_margin", "free_cash_flow")
TOLERANCE = 2.4e-7  # 4 x 2^-24 relative: the reference stores each path's figure as float32
PATHS = 3  # identical paths: more would only repeat them

PINNED = {"defaults": {"cost_discipline": 0}, "companies": {
    "alibaba": {"ai_share": {"dist": "normal", "mean": 0.14, "sd": 0, "base": 0.2},
                "ai_volume_growth": {"dist": "normal", "mean": 1.1, "sd": 0, "base": 1.5}},
    "microsoft": {"ai_share": {"dist": "normal", "mean": 0.26, "sd": 0, "base": 0.2}},
    "amazon": {"ai_share": {"dist": "normal", "mean": 0.072, "sd": 0, "base": 0.1},
               "ai_volume_growth": {"dist": "normal", "mean": 0.7, "sd": 0, "base": 1.0}},
    "google": {"ai_share": {"dist": "normal", "mean": 0.11, "sd": 0, "base": 0.15},
               "margin_trend_damping": {"dist": "normal", "mean": 0.6, "sd": 0, "base": 0.8}}}}


def stated(scenario):
    """The same scenario with each point mass written as its value, for forecast."""
    return {**scenario, "companies": {
        company: {k: (v["mean"] if isinstance(v, dict) else v) for k, v in drivers.items()}
        for company, drivers in scenario["companies"].items()}}


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    if p.returncode != 0:
        sys.exit(f"{BIN} {' '.join(args)}: exit {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p.stdout


def compare(name, uncertain, deterministic):
    model, ref = WORK / f"{name}-model.json", WORK / f"{name}-reference.json"
    run("simulate", "--scenario", uncertain, "--paths", "1", "--no-baseline-error", "--dump-model", str(model),
        "--format", "json", "--quiet")
    p = subprocess.run([sys.executable, str(REFERENCE), str(model), str(PATHS), str(ref)], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"{REFERENCE} {model}: exit {p.returncode}\n{p.stderr}")
    reference = {c["id"]: c["metrics"] for c in json.load(open(ref))["companies"]}
    forecast = json.loads(run("forecast", "--scenario", deterministic, "--format", "json", "--quiet"))
    failures, cells, worst = [], 0, 0.0
    for company in forecast["companies"]:
        projected = [q for q in company["quarters"] if not q["actual"]]
        for metric in METRICS:
            ours = reference[company["id"]][metric]
            if len(ours["mean"]) != len(projected):
                failures.append(f"{company['id']} {metric}: {len(ours['mean'])} quarters, forecast has {len(projected)}")
                continue
            for h, q in enumerate(projected):
                expected = q[metric]
                # Every path is the same: the mean and every percentile are that path.
                for stat in ("mean", "P5", "P50", "P95"):
                    got = ours[stat][h]
                    error = abs(got - expected) / abs(expected) if expected != 0 else abs(got)
                    worst = max(worst, error)
                    if not error <= TOLERANCE:
                        failures.append(f"{company['id']} {metric} {q['period']} {stat}: reference {got!r}, "
                                        f"forecast {expected!r} (relative {error:.3g})")
                cells += 1
    print(f"{name}: {cells} cells, reference against forecast at most {worst:.2g} relative")
    if cells != 4 * len(METRICS) * 12:
        failures.append(f"{cells} cells compared, expected {4 * len(METRICS) * 12} (4 companies x 12 quarters)")
    return failures


WORK.mkdir(parents=True, exist_ok=True)
pinned, pinned_stated = WORK / "pinned.json", WORK / "pinned-stated.json"
pinned.write_text(json.dumps({"name": "pinned", "base": "base", **PINNED}))
pinned_stated.write_text(json.dumps({"name": "pinned-stated", "base": "base", **stated(PINNED)}))
failures = compare("base", "base", "base") + compare("pinned", str(pinned), str(pinned_stated))
for line in failures[:40]:
    print(line)
if failures:
    sys.exit(f"{len(failures)} figures of the NumPy reference differ from forecast")
