#!/usr/bin/env bash
# M3 quarterly benchmark: cloudcast against R's forecast package on the same series in
# the same run, printed as one table (per method sMAPE, MASE, OWA and wall time).
#
#   bench/m3.sh                 # full run: builds Release, runs cloudcast and R
#   THREADS=2 bench/m3.sh       # cloudcast threads (default 2)
#   R_OUT=DIR bench/m3.sh       # reuse R results already in DIR instead of re-running R
#
# Reads ../shared/data/m3/m3-quarterly-dev.csv (never copied) and runs
# ../shared/bench/m3-r-baseline.R. Writes everything under build-bench/m3/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
data_dir=../shared/data/m3
r_script=../shared/bench/m3-r-baseline.R
threads=${THREADS:-2}
out=build-bench/m3
mkdir -p "$out"

# 1. R and the forecast package (benchmark-only dependencies).
if ! command -v Rscript >/dev/null || ! Rscript -e 'suppressPackageStartupMessages(library(forecast))' >/dev/null 2>&1; then
  echo "m3.sh: installing r-base-core r-cran-forecast" >&2
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd=sudo
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq r-base-core r-cran-forecast >/dev/null
fi

# 2. cloudcast, Release.
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DCLOUDCAST_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench -j2 --target cloudcast >/dev/null
bin=build-bench/src/cli/cloudcast

now() { date +%s.%N; }
# 3. cloudcast: every model in one run (the timed total), then each model alone for its time.
TIMEFORMAT='%R %U %S'
{ time "$bin" backtest --series "$data_dir/m3-quarterly-dev.csv" --threads "$threads" \
  --format json --output "$out/cloudcast.json" --forecasts-out "$out/cloudcast-forecasts.csv" --quiet ; } 2> "$out/cloudcast-all-time.txt"
read -r real user sys < "$out/cloudcast-all-time.txt"
echo "all $real" > "$out/cloudcast-times.txt"
echo "all_cpu $(echo "$user + $sys" | bc)" >> "$out/cloudcast-times.txt"
models=$(python3 -c 'import json,sys; print(" ".join(r["method"] for r in json.load(open(sys.argv[1]))["tables"][0]["rows"]))' "$out/cloudcast.json")
for m in $models; do
  t0=$(now)
  "$bin" backtest --series "$data_dir/m3-quarterly-dev.csv" --threads "$threads" --models "$m" --format json --quiet >/dev/null
  t1=$(now)
  echo "$m $(echo "$t1 - $t0" | bc)" >> "$out/cloudcast-times.txt"
done

# 4. R: every method (single thread, as R's script does), unless R_OUT points at a previous run.
r_out=${R_OUT:-$out/r}
if [ -z "${R_OUT:-}" ]; then
  echo "m3.sh: running R (about 70 s of ets/auto.arima)" >&2
  Rscript "$r_script" --data "$data_dir" --out "$r_out" > "$out/r-log.txt"
fi
# R's own metric code on cloudcast's forecasts: an independent check of our scoring.
Rscript "$r_script" --data "$data_dir" --score "$out/cloudcast-forecasts.csv" > "$out/r-score-of-cloudcast.txt"

