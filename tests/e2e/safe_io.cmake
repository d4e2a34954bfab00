# Safe writes, stdout errors and confined batch/merge folders (issue 11). Included from
# tests/e2e/CMakeLists.txt; each mode of safe_io_check.cmake is one reproducer.
foreach(mode device symlink input extension long_name stdout_full stdout_cut fifo merge_escape merge_symlink merge_missing
        merge_negative batch_index)
  add_test(NAME e2e.safe_io_${mode}
    COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:cloudcast> -DMODE=${mode}
      -DWORK=${CMAKE_CURRENT_BINARY_DIR}/safe_io_${mode} -DDATA=${PROJECT_SOURCE_DIR}/data
      -DFIXTURES=${PROJECT_SOURCE_DIR}/tests/batch/fixtures
      -P ${CMAKE_CURRENT_SOURCE_DIR}/safe_io_check.cmake)
  # TIMEOUT only turns a hang (the FIFO read of defect L) into a failure; nothing is timed.
  set_tests_properties(e2e.safe_io_${mode} PROPERTIES ENVIRONMENT "NO_COLOR=1" TIMEOUT 120)
endforeach()
