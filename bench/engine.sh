#!/usr/bin/env bash
# Engine backtest bench (issue 9's targets): `cloudcast backtest --engine --from 2024Q2`
# for the base scenario with every baseline model, our figures beside the rules of thumb
# on the same cells, and PASS/MISS per target. A bench, not a test: it never fails.
#
#   bench/engine.sh                    # every baseline model
#   MODELS="trend comb" bench/engine.sh
#   SCENARIO=bull FROM=2024Q3 bench/engine.sh
#   BIN=build/src/cli/cloudcast bench/engine.sh   # an existing Release binary, no build
#
# Targets (issue 9): revenue MAPE over horizons 1-4 <= 0.8 x the YoY rule's; revenue
# MAPE at horizon 1 <= 2.5 %; operating-margin error over horizons 1-4 below the naive
# last-margin rule's. Writes build-bench/engine/<model>.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scenario=${SCENARIO:-base}
from=${FROM:-2024Q2}
out=build-bench/engine
mkdir -p "$out"

if [ -n "${BIN:-}" ]; then
  bin=$BIN
else
  launcher=$(command -v ccache || true)
  cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCLOUDCAST_BUILD_TESTS=OFF \
    ${launcher:+-DCMAKE_CXX_COMPILER_LAUNCHER=$launcher} >/dev/null
  cmake --build build-bench -j2 --target cloudcast >/dev/null
  bin=build-bench/src/cli/cloudcast
fi

# Every model --model accepts (baseline_models() = the forecasting registry): the methods
# of the forecasting backtest on the company data, which runs all of them.
models=${MODELS:-$("$bin" backtest --format json --quiet |
  python3 -c 'import json,sys; print(" ".join(r["method"] for r in json.load(sys.stdin)["tables"][0]["rows"]))')}

for m in $models; do
  "$bin" backtest --engine --scenario "$scenario" --model "$m" --from "$from" --format json --quiet > "$out/$m.json"
done

python3 - "$out" "$scenario" "$from" $models <<'PY'
import json, sys
out, scenario, origin, models = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]

def summary(model):
    doc = json.load(open(f"{out}/{model}.json"))
    table = next(t for t in doc["tables"] if t["title"].startswith("Summary"))
    return {(r["metric"].split(" ")[0], r["horizons"]): r for r in table["rows"]}

def f(x):
    return "-" if x is None else f"{x:.2f}"

def verdict(ok):
    return "PASS" if ok else "MISS"

print(f"Engine backtest, scenario {scenario}, origins from {origin} (bench/engine.sh)")
print(f"{'model':<10} {'target':<44} {'ours':>7} {'rule':>7} {'limit':>7}  result  cells")
for m in models:
    s = summary(m)
    rev4, rev1, mar4 = s[("revenue", "1-4")], s[("revenue", "1")], s[("operating", "1-4")]
    rows = [
        ("revenue MAPE h1-4 <= 0.8 x YoY rule (%)", rev4["ours"], rev4["yoy_rule"],
         None if rev4["yoy_rule"] is None else 0.8 * rev4["yoy_rule"], rev4["cells"]),
        ("revenue MAPE h1 <= 2.5 %", rev1["ours"], rev1["yoy_rule"], 2.5, rev1["cells"]),
        ("margin error h1-4 < naive (points)", mar4["ours"], mar4["naive"], mar4["naive"], mar4["cells"]),
    ]
    for i, (name, ours, rule, limit, cells) in enumerate(rows):
        ok = ours is not None and limit is not None and (ours < limit if i == 2 else ours <= limit)
        print(f"{m:<10} {name:<44} {f(ours):>7} {f(rule):>7} {f(limit):>7}  {verdict(ok):<6}  {cells:.0f}")
    cap = s[("company", "1-4")]
    print(f"{m:<10} {'capex MAPE h1-4 (info): naive / snaive / YoY':<44} {f(cap['ours']):>7} "
          f"{f(cap['naive'])}/{f(cap['seasonal_naive'])}/{f(cap['yoy_rule'])}  {cap['cells']:.0f}")
print("A model that needs more than 8 quarters of history skips the earliest origins: compare its cells.")
PY
