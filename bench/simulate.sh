#!/usr/bin/env bash
# Monte Carlo benchmark (issue 4): 1,000,000 paths x 12 quarters x every shipped company
# of base-uncertain (every assumption-driven driver a distribution, plus each baseline's
# forecast error), timed (wall) with peak memory, side by side in the same run with
#   * a NumPy reference implementation of the same model (bench/simulate_reference.py,
#     reading the calibrated state cloudcast dumps with --dump-model; the core + AI engine,
#     each path refitting the core baseline at its own AI statement, the margin trend),
#     printed beside cloudcast's figures, and
#   * NumPy merely drawing and compounding one normal per company-quarter.
# Then checks: --threads 1 and --threads 2 JSON bit-identical (cmp), and a lognormal
# driver (Amazon's AI share) gives revenue's P5/P50/P95 at the share's analytic ones at 1e6 paths.
#
#   bench/simulate.sh            # PATHS=1000000 THREADS=2 by default
#   PATHS=200000 bench/simulate.sh
#   BIN=build/src/cli/cloudcast bench/simulate.sh   # an existing Release binary, no build
#
# Writes everything under build-bench/simulate/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
paths=${PATHS:-1000000}
threads=${THREADS:-2}
metrics=revenue,operating_income,operating_margin,free_cash_flow
out=build-bench/simulate
mkdir -p "$out"
py=/usr/bin/python3  # Debian's python3 with python3-numpy, not a pyenv shim

