#!/usr/bin/env python3
"""Builds data/companies/*.json, data/fx.json and data/SOURCES.md from the shared
reference figures (reference-figures.csv + reference-figures.md) and the figures the
project sources itself (every CSV under data/sources/, of a known kind).

    python3 tools/build_data.py [--shared DIR] [--sources DIR] [--out DIR]

DIR defaults: ../shared/data beside the checkout, data/sources/ and data/ in the
checkout. Standard library only. The output is deterministic (same input, same bytes),
so a re-run after a change in an input shows exactly what moved in `git diff`.

What it does, in order (docs/data.md explains the schema and each rule):
  1. every CSV row from 2022 on becomes one observation (or, when it is not a quarterly
     figure, one disclosure), with a stable snake_case metric, the value in millions of
     the reporting currency, the basis, the segment basis, the confidence and a short
     source that starts with the reference file's source id (S1..S182);
  2. reported YoY growth rates that the .md file lists only in its cross-check table
     (Microsoft Intelligent Cloud, Google Cloud) are added as observations too;
  3. Microsoft Intelligent Cloud quarters missing on the FY2025 segment basis are
     back-cast from the reported FY2025-basis growth: prior = current / (1 + g), marked
     `derived` with the formula in `note`;
  4. the project's own CSVs (data/sources/*.csv) add observations (same columns as the
     reference CSV, the row's full source with its URL shipped as `source`), company
     guidance (the `guidance` array) and signals (the `signals` array: backlog, run rates,
     capacity statements, price actions, benchmarks; tools/signal_rows.py). A project row
     may not repeat a reference row.
Nothing else is computed; no figure is invented.
"""

import argparse
import csv
import json
import os
import re
import sys

from signal_rows import SIGNAL_COLUMNS, signal_object

SCHEMA_VERSION = 1
FIRST_YEAR = 2022

# company name in the CSV -> company id
COMPANY_IDS = {"Alibaba": "alibaba", "Microsoft": "microsoft", "Amazon": "amazon", "Alphabet": "google"}

COMPANIES = {
    "alibaba": {
        "aliases": ["aliyun"],
        "name": "Alibaba Group",
        "segment": "Cloud Intelligence Group",
        "currency": "CNY",
        "fiscal_year_end_month": 3,
        "capex_scope": "group",
        # What `capex` measures, named beside every capex figure in reports.
        "capex_basis": "Alibaba Group capital expenditure as quoted with the quarterly results",
        # What operating_income measures when it is not operating income as reported:
        # reports qualify the operating income and margin labels with it.
        "profit_measure": "adjusted EBITA",
        "notes": [
            "operating_income is the segment's adjusted EBITA (Alibaba's segment profit "
            "measure), not GAAP operating income.",
            "capex is Alibaba Group capital expenditure (group-wide, not cloud only) as quoted "
            "with the quarterly results; only 2024Q4..2025Q3 are in the sources (2025Q1 "
            "recalled; 2024Q4 confirmed by the project in data/sources/). Earlier quarters and "
            "2025Q4..2026Q1 were not found in any source read. Unreported quarters are not filled "
            "here: the scenario's capex plan supplies them.",
            "Segment bases: legacy-cloud = the 'Cloud' segment as reported through the "
            "Mar-2023 quarter (incl. DingTalk, inter-segment revenue eliminated); cig-2023 = "
            "Cloud Intelligence Group, restated from the Sep-2023 quarter release (incl. "
            "revenue from Alibaba's own businesses), 2022Q2 onward; cig-2023-first = the "
            "Jun-2023 quarter as first reported (Aug-2023), before that restatement.",
            "The projection series (revenue, operating_income) is cig-2023: 2022Q2..2026Q1, "
            "no back-cast needed. Growth is never computed between legacy-cloud and cig-2023.",
            "Fiscal year ends 31 March: FY2026Q1 = calendar 2025Q2.",
        ],
    },
    "microsoft": {
        "aliases": ["azure"],
        "name": "Microsoft",
        "segment": "Intelligent Cloud",
        "currency": "USD",
        "fiscal_year_end_month": 6,
        "capex_scope": "company-wide",
        "capex_basis": "cash paid for property and equipment, excluding finance leases",
        "notes": [
            "Azure revenue is not disclosed quarterly; revenue is the Intelligent Cloud "
            "segment. Azure appears as growth rates and as the FY2025 annual statement "
            "(disclosures).",
            "Segment bases: ic-original = Intelligent Cloud as originally reported (to FY2024, "
            "calendar 2022Q1..2024Q2); ic-fy2025 = the segment after the August-2024 "
            "re-segmentation (EMS and related moved to Productivity and Business Processes).",
            "The projection series (revenue) is ic-fy2025 for 2023Q3..2026Q1: 2024Q3..2026Q1 "
            "reported, 2024Q1 restated by Microsoft, 2023Q3, 2023Q4 and 2024Q2 derived by "
            "back-casting the reported FY2025-basis growth (rounded to whole percent, so about "
            "+-0.4 % on those three values). operating_income on ic-fy2025 covers 2024Q1 and "
            "2024Q3..2026Q1 only: no FY2025-basis operating-income growth is in the sources.",
            "capex is cash paid for property and equipment (cash-flow statement, company-wide, "
            "excluding finance leases); capex_incl_finance_leases is the larger figure "
            "Microsoft quotes on calls (9 quarters).",
            "azure_growth_yoy changes definition with FY2025 (azure-fy2025 excludes EMS and "
            "Power BI); the two definitions are separate segment bases.",
            "Fiscal year ends 30 June: FY2026Q1 = calendar 2025Q3.",
        ],
    },
    "amazon": {
        "aliases": ["aws"],
        "name": "Amazon.com",
        "segment": "Amazon Web Services (AWS)",
        "currency": "USD",
        "fiscal_year_end_month": 12,
        "capex_scope": "company-wide",
        "capex_basis": "gross purchases of property and equipment, before proceeds and incentives",
        "notes": [
            "revenue is AWS segment net sales; no restatement found for 2022-2025 (quarterly "
            "sums equal the 10-K annual totals).",
            "capex is Amazon's gross purchases of property and equipment (company-wide, "
            "cash-flow statement, not net of proceeds and incentives); capex_net is the 'cash "
            "capex' stated on the 2025Q3 and 2026Q1 calls (net of proceeds and incentives); "
            "2026Q1 operating income is the release's rounded USD 14.2 bn.",
            "Fiscal year = calendar year.",
        ],
    },
    "google": {
        "aliases": ["gcp"],
        "name": "Alphabet",
        "segment": "Google Cloud",
        "currency": "USD",
        "fiscal_year_end_month": 12,
        "capex_scope": "company-wide",
        "capex_basis": "purchases of property and equipment (cash-flow statement)",
        "notes": [
            "Segment bases: google-cloud for revenue; operating_income for 2022 is as first "
            "reported (gc-2022-original) and 2023 on is gc-2023: Alphabet re-cast 2022 Google "
            "Cloud results in 2023 (some AI costs moved to Alphabet level), so 2022 vs 2023 "
            "operating income is not like-for-like and no growth is computed across it.",
            "capex is Alphabet's company-wide purchases of property and equipment (cash-flow "
            "statement), 2022Q1..2026Q1, from the project's own sources (data/sources/"
            "observations.csv, results2026.csv); Google Cloud's share of it is a scenario "
            "assumption, not data. 2026Q1 operating income is the press's rounded USD 6.6 bn.",
            "Fiscal year = calendar year.",
        ],
    },
}

