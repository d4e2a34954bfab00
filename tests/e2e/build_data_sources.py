#!/usr/bin/env python3
"""tools/build_data.py on bad data/sources/ folders: each must stop the script with the
file, the line and what was expected, and write nothing. Run by ctest (data.sources_*):

    build_data_sources.py CHECKOUT SHARED_DATA_DIR
"""

import os
import shutil
import subprocess
import sys
import tempfile

checkout, shared = sys.argv[1], sys.argv[2]
script = os.path.join(checkout, "tools", "build_data.py")
good = os.path.join(checkout, "data", "sources")
OBS_HEADER = "company,metric,calendar_quarter,fiscal_label,period_end,value,unit,basis,confidence,source\n"

# (name, file written into a copy of data/sources/, its text, the message expected on stderr)
CASES = [
    ("unknown kind", "backlog.csv", "company,quarter,backlog\nAmazon,2025Q4,244\n",
     "data/sources/backlog.csv:1: unknown header ['company', 'quarter', 'backlog']; expected the columns of one kind"),
    ("source without a URL", "zz.csv",
     OBS_HEADER + "Amazon,AWS segment net sales,2026Q1,FY2026 Q1,2026-03-31,1,USD millions,x,sourced,memory\n",
     "data/sources/zz.csv:2: source without a URL; expected the address it was read at"),
    ("a row repeating a reference row", "zz.csv",
     OBS_HEADER + "Amazon,AWS segment net sales,2025Q4,FY2025 Q4,2025-12-31,35579,USD millions,x,sourced,"
                  "https://example.org\n",
     "duplicate observation amazon ('revenue', 'aws', '2025Q4')"),
    # Only the value the reference file recalled may be confirmed; another value is a second figure.
    ("a recalled reference row given another value", "zz.csv",
     OBS_HEADER + "Alibaba,Group capital expenditure,2025Q1,FY2025 Q4,2025-03-31,25.0,RMB billions,x,sourced,"
                  "https://example.org\n",
     "duplicate observation alibaba ('capex', 'group', '2025Q1')"),
    ("a fiscal label that does not match", "zz.csv",
     OBS_HEADER + "Amazon,AWS segment net sales,2026Q1,FY2026 Q2,2026-03-31,1,USD millions,x,sourced,"
                  "https://example.org\n",
     "fiscal label FY2026Q2 does not match 2026Q1 for amazon in data/sources/zz.csv:2"),
]

failures = 0
for name, file, text, expected in CASES:
    with tempfile.TemporaryDirectory() as tmp:
        sources = os.path.join(tmp, "sources")
        shutil.copytree(good, sources)
        with open(os.path.join(sources, file), "w", encoding="utf-8") as f:
            f.write(text)
        out = os.path.join(tmp, "out")
        run = subprocess.run([sys.executable, script, "--shared", shared, "--sources", sources, "--out", out],
                             capture_output=True, text=True)
        ok = run.returncode != 0 and expected in run.stderr and not os.path.exists(out)
        print(f"{'ok  ' if ok else 'FAIL'} {name}: exit {run.returncode}, stderr {run.stderr.strip()!r}")
        failures += not ok
sys.exit(1 if failures else 0)