# 5. One table.
python3 - "$out" "$r_out" "$threads" <<'PY'
import csv, json, sys
out, r_out, threads = sys.argv[1], sys.argv[2], sys.argv[3]
cc = {row["method"]: row for row in json.load(open(f"{out}/cloudcast.json"))["tables"][0]["rows"]}
times = dict(line.split() for line in open(f"{out}/cloudcast-times.txt"))
r = {row["method"]: row for row in csv.DictReader(open(f"{r_out}/r-metrics.csv")) if row["subset"] == "all"}
# R's numbers on cloudcast's forecasts (R's metric code): method -> (smape, mase)
rs = {}
for line in open(f"{out}/r-score-of-cloudcast.txt"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 4 and cells[0] in cc:
        rs.setdefault(cells[0], (float(cells[1]), float(cells[2])))
pairs = [("naive", "Naive", 1), ("snaive", "sNaive", 1), ("naive2", "Naive2", 1), ("ses", "SES", 1),
         ("holt", "Holt", 1), ("damped", "Damped", 1), ("ses_raw", "SES (raw)", 1), ("damped_raw", "Damped (raw)", 1),
         ("ets", "ETS", 2), ("", "ARIMA", None), ("theta", "Theta", 1), ("comb_shd", "Comb S-H-D", None)]
rows, fails = [], []
def fmt(v, d=3): return "" if v is None else f"{v:.{d}f}"
for ours, theirs, tol in pairs:
    c = cc.get(ours); rr = r.get(theirs)
    if c is None and rr is None: continue
    row = [ours or "-", fmt(c and c["sMAPE"]), fmt(c and c["MASE"]), fmt(c and c["OWA"]), fmt(c and float(times.get(ours, "nan")), 2),
           theirs, fmt(rr and float(rr["smape"])), fmt(rr and float(rr["mase"])), fmt(rr and float(rr["owa"])), fmt(rr and float(rr["time_s"]), 2)]
    check = ""
    if c and rr and tol:
        ds = abs(c["sMAPE"] / float(rr["smape"]) - 1) * 100; dm = abs(c["MASE"] / float(rr["mase"]) - 1) * 100
        ok = ds <= tol and dm <= tol
        check = f"{ds:.2f}/{dm:.2f} {'ok' if ok else 'FAIL'} (<= {tol} %)"
        if not ok: fails.append(ours)
    rows.append(row + [check])
extra = [m for m in cc if m not in {p[0] for p in pairs}]
best_r = r["Comb ETS-ARIMA-Theta"]
for m in extra:
    c = cc[m]
    rows.append([m, fmt(c["sMAPE"]), fmt(c["MASE"]), fmt(c["OWA"]), fmt(float(times.get(m, "nan")), 2),
                 "Comb ETS-ARIMA-Theta" if m == "comb" else "", fmt(float(best_r["smape"])) if m == "comb" else "",
                 fmt(float(best_r["mase"])) if m == "comb" else "", fmt(float(best_r["owa"])) if m == "comb" else "",
                 fmt(float(best_r["time_s"]), 2) if m == "comb" else "", ""])
head = ["cloudcast", "sMAPE", "MASE", "OWA", "time s", "R forecast 8.20", "sMAPE", "MASE", "OWA", "time s", "|diff| sMAPE/MASE %"]
w = [max(len(str(x[i])) for x in rows + [head]) for i in range(len(head))]
line = lambda x: "| " + " | ".join(str(v).ljust(w[i]) if i in (0, 5, 10) else str(v).rjust(w[i]) for i, v in enumerate(x)) + " |"
n_series = int(next(iter(cc.values()))["series"])
print(f"M3 quarterly (dev half), {n_series} series, horizon 8; cloudcast on {threads} threads, R single-threaded")
print(line(head)); print("|" + "|".join("-" * (x + 2) for x in w) + "|")
for x in rows: print(line(x))
# Targets.
rec = cc["comb"]
beats = all(rec["sMAPE"] < float(v["smape"]) and rec["MASE"] < float(v["mase"]) for v in r.values())
same = [p for p in pairs if p[0] in cc and p[1] in r]
r_time = sum(float(r[p[1]]["time_s"]) for p in same)
cc_time = float(times["all"])
print()
print(f"recommended (comb): sMAPE {rec['sMAPE']:.3f}, MASE {rec['MASE']:.3f}; beats every R row on both: {'yes' if beats else 'NO'}")
print(f"implementations within tolerance of R: {'all' if not fails else 'NOT ' + ', '.join(fails)}")
cc_cpu = float(times["all_cpu"])
print(f"time: cloudcast all {len(cc)} methods {cc_time:.2f} s wall, {cc_cpu:.2f} s CPU (process start and CSV load included) "
      f"vs R {r_time:.2f} s wall for the {len(same)} counterpart methods: ratio 1/{r_time / cc_time:.1f} (wall)")
try:
    print("load average during the run:", open("/proc/loadavg").read().split()[:3])
except OSError:
    pass
agree = [m for m in rs if abs(rs[m][0] - cc[m]["sMAPE"]) < 5e-4 and abs(rs[m][1] - cc[m]["MASE"]) < 5e-4]
print(f"R's --score on cloudcast's forecasts agrees with cloudcast's metrics (to the 3 decimals R prints) for {len(agree)} of {len(rs)} methods")
PY