CURRENCY_UNIT = {"CNY": "RMB m", "USD": "USD m"}

# (company, exact CSV metric) -> (metric id, segment basis rule). The rule is a string or
# a function of the CSV row.
def msft_ic_basis(row):
    """ic-fy2025 for FY2025-basis and restated rows, else ic-original"""
    return "ic-fy2025" if "FY2025 segment basis" in row["basis"] or "restated to FY2025" in row["basis"] else "ic-original"


def azure_basis(row):
    """azure-pre-fy2025 or azure-fy2025, by the Azure definition in the row's basis"""
    # Test the "pre-" form first: "pre-FY2025 Azure definition" contains the other.
    if "pre-FY2025 Azure definition" in row["basis"]:
        return "azure-pre-fy2025"
    if "FY2025 Azure definition" in row["basis"]:
        return "azure-fy2025"
    die(f"unknown Azure definition in {row['basis']!r}")


def google_oi_basis(row):
    """gc-2022-original for 2022 (before Alphabet's 2023 re-cast), else gc-2023"""
    return "gc-2022-original" if row["calendar_quarter"].startswith("2022") else "gc-2023"


METRICS = {
    ("Amazon", "AWS segment net sales"): ("revenue", "aws"),
    ("Amazon", "AWS segment net sales YoY growth (as stated in release)"): ("revenue_growth_yoy", "aws"),
    ("Amazon", "AWS segment operating income"): ("operating_income", "aws"),
    ("Amazon", "Purchases of property and equipment (cash capex, gross, company-wide)"): ("capex", "company-wide"),
    ("Amazon", "Cash capex as stated on earnings call (net of proceeds and incentives)"): ("capex_net", "company-wide"),
    ("Microsoft", "Intelligent Cloud segment revenue"): ("revenue", msft_ic_basis),
    ("Microsoft", "Intelligent Cloud segment operating income"): ("operating_income", msft_ic_basis),
    ("Microsoft", "Azure and other cloud services revenue growth YoY (reported)"): ("azure_growth_yoy", azure_basis),
    ("Microsoft", "Azure and other cloud services revenue growth YoY (constant currency)"): ("azure_growth_yoy_cc", azure_basis),
    ("Microsoft", "Cash paid for property and equipment (excl. finance leases)"): ("capex", "company-wide"),
    ("Microsoft", "Capital expenditures including finance leases"): ("capex_incl_finance_leases", "company-wide"),
    ("Alibaba", "Cloud Intelligence Group revenue"): ("revenue", "cig-2023"),
    ("Alibaba", "Cloud Intelligence Group revenue (as first reported)"): ("revenue", "cig-2023-first"),
    ("Alibaba", "Cloud Intelligence Group revenue YoY growth (reported)"): ("revenue_growth_yoy", "cig-2023"),
    ("Alibaba", "Cloud Intelligence Group adjusted EBITA"): ("operating_income", "cig-2023"),
    ("Alibaba", "Cloud Intelligence Group adjusted EBITA (as first reported)"): ("operating_income", "cig-2023-first"),
    ("Alibaba", "Cloud Intelligence Group adjusted EBITA YoY growth (reported)"): ("operating_income_growth_yoy", "cig-2023"),
    ("Alibaba", "Cloud segment revenue (legacy 'Cloud' segment incl. DingTalk)"): ("revenue", "legacy-cloud"),
    ("Alibaba", "Cloud segment revenue (legacy 'Cloud' segment)"): ("revenue", "legacy-cloud"),
    ("Alibaba", "Cloud segment adjusted EBITA (legacy 'Cloud' segment incl. DingTalk)"): ("operating_income", "legacy-cloud"),
    ("Alibaba", "Cloud segment revenue YoY growth (legacy)"): ("revenue_growth_yoy", "legacy-cloud"),
    ("Alibaba", "Group capital expenditure"): ("capex", "group"),
    ("Alphabet", "Google Cloud segment revenue"): ("revenue", "google-cloud"),
    ("Alphabet", "Google Cloud segment operating income (loss)"): ("operating_income", google_oi_basis),
    ("Alphabet", "Purchases of property and equipment (cash capex, gross, company-wide)"): ("capex", "company-wide"),
}

