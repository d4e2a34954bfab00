# Runs BIN with ARGS writing FILE (-o FILE, or stdout into FILE when STDOUT_TO_FILE is
# set, with COLUMNS when given), then checks FILE with check_output.py MODE EXPECT...
file(REMOVE ${WORKDIR}/${FILE})
if(DEFINED COLUMNS AND NOT "${COLUMNS}" STREQUAL "")
  set(ENV{COLUMNS} ${COLUMNS})
endif()
if(STDOUT_TO_FILE)
  execute_process(COMMAND ${BIN} ${ARGS} WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE code OUTPUT_FILE ${WORKDIR}/${FILE} ERROR_VARIABLE err)
else()
  execute_process(COMMAND ${BIN} ${ARGS} -o ${FILE} WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
endif()
if(NOT code EQUAL 0)
  message(FATAL_ERROR "cloudcast ${ARGS} exited ${code}\n${err}")
endif()
execute_process(COMMAND ${PYTHON} ${CHECKER} ${MODE} ${WORKDIR}/${FILE} ${EXPECT}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(NOT code EQUAL 0)
  message(FATAL_ERROR "check failed")
endif()
