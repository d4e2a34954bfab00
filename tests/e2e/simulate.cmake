# simulate and sensitivity (issue 4): exit codes and messages of the binary.
set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/bad)
cloudcast_e2e(simulate.table ARGS simulate --scenario base-uncertain --paths 2000 --company alibaba
  EXIT 0 STDOUT "P5–P95 ░  P25–P75 ▓  median ┃")
cloudcast_e2e(simulate.json ARGS simulate --scenario base-uncertain --paths 2000 --seed 7 --format json
  EXIT 0 STDOUT "\"seed\": 7")
# The probability itself, not the echoed expression: revenue is never negative, so every
# path hits ">= 0" (100 %, SE 0, all 2,000 paths) and none hits "< 0".
cloudcast_e2e(simulate.prob ARGS simulate --paths 2000 --scenario base-uncertain --prob "amazon.revenue@2027Q2 >= 0"
  EXIT 0 STDOUT "amazon.revenue@2027Q2 >= 0                  100.00%  0.00%  100.00%  100.00%      2,000\n")
cloudcast_e2e(simulate.prob_never ARGS simulate --paths 2000 --scenario base-uncertain --prob "amazon.revenue@2027Q2 < 0"
  EXIT 0 STDOUT "amazon.revenue@2027Q2 < 0                     0.00%  0.00%   0.00%    0.00%          0\n")
cloudcast_e2e(simulate.paths_zero ARGS simulate --paths 0
  EXIT 2 STDERR "--paths: expected an integer in [1, 1000000000], got '0'")
cloudcast_e2e(simulate.bad_sampling ARGS simulate --paths 10 --sampling lhc
  EXIT 2 STDERR "did you mean 'lhs'?")
cloudcast_e2e(simulate.prob_no_comparison ARGS simulate --paths 10 --prob "alibaba.operating_margin@2027Q2"
  EXIT 2 STDERR "--prob 'alibaba.operating_margin@2027Q2': no comparison")
cloudcast_e2e(simulate.prob_no_threshold ARGS simulate --paths 10 --prob "alibaba.operating_margin@2027Q2 <"
  EXIT 2 STDERR "missing threshold")
cloudcast_e2e(simulate.prob_bad_number ARGS simulate --paths 10 --prob "alibaba.operating_margin@2027Q2 < five"
  EXIT 2 STDERR "threshold 'five' is not a number")
cloudcast_e2e(simulate.prob_bad_quarter ARGS simulate --paths 10 --prob "alibaba.operating_margin@2027Q7 < 0.05"
  EXIT 2 STDERR "quarter '2027Q7' is not a calendar quarter")
cloudcast_e2e(simulate.prob_unknown_metric ARGS simulate --paths 10 --prob "alibaba.operating_margn@2027Q2 < 0.05"
  EXIT 2 STDERR "did you mean 'operating_margin'?")
cloudcast_e2e(simulate.prob_outside ARGS simulate --paths 10 --prob "alibaba.operating_margin@2035Q1 < 0.05"
  EXIT 2 STDERR "quarter 2035Q1 is not projected")
cloudcast_e2e(simulate.correlation_not_psd ARGS simulate --paths 10 --scenario ${BAD}/correlation-not-psd.json
  EXIT 3 STDERR "correlation-not-psd.json:/correlation/matrix: the matrix is not positive semi-definite")
cloudcast_e2e(simulate.correlation_repaired ARGS simulate --paths 10 --scenario ${BAD}/correlation-not-psd.json --repair-correlation
  EXIT 0 STDOUT "correlation matrix repaired (Higham's nearest correlation matrix): moved")
cloudcast_e2e(simulate.correlation_asymmetric ARGS simulate --paths 10 --scenario ${BAD}/correlation-asymmetric.json
  EXIT 3 STDERR "correlation-asymmetric.json:/correlation/matrix: entry [0][1] = 0.5 differs from [1][0] = 0.4; expected a symmetric matrix")
cloudcast_e2e(simulate.correlation_out_of_range ARGS simulate --paths 10 --scenario ${BAD}/correlation-out-of-range.json
  EXIT 3 STDERR "entry [0][1] = 1.5")
cloudcast_e2e(simulate.correlation_diagonal ARGS simulate --paths 10 --scenario ${BAD}/correlation-diagonal.json
  EXIT 3 STDERR "diagonal entry [0][0]")