# The kinds of CSV under data/sources/, told apart by their header row. Every CSV there
# must be one of them (docs/data.md, "Adding figures the project sources itself").
OBSERVATION_COLUMNS = ["company", "metric", "calendar_quarter", "fiscal_label", "period_end", "value", "unit",
                       "basis", "confidence", "source"]
GUIDANCE_COLUMNS = ["company", "id", "metric", "first", "last", "period_label", "low", "high", "unit", "scope",
                    "given", "as_of", "confidence", "source", "note"]
# signals.csv: backlog, run rates, capacity statements, price actions, benchmarks (tools/signal_rows.py).
SOURCE_KINDS = {tuple(OBSERVATION_COLUMNS): "observations", tuple(GUIDANCE_COLUMNS): "guidance",
                tuple(SIGNAL_COLUMNS): "signals"}

# Rows that are not one quarter's figure: kept as disclosures (free-form period).
DISCLOSURES = {
    ("Alibaba", "Capex toward AI and cloud infrastructure, trailing four quarters (approx.)"): "capex_ai_cloud_trailing_4q",
    ("Alibaba", "Group capital expenditure, calendar year 2024 (sum of 4 quarters)"): "capex_annual",
    ("Alibaba", "Three-year cloud & AI infrastructure investment commitment (announced 2025-02-24)"): "capex_commitment_3y",
    ("Microsoft", "Azure annual revenue (statement: 'surpassed $75 billion')"): "azure_revenue_annual",
    ("Microsoft", "Azure annual revenue growth FY2025 (stated with the $75bn figure)"): "azure_growth_annual",
}

FX_METRIC = "Implied period-end USD/CNY convenience rate used in Alibaba release (group revenue RMB / US$)"

# The AI statements of the md's "AI disclosures" table, as observations where they carry
# a number for one quarter. Each names its row in that table.
AI_OBSERVATIONS = [
    {"company": "alibaba", "period": "2025Q1", "metric": "ai_revenue_growth_yoy_min", "value": 100, "unit": "%",
     "segment_basis": "cig-2023",
     "source": "Alibaba March quarter 2025 results release, 15 May 2025 (copy: itiger.com/news/2535816722)",
     "note": "'triple-digit' YoY growth of AI-related product revenue, 7th consecutive quarter: a lower bound "
             "(>= 100 %), not a point value"},
    {"company": "alibaba", "period": "2025Q2", "metric": "ai_revenue_growth_yoy_min", "value": 100, "unit": "%",
     "segment_basis": "cig-2023",
     "source": "Alibaba June quarter 2025 results release, 29 Aug 2025 (copy: itiger.com/news/2563043180)",
     "note": "'triple-digit' YoY growth of AI-related product revenue, 8th consecutive quarter, 'now a significant "
             "portion of revenue from external customers': a lower bound (>= 100 %), not a point value"},
    {"company": "alibaba", "period": "2025Q3", "metric": "ai_revenue_growth_yoy_min", "value": 100, "unit": "%",
     "segment_basis": "cig-2023",
     "source": "Alibaba September quarter 2025 results release (copy: aijourn.com)",
     "note": "'triple-digit' YoY growth of AI-related product revenue, 9th consecutive quarter: a lower bound "
             "(>= 100 %), not a point value"},
    {"company": "microsoft", "period": "2024Q3", "metric": "azure_ai_contribution", "value": 12, "unit": "pp",
     "segment_basis": "azure-fy2025",
     "source": "Microsoft earnings call 30 Oct 2024 (pws.io; pymnts.com)",
     "note": "AI services contributed about 12 points of Azure's 33 % growth ('about')"},
    {"company": "microsoft", "period": "2024Q4", "metric": "ai_revenue_run_rate", "value": 13000, "unit": "USD m",
     "segment_basis": "company-wide",
     "source": "Microsoft earnings call 29 Jan 2025 (news.themarketisopen.com)",
     "note": "AI business 'above' a USD 13 bn annual revenue run rate (a lower bound; annualised, company-wide, "
             "not a quarterly revenue)"},
    {"company": "microsoft", "period": "2024Q4", "metric": "ai_revenue_run_rate_growth_yoy", "value": 175, "unit": "%",
     "segment_basis": "company-wide",
     "source": "Microsoft earnings call 29 Jan 2025 (news.themarketisopen.com)",
     "note": "AI business annual revenue run rate up 175 % YoY"},
]

