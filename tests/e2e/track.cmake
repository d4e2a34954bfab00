# End-to-end tests of `cloudcast track` (included from tests/e2e/CMakeLists.txt).
# track_2025q2.py cuts the built-in data at 2025Q2, makes a forecast and a simulate JSON
# from the cut and tracks them against the full data (what it pins: its docstring).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  add_test(NAME e2e.track_2025q2
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/track_2025q2.py $<TARGET_FILE:cloudcast>
      ${PROJECT_SOURCE_DIR}/data ${CMAKE_CURRENT_BINARY_DIR}/track-2025Q2)
else()
  add_test(NAME e2e.track_2025q2 COMMAND ${CMAKE_COMMAND} -E echo "SKIPPED: python3 not found")
  set_tests_properties(e2e.track_2025q2 PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED: ")
endif()

set(BAD ${CMAKE_CURRENT_SOURCE_DIR}/fixtures/bad)
cloudcast_e2e(track_schema_version ARGS track ${BAD}/track-schema-v2.json EXIT 3
  STDERR "track-schema-v2.json:/schema_version: expected schema version 1 (the forecast and simulate schema this cloudcast reads), got 2")
cloudcast_e2e(track_not_a_forecast ARGS track ${PROJECT_SOURCE_DIR}/data/fx.json EXIT 3
  STDERR "fx.json: not a cloudcast forecast or simulate output (no \"horizon\" or \"paths\")")
cloudcast_e2e(track_bad_period ARGS track ${BAD}/track-bad-period.json EXIT 3
  STDERR "track-bad-period.json:/companies/0/quarters/0/period: expected a quarter such as 2025Q3, got \"2025-09\"")
cloudcast_e2e(track_missing_file ARGS track no-such-forecast.json EXIT 4 STDERR "no-such-forecast.json")
cloudcast_e2e(track_bad_band ARGS track ${BAD}/track-schema-v2.json --fail-outside 0 EXIT 2
  STDERR "--fail-outside: expected a number in")