# 1. Benchmark-only packages: GNU time (peak memory) and NumPy.
missing=()
[ -x /usr/bin/time ] || missing+=(time)
$py -c 'import numpy' 2>/dev/null || missing+=(python3-numpy)
if [ ${#missing[@]} -gt 0 ]; then
  echo "simulate.sh: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  # Without them there is no peer figure to print beside ours: say so and stop (a
  # machine without apt or the network), rather than print cloudcast's time alone.
  if ! { $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
    echo "SKIPPED: ${missing[*]} not installable here; no NumPy figure to compare with"
    exit 0
  fi
fi

# 2. cloudcast, Release (BIN=path: an existing Release binary, no build, as bench/engine.sh).
if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCLOUDCAST_BUILD_TESTS=OFF >/dev/null
  cmake --build build-bench -j2 --target cloudcast >/dev/null
  bin=build-bench/src/cli/cloudcast
fi

# Runs a command under GNU time; appends "label wall_s peak_kb" to $out/times.txt.
timed() {
  local label=$1
  shift
  /usr/bin/time -f "%e %M %U %S" -o "$out/$label.time" "$@"
  echo "$label $(cat "$out/$label.time")" >> "$out/times.txt"
}
: > "$out/times.txt"

# The machine, so that a run elsewhere can be read (issue 13: 2.38 s on a 2-core Xeon):
# the CPU, how many logical CPUs and threads per core (two threads on one core share its
# units), the SIMD bodies cloudcast picks there (decisions 0670, 0680: from the CPU's
# flags and the two environment variables), and the load average before the runs.
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
bodies=sse2
if [ -z "${CLOUDCAST_NO_AVX2:-}" ] && [[ " $flags " == *" avx2 "* ]]; then
  bodies=avx2
  if [ -z "${CLOUDCAST_NO_AVX512:-}" ] && [[ " $flags " == *" avx512f "* && " $flags " == *" avx512dq "* &&
    " $flags " == *" avx512bw "* && " $flags " == *" avx512vl "* ]]; then
    bodies=avx512
  fi
fi
{
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')"
  echo "logical cpus: $(nproc), threads per core: $(lscpu 2>/dev/null | awk -F: '/^Thread\(s\) per core/ {gsub(/ /, "", $2); print $2}')"
  echo "simd bodies: $bodies"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$out/machine.txt"

# 3. cloudcast: the calibrated model for the reference, then the timed runs.
$bin simulate --scenario base-uncertain --paths 1 --dump-model "$out/model.json" --format json --quiet > /dev/null
timed cloudcast_t$threads $bin simulate --scenario base-uncertain --paths "$paths" --seed 42 --threads "$threads" \
  --metric "$metrics" --format json --quiet --output "$out/cloudcast-t$threads.json"
timed cloudcast_t1 $bin simulate --scenario base-uncertain --paths "$paths" --seed 42 --threads 1 \
  --metric "$metrics" --format json --quiet --output "$out/cloudcast-t1.json"
if cmp -s "$out/cloudcast-t1.json" "$out/cloudcast-t$threads.json"; then identical=yes; else identical=no; fi

# 4. NumPy: the same model, and the draw-and-compound floor.
timed numpy_model $py bench/simulate_reference.py "$out/model.json" "$paths" "$out/numpy-model.json"

timed numpy_draw_compound $py - "$paths" <<'PY'
# The floor: one standard normal per company-quarter for every path, compounded.
import sys
import numpy as np
paths = int(sys.argv[1])
rng = np.random.default_rng(42)
z = rng.standard_normal((paths, 4, 12))
level = np.cumprod(1.0 + 0.02 * z, axis=2)
print(float(level[:, :, -1].mean()), file=sys.stderr)
PY

# 5. A lognormal driver: Amazon's AI share ~ lognormal (median 0.1, sigma 0.2), AI
#    capacity never binding (initial utilisation 1 %, max 100 %). Revenue rises with the
#    share, though not linearly (since issue 9 the share also backs AI out of the history
#    the core baseline is fitted to: 0.05, 0.1, 0.15, 0.2 give steps of 2,327, 2,478,
#    2,644), and each path refits the core at its own share (decision 0750), so each
#    percentile of revenue is forecast's revenue at that percentile of the share: three
#    deterministic runs at the share's analytic P5/P50/P95, compared with the simulation
#    at $paths paths.
cat > "$out/lognormal.json" <<'JSON'
{"name": "lognormal-check", "base": "base", "companies": {"amazon": {
  "ai_share": {"dist": "lognormal", "median": 0.1, "sigma": 0.2, "base": 0.1},
  "ai_initial_utilization": 0.01, "max_utilization": 1.0}}}
JSON
for point in P5:-1.6448536269514722 P50:0 P95:1.6448536269514722; do
  name=${point%%:*}
  share=$($py -c "import math; print(repr(math.exp(math.log(0.1) + 0.2 * ${point#*:})))")
  sed -e "s/{\"dist\": \"lognormal\", \"median\": 0.1, \"sigma\": 0.2, \"base\": 0.1}/$share/" \
    "$out/lognormal.json" > "$out/lognormal-$name.json"
  $bin forecast --scenario "$out/lognormal-$name.json" --company amazon --format json --quiet > "$out/lognormal-$name.out.json"
done
$bin simulate --scenario "$out/lognormal.json" --company amazon --no-baseline-error --paths "$paths" --threads "$threads" \
  --metric revenue --percentiles 5,50,95 --format json --quiet > "$out/lognormal-sim.json"

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/machine.txt"

# 6. The table and the targets.
$py - "$out" "$threads" "$identical" "$paths" <<'PY'
import json, math, sys
out, threads, identical, paths = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
times = {}
for line in open(f"{out}/times.txt"):
    label, wall, kb, user, system = line.split()
    times[label] = (float(wall), int(kb), float(user) + float(system))
ours = times[f"cloudcast_t{threads}"]
print(f"Monte Carlo benchmark: {paths:,} paths x 12 quarters x 4 companies, scenario base-uncertain")
print(open(f"{out}/machine.txt").read().rstrip())
print(f"{'run':<28}{'wall s':>10}{'CPU s':>10}{'peak MiB':>10}")
for label, (wall, kb, cpu) in times.items():
    print(f"{label:<28}{wall:>10.2f}{cpu:>10.2f}{kb / 1024:>10.0f}")
model, floor = times["numpy_model"][0], times["numpy_draw_compound"][0]
# Wall time is the target; CPU time (user + system) is printed beside it because on a
# shared machine the wall clock also measures everybody else's load.
checks = [
    (f"cloudcast ({threads} threads) >= 5x faster than the NumPy model", model / ours[0] >= 5, f"{model / ours[0]:.1f}x"),
    ("cloudcast no slower than NumPy draw-and-compound", ours[0] <= floor, f"{ours[0]:.2f} s vs {floor:.2f} s"),
    ("cloudcast peak memory < 1 GiB", ours[1] < 1024 * 1024, f"{ours[1] / 1024:.0f} MiB"),
    ("--threads 1 and --threads 2 JSON bit-identical (cmp)", identical == "yes", identical),
]
# Agreement of the two implementations (different random streams: within MC error), and
# each company's last quarter side by side: cloudcast's mean and P50 beside NumPy's.
ref = json.load(open(f"{out}/numpy-model.json"))
sim = json.load(open(f"{out}/cloudcast-t{threads}.json"))
worst = 0.0
print()
print(f"{'last quarter':<34}{'cloudcast mean':>16}{'NumPy mean':>16}{'SE apart':>10}{'cloudcast P50':>16}{'NumPy P50':>16}")
for rc, sc in zip(ref["companies"], sim["companies"]):
    for sm in sc["metrics"]:
        r = rc["metrics"][sm["metric"]]
        for h, qv in enumerate(sm["quarters"]):
            se = qv["std_error"] or 1e-300
            apart = abs(qv["mean"] - r["mean"][h]) / (se * math.sqrt(2))
            worst = max(worst, apart)
        last = sm["quarters"][-1]
        label = f"{sc['id']} {sm['metric']} {last['period']}"
        print(f"{label:<34}{last['mean']:>16,.4g}{r['mean'][-1]:>16,.4g}{apart:>10.2f}"
              f"{last['percentiles']['P50']:>16,.4g}{r['P50'][-1]:>16,.4g}")
checks.append(("cloudcast and NumPy means agree (|diff| < 5 combined SE)", worst < 5, f"max {worst:.2f} SE"))
# The lognormal check: revenue at the share's analytic percentiles.
ls = json.load(open(f"{out}/lognormal-sim.json"))
cell = ls["companies"][0]["metrics"][0]["quarters"][-1]
lines, ok = [], True
for name in ("P5", "P50", "P95"):
    run = json.load(open(f"{out}/lognormal-{name}.out.json"))
    analytic = [q for q in run["companies"][0]["quarters"] if not q["actual"]][-1]["revenue"]
    lo, hi = cell["percentile_ci95"][name]
    se = (hi - lo) / (2 * 1.96)
    err = abs(cell["percentiles"][name] - analytic)
    ok = ok and err < 4 * se
    lines.append(f"{name} {cell['percentiles'][name]:,.1f} vs {analytic:,.1f} ({err / se:.2f} SE)")
checks.append((f"lognormal driver -> revenue: P5/P50/P95 within 4 SE of analytic at {paths:,} paths", ok, "; ".join(lines)))
print()
failed = 0
for name, passed, detail in checks:
    print(f"[{'PASS' if passed else 'MISS'}] {name}: {detail}")
    failed += not passed
print(f"\n{len(checks) - failed} of {len(checks)} targets met")
PY