AI_DISCLOSURES = [
    {"company": "alibaba", "id": "ai_statement", "period": "2025Q1", "value": None, "unit": "",
     "statement": "CIG revenue +18 %; AI-related product revenue triple-digit YoY growth for the 7th consecutive quarter",
     "source": "Alibaba March quarter 2025 results release, 15 May 2025 (copy: https://www.itiger.com/news/2535816722)"},
    {"company": "alibaba", "id": "ai_statement", "period": "2025Q2", "value": None, "unit": "",
     "statement": "CIG revenue +26 %; AI-related product revenue triple-digit growth for the 8th consecutive quarter, "
                  "\"now a significant portion of revenue from external customers\"",
     "source": "June quarter 2025 release, 29 Aug 2025 (copy: https://www.itiger.com/news/2563043180)"},
    {"company": "alibaba", "id": "ai_statement", "period": "2025Q3", "value": None, "unit": "",
     "statement": "CIG revenue +34 %; triple-digit AI growth for the 9th consecutive quarter; about RMB 120 bn of capex "
                  "toward AI and cloud infrastructure over the past four quarters",
     "source": "September quarter 2025 release (copy: https://aijourn.com/alibaba-group-announces-september-quarter-"
               "2025-results-and-interim-results-for-the-six-months-ended-september-30-2025)"},
    {"company": "microsoft", "id": "ai_statement", "period": "2024Q3", "value": None, "unit": "",
     "statement": "Azure +33 %, AI services about 12 points of it; AI business \"on track to surpass an annual revenue "
                  "run rate of $10 billion next quarter\"; demand above available capacity",
     "source": "earnings call 30 Oct 2024 (https://pws.io/microsofts-ai-business-set-to-hit-10b-revenue-milestone-in-"
               "q2-satya-nadella-says-it-is-the-fastest-b/amp; https://www.pymnts.com/earnings/2024/microsofts-ai-"
               "business-surges-set-to-hit-10-billion-milestone/)"},
    {"company": "microsoft", "id": "ai_statement", "period": "2024Q4", "value": None, "unit": "",
     "statement": "AI business above a USD 13 bn annual revenue run rate, up 175 % YoY",
     "source": "earnings call 29 Jan 2025 (https://news.themarketisopen.com/microsoft-surpasses-40-billion-in-cloud-"
               "revenue-for-first-time-ai-business-hits-13-billion-annual-run-rate)"},
]

# Cross-check table series name -> (company id, metric, segment basis function of quarter).
CROSS_CHECK_SERIES = {
    ("Microsoft", "Intelligent Cloud revenue"): ("microsoft", "revenue_growth_yoy", "revenue",
                                                 lambda q: "ic-fy2025" if q >= "2024Q3" else "ic-original"),
    ("Microsoft", "Intelligent Cloud operating income"): ("microsoft", "operating_income_growth_yoy", "operating_income",
                                                          lambda q: "ic-fy2025" if q >= "2024Q3" else "ic-original"),
    ("Alphabet", "Google Cloud revenue"): ("google", "revenue_growth_yoy", "revenue", lambda q: "google-cloud"),
}


def die(message):
    sys.exit(f"build_data.py: {message}")


def parse_number(text):
    return float(text.replace(",", "").replace("\u2212", "-"))


def clean_number(x):
    """Integers stay integers in the JSON (26 not 26.0); everything else rounds to 6 dp."""
    r = round(x, 6)
    return int(r) if r == int(r) else r


def fiscal_label(text):
    m = re.fullmatch(r"FY(\d{4}) Q([1-4])", text.strip())
    if not m:
        die(f"unexpected fiscal label {text!r}")
    return f"FY{m.group(1)}Q{m.group(2)}"


