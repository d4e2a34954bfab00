# End-to-end tests of `cloudcast data`: the reference figures, the JSON contract, and one
# bad file per error class (exit 3, or 4 for I/O) with the file and place in stderr.
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/bad)

# The reference article's anchors: CIG revenue RMB 33.4 bn in 2025Q2 (FY2026Q1), +26 %
# (25.8 % from the levels 33,398 / 26,549), group capex RMB 38.7 bn.
cloudcast_e2e(data_show_alibaba_revenue ARGS data show alibaba --metric revenue EXIT 0
  STDOUT "2025Q2  FY2026Q1  cig-2023         33,398  25.8%  reported")
cloudcast_e2e(data_show_alibaba_capex ARGS data show alibaba --metric capex EXIT 0
  STDOUT "2025Q2  FY2026Q1  group          38,676")
cloudcast_e2e(data_show_basis_break ARGS data show microsoft --metric operating_income EXIT 0
  STDOUT "YoY blank across a basis break, 2024Q3: basis break: 2024Q3 is ic-fy2025, 2023Q3 only on ic-original")
cloudcast_e2e(data_show_json ARGS data show alibaba --format json EXIT 0
  STDOUT "\"period\": \"2025Q2\",\n      \"fiscal_period\": \"FY2026Q1\",\n      \"metric\": \"revenue\",\n      \"value\": 33398,")
cloudcast_e2e(data_show_json_meta ARGS data show alibaba --format json EXIT 0 STDOUT "\"schema_version\": 1")
cloudcast_e2e(data_show_csv ARGS data show amazon --metric revenue --format csv EXIT 0
  STDOUT "revenue,amazon,2025Q3,FY2025Q3,,aws,revenue,33006,USD m,\nrevenue,amazon,2025Q3,FY2025Q3,,aws,yoy_growth,0.2023167")
cloudcast_e2e(data_list ARGS data list EXIT 0 STDOUT "microsoft  Microsoft      Intelligent Cloud")
cloudcast_e2e(data_validate_builtin ARGS data validate EXIT 0 STDOUT "0 errors")
cloudcast_e2e(data_show_unknown_company ARGS data show alibba EXIT 2 STDERR "did you mean 'alibaba'?")
cloudcast_e2e(data_unknown_action ARGS data sho alibaba EXIT 2 STDERR "did you mean 'show'?")
cloudcast_e2e(data_show_no_company ARGS data show EXIT 2 STDERR "data show: expected one COMPANY, got 0 arguments")
cloudcast_e2e(data_help ARGS data --help EXIT 0 STDOUT "cloudcast data show alibaba")

# One bad file per error class.
cloudcast_e2e(data_bad_broken_json ARGS data validate ${BAD}/data-broken.json EXIT 3
  STDERR "data-broken.json:5:11: invalid JSON: syntax error")
cloudcast_e2e(data_bad_wrong_type ARGS data validate ${BAD}/data-wrong-type.json EXIT 3
  STDERR "data-wrong-type.json:/observations/0/value: expected a finite number, got")
cloudcast_e2e(data_bad_missing_field ARGS data validate ${BAD}/data-missing-field.json EXIT 3
  STDERR "data-missing-field.json:/observations/0: missing field")
cloudcast_e2e(data_bad_nan ARGS data validate ${BAD}/data-nan-value.json EXIT 3
  STDERR "data-nan-value.json:/observations/0/value: expected a finite number, got \"NaN\"")
cloudcast_e2e(data_bad_infinite ARGS data validate ${BAD}/data-infinite-value.json EXIT 3
  STDERR "data-infinite-value.json:9:85: number 1e999 is out of range")
cloudcast_e2e(data_bad_negative_revenue ARGS data validate ${BAD}/data-negative-revenue.json EXIT 3
  STDERR "data-negative-revenue.json:/observations/0/value: negative revenue -33398 RMB m")
cloudcast_e2e(data_bad_duplicate_quarter ARGS data validate ${BAD}/data-duplicate-quarter.json EXIT 3
  STDERR "data-duplicate-quarter.json:/observations/1: duplicate revenue (cig-2023) for 2025Q2")
cloudcast_e2e(data_bad_duplicate_key ARGS data validate ${BAD}/data-duplicate-key.json EXIT 3
  STDERR "data-duplicate-key.json:9:92: duplicate key \"value\" at /observations/0/value (first at 9:76); expected each key once per object")
