# Finite or refused (docs/model.md, "Figures the engine refuses"; docs/data.md, "Magnitude
# checks"): a figure of an implausible size in the data, a projection that leaves the
# bounds, or a backtest error that overflows stops with exit 3, the place that caused it,
# and no report written.
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/bad)
set(ACME ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/good/data-acme)

# Acme's 2025Q2 revenue typed in thousands: 1,000 times its neighbours.
set(slip "data-dir-slip/companies/acme.json:/observations/9/value: revenue 2025Q2 = 1e+06 USD m is 1000 times the median 1000 of 2024Q4..2025Q4 (acme-cloud); expected within 10 times its neighbours (a unit slip, billions for millions?)")
cloudcast_e2e(finite.data_validate_slip ARGS data validate ${BAD}/data-dir-slip/companies/acme.json EXIT 3
  STDERR "${slip}")
cloudcast_e2e(finite.forecast_data_slip ARGS --data ${BAD}/data-dir-slip forecast -o finite-slip.json EXIT 3
  STDERR "${slip}" ABSENT finite-slip.json)
cloudcast_e2e(finite.acme_validates ARGS --data ${ACME} data validate EXIT 0 STDOUT "0 errors, 0 warnings")

# Core growth and a shift of +500 % a year each: 1,000 x 36^(h/4) passes 1e12 at h = 24
# (36^6 = 2.18e9); either driver alone stays below (1,000 x 6^6 = 4.7e7).
set(absurd "company acme, 2031Q4 revenue: projected 2.18e+12 USD m; expected a finite figure of at most 1e+12 USD m in absolute value; caused by ${BAD}/scenario-acme-absurd.json:/companies/acme/core_growth_shift = 5 (at its default 0 the projection stays within bounds)")
foreach(command forecast simulate)
  cloudcast_e2e(finite.${command}_absurd_scenario
    ARGS --data ${ACME} ${command} --scenario ${BAD}/scenario-acme-absurd.json -H 24 -o finite-${command}.json
    EXIT 3 STDERR "${absurd}" ABSENT finite-${command}.json)
endforeach()
cloudcast_e2e(finite.sensitivity_absurd_scenario
  ARGS --data ${ACME} sensitivity --scenario ${BAD}/scenario-acme-absurd.json -H 24 --metric acme.revenue@2026Q4
    -o finite-sensitivity.json
  EXIT 3 STDERR "${absurd}" ABSENT finite-sensitivity.json)
cloudcast_e2e(finite.forecast_one_quarter_short
  ARGS --data ${ACME} forecast --scenario ${BAD}/scenario-acme-absurd.json -H 23 -o finite-short.json
  EXIT 0 FILE finite-short.json FILE_CONTAINS "\"period\": \"2031Q3\"")

# 1e308 in a series: naive's error term 200 |y - f| overflows at the first origin whose
# horizon reaches index 10.
cloudcast_e2e(finite.backtest_overflow
  ARGS backtest --series ${BAD}/series-overflow.csv --models naive -o finite-backtest.json
  EXIT 3 STDERR "series-overflow.csv:2:1: series S1, origin 8, model naive, h 2: forecast 108 against 1e+308 gives a non-finite error; expected values whose differences and sums stay finite (the largest is 1e+308 at index 10)"
  ABSENT finite-backtest.json)