cloudcast_e2e(simulate.correlation_shape ARGS simulate --paths 10 --scenario ${BAD}/correlation-shape.json
  EXIT 3 STDERR "correlation-shape.json:/correlation/matrix: expected 3 rows, one per driver")
cloudcast_e2e(simulate.distribution_unknown ARGS simulate --paths 10 --scenario ${BAD}/distribution-unknown.json
  EXIT 3 STDERR "distribution-unknown.json:/companies/alibaba/useful_life/dist: unknown distribution 'gamma'")
cloudcast_e2e(simulate.distribution_order ARGS simulate --paths 10 --scenario ${BAD}/distribution-order.json
  EXIT 3 STDERR "expected min <= mode <= max")
cloudcast_e2e(sensitivity.tornado ARGS sensitivity --metric alibaba.operating_margin@2027Q4 --scenario obsolescence
  EXIT 0 STDOUT "   1  alibaba.useful_life")
cloudcast_e2e(sensitivity.two_way ARGS sensitivity --metric alibaba.operating_margin@2027Q4 --vary useful_life,ai_price_change --format csv
  EXIT 0 STDOUT "\ntwo_way,alibaba,,,,alibaba.useful_life=4/alibaba.ai_price_change=-0.2,operating_margin,")
cloudcast_e2e(sensitivity.bad_metric ARGS sensitivity --metric alibaba.margin
  EXIT 2 STDERR "--metric 'alibaba.margin': expected company.metric@quarter")
cloudcast_e2e(sensitivity.missing_metric ARGS sensitivity
  EXIT 2 STDERR "sensitivity: the option '--metric' is required")
add_test(NAME e2e.simulate.bodies_identical
  COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:cloudcast> -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/simulate_bodies.cmake)
# The value of the build-out as a distribution (issue 12 item 5): per company, one row
# over the horizon, in the JSON's companies[].values and the long CSV.
cloudcast_e2e(simulate.npv_json ARGS simulate --paths 300 --company amazon --metric npv,irr --format json
  EXIT 0 STDOUT "\"value\": \"irr\",")
cloudcast_e2e(simulate.npv_csv ARGS simulate --paths 300 --company amazon --metric npv --format csv
  EXIT 0 STDOUT "\namazon_npv,amazon,,,,horizon/p50,npv,")
cloudcast_e2e(simulate.npv_unknown ARGS simulate --paths 10 --metric nvp
  EXIT 2 STDERR "--metric: unknown metric 'nvp'; expected one of revenue, core_revenue, ai_revenue, capex, depreciation, variable_cost, capacity_cost, operating_income, operating_margin, free_cash_flow, utilization, cumulative_capex, capex_intensity, npv, irr")
# bench/simulate.sh's NumPy reference gives forecast's figures with no randomness (base,
# and AI drivers as point masses away from their point values), so the benchmark's
# "means agree" target cannot miss silently on an engine change the reference lacks. It
# needs a python3 with NumPy: Debian's python3-numpy, which scripts/test and
# bench/simulate.sh install (a pyenv shim found first may lack it); without one the test
# says SKIPPED.
find_package(Python3 COMPONENTS Interpreter)
set(CLOUDCAST_NUMPY_PYTHON "")
foreach(candidate /usr/bin/python3 ${Python3_EXECUTABLE})
  if(EXISTS ${candidate})
    execute_process(COMMAND ${candidate} -c "import numpy" RESULT_VARIABLE numpy_missing OUTPUT_QUIET ERROR_QUIET)
    if(numpy_missing EQUAL 0)
      set(CLOUDCAST_NUMPY_PYTHON ${candidate})
      break()
    endif()
  endif()
endforeach()
if(CLOUDCAST_NUMPY_PYTHON)
  add_test(NAME e2e.simulate.numpy_reference_matches_forecast
    COMMAND ${CLOUDCAST_NUMPY_PYTHON} ${CMAKE_CURRENT_SOURCE_DIR}/simulate_reference_check.py
      $<TARGET_FILE:cloudcast> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/simulate-reference)
else()
  add_test(NAME e2e.simulate.numpy_reference_matches_forecast
    COMMAND ${CMAKE_COMMAND} -E echo "SKIPPED: no python3 with NumPy (Debian: python3-numpy)")
endif()
set_tests_properties(e2e.simulate.numpy_reference_matches_forecast PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED: ")
