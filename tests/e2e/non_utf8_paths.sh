#!/bin/sh
# Defect C of issue 11: a path whose bytes are not UTF-8 (d\xff) ends up in JSON output.
# Each command must succeed and write valid UTF-8 JSON with U+FFFD where the byte was
# (it used to exit 70, and batch wrote every report but no index.json).
# Usage: non_utf8_paths.sh BIN WORKDIR DATA_DIR BATCH_FIXTURES_DIR
set -u
bin=$1 work=$2 good=$3 fixtures=$4
ff=$(printf '\377')
replacement=$(printf '\357\277\275')  # U+FFFD in UTF-8
rm -rf "$work" && mkdir -p "$work" || exit 1
failed=0
fail() { echo "FAIL: $*"; failed=1; }
# $1: what, $2: file holding the JSON, $3: the text (with U+FFFD) it must contain
check_json() {
  iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1 || fail "$1: not valid UTF-8"
  grep -qF "$3" "$2" || fail "$1: lacks '$3'"
}

cp -r "$good" "$work/d$ff"
"$bin" --data "$work/d$ff" forecast --format json >"$work/forecast.json" 2>"$work/forecast.err"
code=$?
[ "$code" -eq 0 ] || fail "forecast under --data d\\xff: exit $code ($(cat "$work/forecast.err"))"
check_json "forecast --format json" "$work/forecast.json" "d$replacement"

cp "$fixtures/base.json" "$work/$ff.json"
"$bin" diff "$work/$ff.json" "$fixtures/base.json" --format json >"$work/diff.json" 2>"$work/diff.err"
code=$?
[ "$code" -eq 0 ] || fail "diff \\xff.json: exit $code ($(cat "$work/diff.err"))"
check_json "diff --format json" "$work/diff.json" "$replacement.json"

printf '{"runs": [{"name": "same", "command": "diff", "args": ["%s", "%s"]}]}\n' \
  "$fixtures/base.json" "$fixtures/base.json" >"$work/m$ff.json"
"$bin" batch "$work/m$ff.json" --out "$work/out" >"$work/batch.out" 2>"$work/batch.err"
code=$?
[ "$code" -eq 0 ] || fail "batch m\\xff.json: exit $code ($(cat "$work/batch.err"))"
[ -f "$work/out/index.json" ] || fail "batch m\\xff.json: no index.json"
[ -f "$work/out/index.json" ] && check_json "batch index.json" "$work/out/index.json" "m$replacement.json"
[ "$failed" -eq 0 ] && echo "non-UTF-8 paths: forecast, diff and batch write valid JSON"
exit "$failed"
