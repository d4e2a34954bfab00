#!/usr/bin/env python3
"""Checks a cloudcast output file the way its reader would see it (stdlib only).

  check_output.py csv FILE [TABLE,COMPANY,PERIOD,METRIC=VALUE ...]
      one long table: the fixed header, every row the same number of fields, `value`
      numeric or empty; each TABLE,COMPANY,PERIOD,METRIC=VALUE must be a row (exactly).
  check_output.py xml FILE [NEEDLE ...]
      well-formed XML (HTML written as XHTML, SVG), no external reference (http: or
      src=), and every NEEDLE occurs in the text.
  check_output.py xlsx FILE SHEET=CELL=VALUE|SHEET ...
      a zip with the workbook parts; the named sheet holds a numeric cell CELL whose
      value is VALUE (to 1e-9 relative); a bare SHEET must exist.
  check_output.py width FILE N
      no line of the text FILE is wider than N columns (code points; the report's box
      characters take one column each).
Exit 0 and "ok: ..." on success; exit 1 with the reason otherwise.
"""
import csv
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

HEADER = ["table", "company", "period", "fiscal_period", "status", "item", "metric", "value", "unit", "text"]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check_csv(path, expectations):
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != HEADER:
        fail(f"{path}: header {rows[0] if rows else None}, expected {HEADER}")
    found = {}
    for n, row in enumerate(rows[1:], start=2):
        if len(row) != len(HEADER):
            fail(f"{path}:{n}: {len(row)} fields, expected {len(HEADER)}")
        if row[7] != "":
            try:
                float(row[7])
            except ValueError:
                fail(f"{path}:{n}: value '{row[7]}' is not a number")
            if row[7].lower() in ("nan", "inf", "-inf"):
                fail(f"{path}:{n}: value '{row[7]}'")
        found[(row[0], row[1], row[2], row[6])] = row[7]
    for e in expectations:
        key, value = e.rsplit("=", 1)
        table, company, period, metric = key.split(",")
        got = found.get((table, company, period, metric))
        if got != value:
            fail(f"{path}: {key} is {got!r}, expected {value!r}")
    print(f"ok: {path}: {len(rows) - 1} long rows, {len(expectations)} values as expected")


def check_xml(path, needles):
    text = open(path, encoding="utf-8").read()
    try:
        ET.fromstring(open(path, "rb").read())
    except ET.ParseError as e:
        fail(f"{path}: not well-formed: {e}")
    if re.search(r"https?://(?!www\.w3\.org/)", text) or re.search(r"\ssrc=", text) or "<script" in text:
        fail(f"{path}: refers to something outside the file or needs a script")
    for needle in needles:
        if needle not in text:
            fail(f"{path}: lacks {needle!r}")
    print(f"ok: {path}: well-formed, self-contained, {len(needles)} expected texts")


def check_xlsx(path, expectations):
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        if "xl/workbook.xml" not in names:
            fail(f"{path}: no xl/workbook.xml in {names}")
        ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
              "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sheets = {s.get("name"): "xl/" + targets[s.get(f"{{{ns['r']}}}id")] for s in book.find("m:sheets", ns)}
        for e in expectations:
            if "=" not in e:
                if e not in sheets:
                    fail(f"{path}: no sheet {e!r}; sheets {list(sheets)}")
                continue
            sheet, cell, value = e.split("=")
            if sheet not in sheets:
                fail(f"{path}: no sheet {sheet!r}; sheets {list(sheets)}")
            xml = ET.fromstring(z.read(sheets[sheet]))
            c = xml.find(f".//m:c[@r='{cell}']", ns)
            if c is None:
                fail(f"{path}: {sheet}!{cell} is empty")
            if c.get("t") not in (None, "n"):
                fail(f"{path}: {sheet}!{cell} is not a number (type {c.get('t')})")
            got = float(c.find("m:v", ns).text)
            if abs(got - float(value)) > 1e-9 * max(1.0, abs(float(value))):
                fail(f"{path}: {sheet}!{cell} = {got}, expected {value}")
    print(f"ok: {path}: sheets {list(sheets)}, {len(expectations)} numeric cells as expected")


def check_width(path, args):
    limit = int(args[0])
    lines = open(path, encoding="utf-8").read().split("\n")
    widest = max(range(len(lines)), key=lambda i: len(lines[i]))
    if len(lines[widest]) > limit:
        fail(f"{path}:{widest + 1}: {len(lines[widest])} columns, expected at most {limit}: {lines[widest]!r}")
    print(f"ok: {path}: {len(lines)} lines, widest {len(lines[widest])} columns (limit {limit})")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        fail(__doc__)
    mode, path, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    {"csv": check_csv, "xml": check_xml, "xlsx": check_xlsx, "width": check_width}[mode](path, rest)
