# Runs BIN with ARGS (a ;-list) and checks the exit code and expected substrings.
# Fails with the full output so a broken e2e test explains itself.
execute_process(COMMAND ${BIN} ${ARGS}
  WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${code}" STREQUAL "${EXPECT_EXIT}")
  message(FATAL_ERROR "exit code ${code}, expected ${EXPECT_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(NOT "${EXPECT_STDOUT}" STREQUAL "")
  string(FIND "${out}" "${EXPECT_STDOUT}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "stdout lacks '${EXPECT_STDOUT}'\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endif()
if(NOT "${EXPECT_STDERR}" STREQUAL "")
  string(FIND "${err}" "${EXPECT_STDERR}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "stderr lacks '${EXPECT_STDERR}'\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endif()