def fiscal_of(period, fy_end_month):
    """Calendar quarter '2025Q2' -> fiscal label, from the fiscal-year end month."""
    year, q = int(period[:4]), int(period[5])
    end_month = year * 12 + 3 * q - 1  # 0-based absolute month of the quarter's end
    fy = -(-(end_month - (fy_end_month - 1)) // 12)  # ceil
    fy_end = fy * 12 + fy_end_month - 1
    return f"FY{fy}Q{4 - (fy_end - end_month) // 3}"


def normalise_value(value, unit, currency):
    """(value in millions or %, normalised unit) from the CSV's unit text."""
    money = CURRENCY_UNIT[currency]
    prefix = "RMB" if currency == "CNY" else "USD"
    if unit == "percent":
        return value, "%"
    if unit.startswith(prefix + " millions"):
        return value, money
    if unit.startswith(prefix + " billions"):
        return value * 1000.0, money
    die(f"unexpected unit {unit!r} for a {currency} company")


# ---------------------------------------------------------------------------- sources

def read_source_legend(md):
    legend = {}
    for line in md.splitlines():
        m = re.match(r"- \*\*(S\d+)\*\*: (.*)$", line)
        if m:
            legend[m.group(1)] = m.group(2).strip()
    return legend


def md_table_rows(md):
    """Every 9-column data row of the per-company tables: key -> source id."""
    index = {}
    for line in md.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 9 or not re.fullmatch(r"S\d+", cells[8]):
            continue
        metric, quarter, fiscal, _end, value, _unit, basis, conf, src = cells
        key = (metric, quarter, basis, conf, parse_number(value))
        if key in index and index[key] != src:
            die(f"ambiguous source for {key}")
        index[key] = src
    return index


def short_source(source_id, text):
    """'S131: page 'Press Release: ...' (CIG +26%); cmhk dataset' -- short, starts with the id."""
    if text.startswith("not confirmed") or text.startswith("memory"):
        return f"{source_id}: not confirmed in any source (recalled)"
    parts = []
    # Items are separated by "; " before "repo " / "page "; a "; " inside a parenthesis
    # ("(third-party dataset marked official_match; row cites ...)") is not a separator.
    for item in re.split(r";\s+(?=repo |page )", text):
        if item.startswith("repo "):
            m = re.match(r"repo [^/]+/([\w.-]+)", item)
            name = {"cmhk-competitive-intelligence": "cmhk dataset",
                    "neocloud-capex-tracker": "neocloud tracker"}.get(m.group(1), m.group(1)) if m else item
            if name not in parts:
                parts.append(name)
        elif item.startswith("page "):
            title = item[5:].split("http", 1)[0].strip().rstrip(";").strip()
            if not title:
                host = re.match(r"https?://(?:www\.)?([^/]+)", item[5:].strip())
                title = host.group(1) if host else item[5:]
            parts.append(title)
        elif item.startswith("(consistent with"):
            parts.append("consistency with a later figure")
        else:
            host = re.search(r"https?://(?:www\.)?([^/\s]+)", item)
            parts.append(host.group(1) if host else item.split(" http")[0])
        if len(parts) == 2:
            break
    return f"{source_id}: " + "; ".join(parts)


# ------------------------------------------------------------------------------ build

def observation(period, fiscal, metric, value, unit, basis, segment_basis, confidence, source, note):
    return {
        "period": period,
        "fiscal_period": fiscal,
        "metric": metric,
        "value": clean_number(value),
        "unit": unit,
        "basis": basis,
        "segment_basis": segment_basis,
        "confidence": confidence,
        "source": source,
        "note": note,
    }


def basis_of(company, metric, segment_basis, row):
    text = row["basis"]
    if text.startswith("restated to FY2025"):
        return "restated"
    if company == "alibaba" and segment_basis == "cig-2023" and row["calendar_quarter"] <= "2023Q2":
        # Comparatives shown on the CIG definition from the Sep-2023 quarter release on.
        return "restated"
    if text.startswith("derived"):
        return "derived"
    return "reported"


def note_of(company, metric, segment_basis, row):
    notes = [row["basis"]]
    if company == "alibaba" and metric in ("operating_income", "operating_income_growth_yoy"):
        notes.insert(0, "adjusted EBITA")
    return "; ".join(notes)


def build(shared, sources, out):
    with open(os.path.join(shared, "reference-figures.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(shared, "reference-figures.md"), encoding="utf-8") as f:
        md = f.read()
    legend = read_source_legend(md)
    src_index = md_table_rows(md)
    project = read_project_sources(sources)

    def source_id(row):
        key = (row["metric"], row["calendar_quarter"], row["basis"], row["confidence"], parse_number(row["value"]))
        sid = src_index.get(key)
        if sid is None:
            die(f"no source id in the .md for CSV row {key}")
        return sid

    companies = {cid: {"observations": [], "disclosures": [], "guidance": [], "signals": []} for cid in COMPANIES}
    fx_rates = []
    used_ids = set()
    skipped = []

    for row in rows:
        quarter = row["calendar_quarter"]
        if re.fullmatch(r"\d{4}Q[1-4]", quarter) and int(quarter[:4]) < FIRST_YEAR:
            skipped.append(row)
            continue
        sid = source_id(row)
        used_ids.add(sid)
        source = short_source(sid, legend.get(sid, row["source"]))
        if row["company"] == "Reference (FX)":
            fx_rates.append({
                "period": quarter,
                "value": clean_number(parse_number(row["value"])),
                "kind": "period_end",
                "basis": "derived",
                "confidence": row["confidence"],
                "source": source,
                "note": "period-end convenience rate implied by Alibaba's release (group revenue RMB / US$), "
                        "NOT a quarterly average",
            })
            continue
        add_row(companies, row, source, "in the reference file")

    # The project's own figures carry their full source (with its URL) in the JSON.
    for origin, row in project["observations"]:
        cid = COMPANY_IDS.get(row["company"])
        before = len(companies[cid]["observations"]) if cid else 0
        add_row(companies, row, row["source"], f"in {origin}")
        if cid and len(companies[cid]["observations"]) > before:
            confirm_recalled(companies[cid]["observations"])
    for origin, row in project["guidance"]:
        add_guidance(companies, row, origin)
    for origin, row in project["signals"]:
        if row["company"] not in COMPANY_IDS:
            die(f"{origin}: unknown company {row['company']!r}")
        cid = COMPANY_IDS[row["company"]]
        companies[cid]["signals"].append(signal_object(row, origin, COMPANIES[cid]["currency"]))

    add_cross_check_growth(md, companies)
    add_ai(companies)
    add_microsoft_backcast(companies)
    add_derived_azure(companies)

    # Every check before the first write: a bad input leaves no half-written data/.
    for cid in COMPANIES:
        seen = set()
        for o in companies[cid]["observations"]:
            k = (o["metric"], o["segment_basis"], o["period"])
            if k in seen:
                die(f"duplicate observation {cid} {k}")
            seen.add(k)
    os.makedirs(os.path.join(out, "companies"), exist_ok=True)
    for cid, meta in COMPANIES.items():
        obs = companies[cid]["observations"]
        obs.sort(key=lambda o: (o["metric"], o["period"], o["segment_basis"]))
        doc = {
            "schema_version": SCHEMA_VERSION,
            "id": cid,
            "aliases": meta["aliases"],
            "name": meta["name"],
            "segment": meta["segment"],
            "currency": meta["currency"],
            "fiscal_year_end_month": meta["fiscal_year_end_month"],
            "capex_scope": meta["capex_scope"],
            "capex_basis": meta["capex_basis"],
            **({"profit_measure": meta["profit_measure"]} if "profit_measure" in meta else {}),
            "notes": meta["notes"],
            "observations": obs,
            "disclosures": sorted(companies[cid]["disclosures"], key=lambda d: (d["period"], d["id"])),
            "guidance": sorted(companies[cid]["guidance"], key=lambda g: (g["metric"], g["first"], g["given"], g["id"])),
            "signals": companies[cid]["signals"],
        }
        write_json(os.path.join(out, "companies", cid + ".json"), doc)
    fx_rates.sort(key=lambda r: r["period"])
    write_json(os.path.join(out, "fx.json"), {
        "schema_version": SCHEMA_VERSION,
        "pair": "CNY per USD",
        "note": "Period-end rates implied by Alibaba's own RMB / US$ convenience translations of group revenue "
                "(reference-figures.md, 'Reference - implied USD/CNY rates'). Quarterly average rates were not "
                "found in the sources; these are not averages.",
        "rates": fx_rates,
    })
    write_sources(md, legend, used_ids, project, os.path.join(out, "SOURCES.md"))
    print(f"wrote {sum(len(c['observations']) for c in companies.values())} observations, "
          f"{sum(len(c['disclosures']) for c in companies.values())} disclosures, "
          f"{sum(len(c['guidance']) for c in companies.values())} guidance items, {len(fx_rates)} FX rates; "
          f"skipped {len(skipped)} rows before {FIRST_YEAR}")


def add_row(companies, row, source, where):
    """One CSV row (reference or project) -> an observation or a disclosure of its company."""
    quarter = row["calendar_quarter"]
    if row["company"] not in COMPANY_IDS:
        die(f"unknown company {row['company']!r} {where}; expected one of {', '.join(COMPANY_IDS)}")
    cid = COMPANY_IDS[row["company"]]
    meta = COMPANIES[cid]
    key = (row["company"], row["metric"])
    value = parse_number(row["value"])
    if key in DISCLOSURES:
        unit_text = row["unit"]
        v, unit = (value * 1000.0, CURRENCY_UNIT[meta["currency"]]) if "billions" in unit_text else (value, "%")
        companies[cid]["disclosures"].append({
            "id": DISCLOSURES[key],
            "period": quarter,
            "value": clean_number(v),
            "unit": unit,
            "basis": "reported",
            "confidence": row["confidence"],
            "source": source,
            "statement": f"{row['metric']} ({row['fiscal_label']}; unit in the reference file: {unit_text}; "
                         f"{row['basis']})",
        })
        return
    if key not in METRICS:
        die(f"no metric mapping for {key} {where}")
    metric, rule = METRICS[key]
    segment_basis = rule(row) if callable(rule) else rule
    v, unit = normalise_value(value, row["unit"], meta["currency"])
    fiscal = fiscal_label(row["fiscal_label"])
    if fiscal != fiscal_of(quarter, meta["fiscal_year_end_month"]):
        die(f"fiscal label {fiscal} does not match {quarter} for {cid} {where}")
    note = note_of(cid, metric, segment_basis, row)
    if "billions" in row["unit"]:
        note += f"; given as {row['value']} {row['unit']} {where}"
    companies[cid]["observations"].append(observation(
        quarter, fiscal, metric, v, unit, basis_of(cid, metric, segment_basis, row), segment_basis,
        row["confidence"], source, note))


def confirm_recalled(observations):
    """The project row just added (the last observation) replaces a reference row with the same
    metric, segment basis and quarter when it reads, in a source, the very value the reference
    file only recalled: the figure becomes `sourced` with the project row's URL. Any other
    repeat (another value, or a reference row already sourced) is left for the duplicate check,
    which stops the script: two figures must never silently compete."""
    new = observations[-1]
    key = (new["metric"], new["segment_basis"], new["period"])
    for i, old in enumerate(observations[:-1]):
        if ((old["metric"], old["segment_basis"], old["period"]) == key and re.match(r"S\d+: ", old["source"])
                and old["confidence"] == "recalled" and new["confidence"] == "sourced"
                and old["value"] == new["value"]):
            new["note"] += f"; confirms the value the reference file only recalled ({old['source'].split(':')[0]})"
            del observations[i]
            return


def read_project_sources(directory):
    """Every CSV under data/sources/, sorted by name, by kind: {kind: [(origin, row), ...]}.
    origin is "data/sources/<file>:<line>" for messages and SOURCES.md."""
    out = {kind: [] for kind in SOURCE_KINDS.values()}
    if not os.path.isdir(directory):
        return out
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".csv"):
            continue
        path = os.path.join(directory, name)
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            kind = SOURCE_KINDS.get(tuple(header or ()))
            if kind is None:
                die(f"data/sources/{name}:1: unknown header {header}; expected the columns of one kind: "
                    + "; ".join(f"{k}: {','.join(cols)}" for cols, k in SOURCE_KINDS.items()))
            for cells in reader:
                line = reader.line_num  # the row's last line (a quoted cell may span lines)
                if len(cells) != len(header):
                    die(f"data/sources/{name}:{line}: {len(cells)} cells; expected {len(header)}")
                row = dict(zip(header, cells))
                if not re.search(r"https?://", row["source"]):
                    die(f"data/sources/{name}:{line}: source without a URL; expected the address it was read at")
                out[kind].append((f"data/sources/{name}:{line}", row))
    return out


def add_guidance(companies, row, origin):
    """One guidance row -> the company's `guidance` array, values in millions or %.
    The loader (src/dataset/guidance.cpp) checks periods, labels, units and scopes."""
    if row["company"] not in COMPANY_IDS:
        die(f"{origin}: unknown company {row['company']!r}")
    cid = COMPANY_IDS[row["company"]]
    currency = COMPANIES[cid]["currency"]
    low, unit = normalise_value(parse_number(row["low"]), row["unit"], currency)
    high, _ = normalise_value(parse_number(row["high"]), row["unit"], currency)
    note = row["note"]
    if "billions" in row["unit"]:
        given_as = row["low"] if row["low"] == row["high"] else f"{row['low']}-{row['high']}"
        note += f"; given as {given_as} {row['unit']} in {origin.rsplit(':', 1)[0]}"
    companies[cid]["guidance"].append({
        "id": row["id"],
        "metric": row["metric"],
        "first": row["first"],
        "last": row["last"],
        "period_label": row["period_label"],
        "low": clean_number(low),
        "high": clean_number(high),
        "unit": unit,
        "scope": row["scope"],
        "given": row["given"],
        "as_of": row["as_of"],
        "confidence": row["confidence"],
        "source": row["source"],
        "note": note,
    })


def add_cross_check_growth(md, companies):
    """Reported YoY % from the md's cross-check table, for series the CSV has no growth rows for."""
    section = md.split("### Reported YoY growth vs ratio of recorded revenues", 1)[1].split("###", 1)[0]
    by_quarter = {}
    for cid, c in companies.items():
        for o in c["observations"]:
            by_quarter[(cid, o["metric"], o["period"], o["segment_basis"])] = o
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 7 or cells[0] in ("Company", "---"):
            continue
        company, series, quarter, reported, computed, status, note = cells
        key = (company, series)
        if key not in CROSS_CHECK_SERIES or not re.fullmatch(r"\d{4}Q[1-4]", quarter):
            continue
        cid, metric, level_metric, basis_fn = CROSS_CHECK_SERIES[key]
        segment_basis = basis_fn(quarter)
        level = by_quarter.get((cid, level_metric, quarter, segment_basis))
        if level is None:
            die(f"cross-check growth {key} {quarter} has no level observation")
        sid = level["source"].split(":", 1)[0]
        text = ("reported YoY growth as listed in reference-figures.md, 'Cross-checks' table (no separate "
                "confidence mark there; the quarter's level is " + level["confidence"] + ")")
        if status == "MISMATCH":
            text += f"; the file flags it MISMATCH: {note}"
        elif note:
            text += f"; {note}"
        companies[cid]["observations"].append(observation(
            quarter, level["fiscal_period"], metric, parse_number(reported), "%", "reported", segment_basis,
            level["confidence"], f"{sid} (growth: reference-figures.md cross-check table)", text))


def add_ai(companies):
    for a in AI_OBSERVATIONS:
        meta = COMPANIES[a["company"]]
        companies[a["company"]]["observations"].append(observation(
            a["period"], fiscal_of(a["period"], meta["fiscal_year_end_month"]), a["metric"], a["value"], a["unit"],
            "reported", a["segment_basis"], "sourced", a["source"], a["note"]))
    for d in AI_DISCLOSURES:
        companies[d["company"]]["disclosures"].append({
            "id": d["id"], "period": d["period"], "value": d["value"], "unit": d["unit"], "basis": "reported",
            "confidence": "sourced", "source": d["source"], "statement": d["statement"]})


def add_microsoft_backcast(companies):
    """Intelligent Cloud revenue on the FY2025 basis for quarters Microsoft did not restate
    in our sources: prior-year quarter = current / (1 + reported FY2025-basis growth)."""
    obs = companies["microsoft"]["observations"]
    have = {(o["metric"], o["period"], o["segment_basis"]): o for o in obs}
    for o in list(obs):
        if o["metric"] != "revenue_growth_yoy" or o["segment_basis"] != "ic-fy2025":
            continue
        current = have.get(("revenue", o["period"], "ic-fy2025"))
        year, q = int(o["period"][:4]), o["period"][4:]
        prior = f"{year - 1}{q}"
        if current is None or ("revenue", prior, "ic-fy2025") in have:
            continue
        g = o["value"] / 100.0
        value = current["value"] / (1.0 + g)
        derived = observation(
            prior, fiscal_of(prior, 6), "revenue", round(value, 1), "USD m", "derived", "ic-fy2025", current["confidence"],
            f"derived from {current['source'].split(':', 1)[0]} ({o['period']} level and reported growth)",
            f"back-cast onto the FY2025 segment basis: {o['period']} revenue {current['value']:,} / (1 + "
            f"{o['value']} %) = {value:,.1f}; the growth is rounded to a whole percent, so this is good to "
            f"about +-0.4 % (+-{current['value'] / (1 + g) ** 2 * 0.005:,.0f})")
        obs.append(derived)
        have[("revenue", prior, "ic-fy2025")] = derived


def add_derived_azure(companies):
    """FY2024 Azure revenue implied by the FY2025 statement (> USD 75 bn, +34 %): a derived lower bound."""
    ds = companies["microsoft"]["disclosures"]
    annual = next(d for d in ds if d["id"] == "azure_revenue_annual")
    growth = next(d for d in ds if d["id"] == "azure_growth_annual")
    value = annual["value"] / (1 + growth["value"] / 100.0)
    ds.append({
        "id": "azure_revenue_annual_prior", "period": "FY2024 (2023Q3-2024Q2)", "value": round(value, 0),
        "unit": "USD m", "basis": "derived", "confidence": "sourced",
        "source": f"derived from {annual['source'].split(':', 1)[0]} and {growth['source'].split(':', 1)[0]}",
        "statement": f"Azure revenue FY2024 on the FY2025 Azure definition, implied: {annual['value']:,} / 1.34 = "
                     f"{value:,.0f} (a derived estimate; lower bound since FY2025 'surpassed' USD 75 bn)"})


def write_json(path, doc):
    text = json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_sources(md, legend, used_ids, project, path):
    section = lambda name: md.split(name, 1)[1].split("\n## ", 1)[0].strip("\n")
    lines = [
        "# Where the shipped figures come from",
        "",
        "Generated by `tools/build_data.py` from `../shared/data/reference-figures.csv`,",
        "`reference-figures.md` and the project's own `data/sources/*.csv`; do not edit by hand.",
        "An observation from the reference file has a `source` that starts with the source id",
        "below (S1..S182), copied from the reference file's source legend; a figure the project",
        "sourced itself carries its whole source, URL included (listed under *Figures the project",
        "sourced itself*).",
        "Confidence: `sourced` = read in a public source; `recalled` = not confirmed in any",
        "source found (treat as unverified; see *Open doubts*).",
        "",
        "Derived figures (`basis: derived`) name their inputs and formula in `note`:",
        "Microsoft Intelligent Cloud revenue back-cast onto the FY2025 segment basis",
        "(2023Q3, 2023Q4, 2024Q2), the FY2024 Azure revenue implied by the FY2025 statement, and",
        "the period-end CNY per USD rates in `fx.json`.",
        "",
        "## How reference rows map to metrics",
        "",
        "| company | reference metric | metric | segment basis |",
        "|---|---|---|---|",
    ]
    for (company, text), (metric, rule) in METRICS.items():
        basis = rule if isinstance(rule, str) else (rule.__doc__ or rule.__name__).strip()
        lines.append(f"| {company} | {text} | `{metric}` | {basis} |")
    for (company, text), did in DISCLOSURES.items():
        lines.append(f"| {company} | {text} | disclosure `{did}` | - |")
    lines += [
        "",
        "Reported growth listed only in the reference file's cross-check table becomes",
        "`revenue_growth_yoy` / `operating_income_growth_yoy` (Microsoft Intelligent Cloud, Google",
        "Cloud); the AI statements of its 'AI disclosures' table become `ai_*` / `azure_ai_contribution`",
        "observations and `ai_statement` disclosures. Units in billions are multiplied by 1,000.",
        "",
        "## How the figures were obtained (copied from the reference file)",
        "",
        section("## How the figures were obtained (read this before using them)"),
        "",
        "## Fiscal calendars and basis changes (copied)",
        "",
        section("## Fiscal calendars and basis changes"),
        "",
        "## Source legend (copied)",
        "",
    ]
    for sid in sorted(legend, key=lambda s: int(s[1:])):
        mark = "" if sid in used_ids else " *(row before 2022 or not shipped)*"
        lines.append(f"- **{sid}**: {legend[sid]}{mark}")
    cell = lambda text: str(text).replace("|", "\\|")  # a '|' in a source would end the table cell
    lines += ["", "## Figures the project sourced itself (data/sources/)", "",
              "Read with the `search` tool by the project, not in the reference file. Confidence as",
              "above; every row names the page or file it was read in and its address. A row that",
              "reads, with a URL, the very value the reference file only recalled replaces that reference",
              "row (its note says so); the *Open doubts* below are copied as the reference file has them.", "",
              "### Observations", "",
              "| row | company | metric | quarter | value | unit | confidence | source |",
              "|---|---|---|---|---:|---|---|---|"]
    for origin, r in project["observations"]:
        lines.append(f"| {origin} | {r['company']} | {r['metric']} | {r['calendar_quarter']} | {r['value']} | "
                     f"{r['unit']} | {r['confidence']} | {cell(r['source'])} |")
    lines += ["", "### Guidance (what a company said it expects; never a reported figure)", "",
              "| row | company | metric | period | low | high | unit | scope | given | as of | confidence | source |",
              "|---|---|---|---|---:|---:|---|---|---|---|---|---|"]
    for origin, r in project["guidance"]:
        lines.append(f"| {origin} | {r['company']} | {r['metric']} | {r['period_label']} ({r['first']}..{r['last']}) | "
                     f"{r['low']} | {r['high']} | {r['unit']} | {r['scope']} | {r['given']} | {r['as_of']} | "
                     f"{r['confidence']} | {cell(r['source'])} |")
    lines += ["", "### Signals (backlog, run rates, capacity, price actions, benchmarks)", "",
              "| row | company | kind | quarter | date given | value | unit | product | change % | rank | score | "
              "confidence | source |",
              "|---|---|---|---|---|---:|---|---|---:|---:|---:|---|---|"]
    for origin, r in project["signals"]:
        lines.append(f"| {origin} | {r['company']} | {r['kind']} | {r['period']} | {r['date']} | {r['value']} | "
                     f"{r['unit']} | {cell(r['product'])} | {r['change_pct']} | {r['rank']} | {r['score']} | "
                     f"{r['confidence']} | {cell(r['source'])} |")
    lines += ["", "## Mismatches and open doubts (copied)", "",
              section("## Mismatches and open doubts"), "",
              "## AI disclosures (copied)", "", section("## AI disclosures (for the AI-revenue drivers)"), ""]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", default=os.path.join(root, "..", "shared", "data"))
    parser.add_argument("--sources", default=os.path.join(root, "data", "sources"))
    parser.add_argument("--out", default=os.path.join(root, "data"))
    args = parser.parse_args()
    build(args.shared, args.sources, args.out)


if __name__ == "__main__":
    main()
