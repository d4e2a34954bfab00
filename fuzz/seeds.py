#!/usr/bin/env python3
"""Writes the seed corpus and dictionary of every fuzz target from the repository's own
files: data/, the test fixtures, the goldens, the JSON examples in docs/, and the
index.json of a batch run by the fuzz build's cloudcast. Nothing comes from outside.

usage: fuzz/seeds.py OUT_DIR CLOUDCAST_BINARY
OUT_DIR/<target>/ holds the seeds, OUT_DIR/<target>.dict the libFuzzer dictionary."""

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BAD = "tests/e2e/fixtures/bad/"
MIN = "tests/e2e/fixtures/good/data-min/"


def files(*patterns):
    found = []
    for pattern in patterns:
        found += sorted(p for p in glob.glob(os.path.join(ROOT, pattern)) if os.path.isfile(p))
    return [open(path, "rb").read() for path in found]


def doc_json_blocks(has_key):
    """The ```json examples of docs/ whose top-level object has the key."""
    blocks = []
    for path in sorted(glob.glob(os.path.join(ROOT, "docs", "*.md"))):
        text = open(path, encoding="utf-8").read()
        for block in re.findall(r"```json\n(.*?)```", text, re.S):
            try:
                value = json.loads(block)
            except ValueError:
                continue
            if isinstance(value, dict) and has_key in value:
                blocks.append(block.encode())
    return blocks


def batch_outputs(binary):
    """index.json and the diff reports of tests/batch/fixtures/small.json, run by the
    fuzz build's own binary, so the index seed is the format of the code under test."""
    out = tempfile.mkdtemp(prefix="cloudcast-seeds-")
    try:
        subprocess.run([binary, "batch", "tests/batch/fixtures/small.json", "--out", os.path.join(out, "b"), "--quiet"],
                       cwd=ROOT, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        index = files_in(os.path.join(out, "b", "index.json"))
        reports = [b for p, b in sorted(read_all(os.path.join(out, "b", "*.json"))) if not p.endswith("index.json")]
        return index, reports
    finally:
        shutil.rmtree(out)


def files_in(path):
    return [open(path, "rb").read()] if os.path.exists(path) else []


def read_all(pattern):
    return [(p, open(p, "rb").read()) for p in glob.glob(pattern)]


def events():
    found = set()
    for path in glob.glob(os.path.join(ROOT, "data", "scenarios", "*.json")):
        found.update(json.load(open(path)).get("events", []))
    texts = glob.glob(os.path.join(ROOT, "docs", "*.md")) + [os.path.join(ROOT, "README.md")]
    texts += glob.glob(os.path.join(ROOT, "tests", "e2e", "*.cmake"))
    for path in texts:
        found.update(re.findall(r"""--prob[ =]["']([^"']+)["']""", open(path, encoding="utf-8").read()))
    return sorted(e.encode() for e in found)


def json_tokens(seeds):
    """Keys and short string values of the seeds, plus JSON's own punctuation and the
    numbers that have broken parsers before."""
    tokens = {"{", "}", "[", "]", ":", ",", '"', "null", "true", "false", "-0", "1e999", "-1e999", "1e308",
              "4.9e-324", "NaN", "Infinity", "\\u0000", "\\ud800", "0.000000000000000000001"}

    def walk(value):
        if isinstance(value, dict):
            for key, item in value.items():
                tokens.add(json.dumps(key))
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and len(value) <= 24:
            tokens.add(json.dumps(value))

    for seed in seeds:
        for part in seed.split(b"\0"):
            try:
                walk(json.loads(part))
            except ValueError:
                pass
    return tokens


def word_tokens(seeds):
    tokens = {",", "\n", "\r\n", "\ufeff", "1e308", "nan", "inf", "-0", "<", "<=", ">", ">=", "@", "."}
    for seed in seeds:
        tokens.update(re.findall(r"[A-Za-z_][A-Za-z0-9_]*|\d{4}Q\d", seed.decode("utf-8", "replace")))
    return tokens


def write(out, target, seeds, tokens):
    folder = os.path.join(out, target)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for i, seed in enumerate(seeds):
        with open(os.path.join(folder, f"seed-{i:03d}"), "wb") as f:
            f.write(seed)
    with open(os.path.join(out, target + ".dict"), "w", encoding="utf-8") as f:
        for token in sorted(tokens):
            escaped = "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else
                              "".join(f"\\x{b:02x}" for b in c.encode()) for c in token)
            f.write(f'"{escaped}"\n')
    return len(seeds)


def main():
    out, binary = sys.argv[1], sys.argv[2]
    index, reports = batch_outputs(binary)
    golden = lambda name: files(f"tests/golden/expected/{name}.json")[0]
    fixture = lambda name: files(f"tests/batch/fixtures/{name}.json")[0]
    targets = {
        "company": files("data/companies/*.json", MIN + "companies/*.json", BAD + "data-*.json"),
        "fx": files("data/fx.json", MIN + "fx.json", BAD + "data-fx-*.json") + doc_json_blocks("rates"),
        "scenario": files("data/scenarios/*.json", BAD + "scenario-*.json", BAD + "distribution-*.json",
                          BAD + "correlation-*.json"),
        "manifest": files("data/batch/*.json", "tests/golden/manifest.json", "tests/batch/fixtures/small.json")
        + doc_json_blocks("runs"),
        "index": index,
        "tolerances": files("tests/golden/tolerances.json") + doc_json_blocks("default"),
        "series_csv": files("tests/e2e/fixtures/*/series-*.csv"),
        "diff": [fixture("base"), fixture("base") + b"\0" + fixture("moved"), golden("backtest"),
                 golden("forecast-base") + b"\0" + golden("forecast-bear")] + reports,
        "event": events(),
    }
    for target, seeds in targets.items():
        if not seeds:
            sys.exit(f"fuzz/seeds.py: no seeds for {target}; expected repository files to start from")
        tokens = word_tokens(seeds) if target in ("series_csv", "event") else json_tokens(seeds)
        print(f"{target}: {write(out, target, seeds, tokens)} seeds, {len(tokens)} dictionary tokens")


if __name__ == "__main__":
    main()
