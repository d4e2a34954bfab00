# End-to-end tests of diff, batch and merge (issue 5). Included from tests/e2e/CMakeLists.txt.
# They need no model: the small manifest runs `diff` over fixture files, so they run
# from the source tree, where the manifest's relative paths point.
set(BATCH_FIXTURES ${PROJECT_SOURCE_DIR}/tests/batch/fixtures)

cloudcast_e2e(diff_self ARGS diff ${BATCH_FIXTURES}/base.json ${BATCH_FIXTURES}/base.json
  EXIT 0 STDOUT "Nothing moved: 0 of 4 figures moved; 0 past tolerance")
cloudcast_e2e(diff_moved ARGS diff ${BATCH_FIXTURES}/base.json ${BATCH_FIXTURES}/moved.json
  EXIT 1 STDOUT "| alibaba/2027Q2/operating_margin | 0.12 | 0.09 | -3 pts |  | past |")
cloudcast_e2e(diff_moved_within_atol ARGS diff ${BATCH_FIXTURES}/base.json ${BATCH_FIXTURES}/moved.json --atol 0.05
  EXIT 0 STDOUT "1 of 4 figures moved; 0 past tolerance")
cloudcast_e2e(diff_json ARGS diff ${BATCH_FIXTURES}/base.json ${BATCH_FIXTURES}/moved.json --format json
  EXIT 1 STDOUT "\"change_points\": -3.0")
cloudcast_e2e(diff_not_comparable ARGS diff ${BATCH_FIXTURES}/base.json ${BATCH_FIXTURES}/small.json
  EXIT 3 STDERR "not comparable")
cloudcast_e2e(diff_missing_file ARGS diff ${BATCH_FIXTURES}/base.json ${BATCH_FIXTURES}/none.json
  EXIT 4 STDERR "none.json: cannot open")
cloudcast_e2e(batch_bad_shard ARGS batch ${BATCH_FIXTURES}/small.json --out x --shard 4/3
  EXIT 2 STDERR "--shard: expected I/N with 1 <= I <= N")

# Scenario scripts: rerun byte-identical, shards merged equal the unsharded run.
foreach(mode rerun shards driver)
  add_test(NAME e2e.batch_${mode}
    COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:cloudcast> -DMODE=${mode}
      -DMANIFEST=tests/batch/fixtures/small.json -DEXPECT_EXIT=1
      -DOUT=${CMAKE_CURRENT_BINARY_DIR}/batch_${mode}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/batch_check.cmake
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(e2e.batch_${mode} PROPERTIES ENVIRONMENT "NO_COLOR=1")
endforeach()