cloudcast_e2e(data_bad_unknown_metric ARGS data validate ${BAD}/data-unknown-metric.json EXIT 3
  STDERR "data-unknown-metric.json:/observations/0/metric: unknown metric 'revenu'")
cloudcast_e2e(data_bad_unknown_currency ARGS data validate ${BAD}/data-unknown-currency.json EXIT 3
  STDERR "data-unknown-currency.json:/currency: unknown currency 'EUR'")
cloudcast_e2e(data_bad_fiscal_label ARGS data validate ${BAD}/data-fiscal-label.json EXIT 3
  STDERR "data-fiscal-label.json:/observations/0/fiscal_period")
cloudcast_e2e(data_bad_fx_rate ARGS data validate ${BAD}/data-fx-negative-rate.json EXIT 3
  STDERR "data-fx-negative-rate.json:/rates/0/value: CNY per USD -7.1636")
cloudcast_e2e(data_bad_missing_quarter ARGS data validate ${BAD}/data-missing-quarter.json EXIT 3
  STDERR "data-missing-quarter.json: revenue (cig-2023) has no figure for 2025Q1 between 2024Q3 and 2025Q2")
cloudcast_e2e(data_bad_empty ARGS data validate ${BAD}/data-empty.json EXIT 3
  STDERR "data-empty.json:1:1: empty file; expected a company file (a JSON object)")
cloudcast_e2e(data_bad_directory ARGS data validate ${BAD}/data-directory.json EXIT 4
  STDERR "data-directory.json: is a directory; expected a file")
cloudcast_e2e(data_bad_dir_without_fx ARGS --data ${BAD}/data-dir-no-fx data list EXIT 4
  STDERR "data-dir-no-fx/fx.json: cannot open")
cloudcast_e2e(data_bad_data_dir_is_file ARGS --data ${BAD}/data-empty.json data show alibaba EXIT 4
  STDERR "data-empty.json: not a directory")

# Guidance: one bad company file per error class (exit 3, file:/json/pointer).
cloudcast_e2e(data_bad_guidance_low_above_high ARGS data validate ${BAD}/data-guidance-low-above-high.json EXIT 3
  STDERR "data-guidance-low-above-high.json:/guidance/0/low: low 34500 is above high 34400; expected low <= high")
cloudcast_e2e(data_bad_guidance_first_after_last ARGS data validate ${BAD}/data-guidance-first-after-last.json EXIT 3
  STDERR "data-guidance-first-after-last.json:/guidance/0/last: last 2025Q4 is before first 2026Q1; expected first <= last")
cloudcast_e2e(data_bad_guidance_period_label ARGS data validate ${BAD}/data-guidance-period-label.json EXIT 3
  STDERR "data-guidance-period-label.json:/guidance/0/period_label: \"FY2026Q2\" is 2025Q4..2025Q4 for a fiscal year ending in month 6, not 2026Q1..2026Q1; expected first and last to be the quarters it names")
cloudcast_e2e(data_bad_guidance_as_of ARGS data validate ${BAD}/data-guidance-as-of.json EXIT 3
  STDERR "data-guidance-as-of.json:/guidance/0/as_of: as_of 2026Q1 is not before last 2026Q1: the guidance covers no quarter unreported when it was given; expected as_of < last")
cloudcast_e2e(data_bad_guidance_currency ARGS data validate ${BAD}/data-guidance-currency.json EXIT 3
  STDERR "data-guidance-currency.json:/guidance/0/unit: unit \"RMB m\" does not fit revenue guidance of a USD company; expected \"USD m\"")
cloudcast_e2e(data_bad_guidance_scope ARGS data validate ${BAD}/data-guidance-scope.json EXIT 3
  STDERR "data-guidance-scope.json:/guidance/0/scope: scope \"cig-2023\" is not a segment basis of microsoft's revenue observations; expected one of ic-fy2025")
cloudcast_e2e(data_bad_guidance_unknown_metric ARGS data validate ${BAD}/data-guidance-unknown-metric.json EXIT 3
  STDERR "data-guidance-unknown-metric.json:/guidance/0/metric: unknown guidance metric 'revnue'; expected one of capex, capex_net, capex_incl_finance_leases, revenue, revenue_growth_yoy, azure_growth_yoy_cc (did you mean 'revenue'?)")
