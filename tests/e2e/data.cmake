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
  STDOUT "2025Q3,FY2025Q3,aws,33006,0.2023167")
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
  STDERR "data-duplicate-key.json:/observations/0/value: duplicate key")
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
  STDERR "data-empty.json: empty file; expected a JSON object")
cloudcast_e2e(data_bad_directory ARGS data validate ${BAD}/data-directory.json EXIT 4
  STDERR "data-directory.json: is a directory; expected a file")
cloudcast_e2e(data_bad_dir_without_fx ARGS --data ${BAD}/data-dir-no-fx data list EXIT 4
  STDERR "data-dir-no-fx/fx.json: cannot open")
cloudcast_e2e(data_bad_data_dir_is_file ARGS --data ${BAD}/data-empty.json data show alibaba EXIT 4
  STDERR "data-empty.json: not a directory")

# The shipped data are reproducible from the reference figures (only where the shared
# folder sits beside the checkout; a fresh clone without it skips this test).
set(SHARED_DATA ${PROJECT_SOURCE_DIR}/../shared/data)
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND AND EXISTS ${SHARED_DATA}/reference-figures.csv)
  add_test(NAME data.regenerate
    COMMAND ${CMAKE_COMMAND} -DPYTHON=${Python3_EXECUTABLE} -DSOURCE=${PROJECT_SOURCE_DIR} -DSHARED=${SHARED_DATA}
      -DSCRATCH=${CMAKE_CURRENT_BINARY_DIR}/regenerated-data -P ${CMAKE_CURRENT_SOURCE_DIR}/regenerate_data.cmake)
endif()

# --data DIR replaces the built-in data (a one-company folder).
set(GOOD ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/good)
cloudcast_e2e(data_dir_show ARGS --data ${GOOD}/data-min data show amazon --format csv EXIT 0
  STDOUT "2025Q3,FY2025Q3,aws,33006,,reported")
cloudcast_e2e(data_dir_replaces_builtin ARGS --data ${GOOD}/data-min data show alibaba EXIT 2
  STDERR "unknown company 'alibaba'")
cloudcast_e2e(data_list_json ARGS data list --format json EXIT 0 STDOUT "\"revenue_segment_basis\": \"ic-fy2025\"")
