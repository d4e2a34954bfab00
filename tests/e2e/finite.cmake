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
# Issue 11, H: a revenue of 1e308 (Acme's 2025Q4; the issue's was Alibaba's) is refused
# by every command that loads the data, before any figure is computed. data export used to
# die here (exit 134, src/cli/cmd_data.cpp).
set(huge "data-dir-1e308/companies/acme.json:/observations/11/value: revenue 2025Q4 = 1e+308 USD m is beyond 1e+09 USD m; expected a figure in millions (more than world output in a quarter is a slip)")
cloudcast_e2e(finite.forecast_data_1e308 ARGS --data ${BAD}/data-dir-1e308 forecast -o finite-1e308.json EXIT 3
  STDERR "${huge}" ABSENT finite-1e308.json)
cloudcast_e2e(finite.export_data_1e308 ARGS --data ${BAD}/data-dir-1e308 data export -o finite-1e308.csv EXIT 3
  STDERR "${huge}" ABSENT finite-1e308.csv)
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

# The figures commands compute beyond the scenario's own path (docs/model.md, "Figures the
# engine refuses"). Core growth +500 % a year and a shift drawn from [+400 %, +500 %]
# (point value +400 %: 1,000 x 30^6 = 7.3e11 in 2031Q4, within): a drawn shift above about
# +427 % passes 1e12 in 2031Q4 (1,000 x (6 (1 + s))^6), so simulate's max refuses, and
# sensitivity's P90 swing to +490 % gives 1,000 x 35.4^6 = 1.97e12.
set(uncertain ${BAD}/scenario-acme-uncertain-absurd.json)
cloudcast_e2e(finite.simulate_sampled_paths
  ARGS --data ${ACME} simulate --scenario ${uncertain} -H 24 --paths 200 --seed 1 -m revenue -o finite-sampled.json
  EXIT 3 ABSENT finite-sampled.json
  STDERR "cloudcast: error: simulate: company acme, 2031Q4 revenue max: 2.17e+12 USD m; expected a finite figure of at most 1e+12 USD m in absolute value; caused by the sampled values of acme.core_growth_shift ~ uniform(4, 5) (the scenario's point values stay within bounds)\n")
cloudcast_e2e(finite.simulate_sampled_paths_within
  ARGS --data ${ACME} simulate --scenario ${uncertain} -H 23 --paths 200 --seed 1 -m revenue -o finite-within.json
  EXIT 0 FILE finite-within.json FILE_CONTAINS "\"period\": \"2031Q3\"")
cloudcast_e2e(finite.sensitivity_swing
  ARGS --data ${ACME} sensitivity --scenario ${uncertain} -H 24 --metric acme.revenue@2031Q4
    --vary core_growth_shift -o finite-swing.json
  EXIT 3 ABSENT finite-swing.json
  STDERR "cloudcast: error: sensitivity: company acme, 2031Q4 revenue (tornado, high): 1.97e+12 USD m; expected a finite figure of at most 1e+12 USD m in absolute value; caused by acme.core_growth_shift = 4.9 (its swing's high end; the base output is within bounds)\n")
# A forecast file whose 2025Q3 revenue is 1e300: the tracked figure, not the data.
cloudcast_e2e(finite.track_file_figure
  ARGS --data ${ACME} track ${BAD}/track-acme-1e300.json --scenario base --paths 100 -o finite-track.json
  EXIT 3 ABSENT finite-track.json
  STDERR "track: company acme, 2025Q3 revenue projected: 1e+300 USD m; expected a finite figure of at most 1e+12 USD m in absolute value; caused by the figures of ${BAD}/track-acme-1e300.json against the data reported since\n")
# Acme with a backlog of USD 5,000,000 m against about 4,000 m of revenue in the next four
# quarters: a coverage of 1,233, beyond the 1,000 a ratio may reach.
cloudcast_e2e(finite.signals_coverage
  ARGS --data ${BAD}/data-dir-backlog signals -o finite-signals.json
  EXIT 3 ABSENT finite-signals.json
  STDERR "signals: company acme, 2025Q4 backlog coverage: 1.23e+03 (a fraction); expected a finite figure of at most 1000 in absolute value; caused by the figures of ${BAD}/data-dir-backlog/companies/acme.json\n")