cloudcast_e2e(data_bad_guidance_missing_field ARGS data validate ${BAD}/data-guidance-missing-field.json EXIT 3
  STDERR "data-guidance-missing-field.json:/guidance/0: missing field \"high\"")
# data show lists guidance, labelled as such (Alphabet 2026 capex USD 175-185 bn, 4 Feb 2026).
cloudcast_e2e(data_show_guidance ARGS data show google EXIT 0
  STDOUT "CY2026    2026Q1..2026Q4  capex   175,000  185,000  USD m  company-wide  2026-02-04  2025Q4  guidance")
cloudcast_e2e(data_show_guidance_json ARGS data show microsoft --metric azure_growth_yoy_cc --format json EXIT 0
  STDOUT "\"id\": \"azure_cc_fy2026q3_jan2026\",\n      \"metric\": \"azure_growth_yoy_cc\",\n      \"first\": \"2026Q1\",\n      \"last\": \"2026Q1\",\n      \"period_label\": \"FY2026Q3\",\n      \"low\": 37,\n      \"high\": 38,")

# The shipped data are reproducible from the reference figures (only where the shared
# folder sits beside the checkout; a fresh clone without it skips this test).
set(SHARED_DATA ${PROJECT_SOURCE_DIR}/../shared/data)
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND EXISTS ${SHARED_DATA}/reference-figures.csv)
  add_test(NAME data.regenerate
    COMMAND ${CMAKE_COMMAND} -DPYTHON=${Python3_EXECUTABLE} -DSOURCE=${PROJECT_SOURCE_DIR} -DSHARED=${SHARED_DATA}
      -DSCRATCH=${CMAKE_CURRENT_BINARY_DIR}/regenerated-data -P ${CMAKE_CURRENT_SOURCE_DIR}/regenerate_data.cmake)
  # Bad data/sources/ rows stop the script with file:line and write nothing.
  add_test(NAME data.sources_bad
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/build_data_sources.py ${PROJECT_SOURCE_DIR} ${SHARED_DATA})
endif()

# --data DIR replaces the built-in data (a one-company folder).
set(GOOD ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/good)
cloudcast_e2e(data_dir_show ARGS --data ${GOOD}/data-min data show amazon --format csv EXIT 0
  STDOUT "revenue,amazon,2025Q3,FY2025Q3,,aws,revenue,33006,USD m,\nrevenue,amazon,2025Q3,FY2025Q3,,aws,basis,,,reported")
cloudcast_e2e(data_dir_replaces_builtin ARGS --data ${GOOD}/data-min data show alibaba EXIT 2
  STDERR "unknown company 'alibaba'")
cloudcast_e2e(data_list_json ARGS data list --format json EXIT 0 STDOUT "\"revenue_segment_basis\": \"ic-fy2025\"")

# data show --period: Alibaba's fiscal years (March year end) from the shipped quarters.
# FY2026 = 2025Q2..2026Q1: revenue 33,398 + 39,824 + 43,284 + 41,626 = 158,132 RMB m,
# adjusted EBITA 2,954 + 3,604 + 3,911 + 3,796 = 14,265 (margin 9.0 %); against FY2025's
# 118,028: +34.0 %.
cloudcast_e2e(data_show_period_fy ARGS data show alibaba --period fy --wide EXIT 0
  STDOUT "FY2026  2025Q2..2026Q1  4/4       158,132                       14,265                     9.0%                         34.0%")
cloudcast_e2e(data_show_period_json ARGS data show alibaba --period fy --format json EXIT 0
  STDOUT "\"label\": \"FY2026\",\n      \"first\": \"2025Q2\",\n      \"last\": \"2026Q1\",\n      \"quarters\": 4,\n      \"partial\": false,\n      \"revenue\": 158132,\n      \"operating_income\": 14265,")
cloudcast_e2e(data_show_period_metric ARGS data show alibaba --period cy --metric revenue EXIT 2
  STDERR "data show: --metric shows one metric's quarters; with --period the year table has revenue")
cloudcast_e2e(data_list_period ARGS data list --period cy EXIT 2 STDERR "data list: --period applies to 'data show' only")
