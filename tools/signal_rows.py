"""One row of data/sources/signals.csv -> one object of a company file's `signals` array
(backlog, run rates, capacity statements, price actions, benchmark standing; docs/data.md,
"Signals"). Standard library only; tools/build_data.py finds the CSV by its header
(SIGNAL_COLUMNS) and calls signal_object() for each row. Money given in billions ("USD billions",
"RMB billions") is written in millions like every other figure, and the note says so. Nothing is
computed and no row is invented; src/dataset/signals.cpp checks the result again.
"""

import re
import sys

SIGNAL_COLUMNS = ["company", "kind", "period", "date", "value", "unit", "low", "high", "scope", "product",
                  "change_pct", "rank", "score", "leaderboard", "statement", "source", "confidence", "note"]
KINDS = ("backlog", "run_rate", "capacity_statement", "price_action", "benchmark")
MONEY = {"CNY": ("RMB", "RMB m"), "USD": ("USD", "USD m")}


def die(message):
    sys.exit(f"build_data.py: {message}")


def number(text, where):
    try:
        r = round(float(text), 6)
    except ValueError:
        die(f"{where}: expected a number, got {text!r}")
    return int(r) if r == int(r) else r


def signal_object(row, origin, currency):
    """The JSON object for one CSV row of a company reporting in `currency`."""
    kind = row["kind"]
    if kind not in KINDS:
        die(f"{origin}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if not re.fullmatch(r"\d{4}Q[1-4]", row["period"]):
        die(f"{origin}: expected a calendar quarter such as 2025Q4, got {row['period']!r}")
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", row["date"]):
        die(f"{origin}: expected a date YYYY-MM-DD (or YYYY-MM), got {row['date']!r}")
    signal = {"kind": kind, "period": row["period"], "date": row["date"]}
    note = row["note"]
    prefix, money = MONEY[currency]
    if row["value"]:
        scale, unit = 1, {f"{prefix} millions": money}.get(row["unit"], row["unit"])
        if unit == f"{prefix} billions":
            scale, unit = 1000, money
            given = f"given as {row['value']} {prefix} billions"
            note = f"{note}; {given}" if note else given
        signal["value"] = number(str(float(row["value"]) * scale), origin)
        signal["unit"] = unit
        for bound in ("low", "high"):
            if row[bound]:
                signal[bound] = number(str(float(row[bound]) * scale), origin)
    for key in ("scope", "product", "leaderboard", "statement"):
        if row[key]:
            signal[key] = row[key]
    if row["change_pct"]:
        signal["change_pct"] = number(row["change_pct"], origin)
    if row["rank"]:
        signal["rank"] = int(number(row["rank"], origin))
    if row["score"]:
        signal["score"] = number(row["score"], origin)
    signal["confidence"] = row["confidence"]
    signal["source"] = row["source"]
    if note:
        signal["note"] = note
    return signal
