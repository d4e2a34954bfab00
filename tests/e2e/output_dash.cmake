# `-o -` is stdout: the report is printed and no file named '-' appears.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${BIN} data list -o - --format csv WORKING_DIRECTORY ${WORKDIR}
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT out MATCHES "alibaba")
  message(FATAL_ERROR "data list -o - exited ${code}; stdout:\n${out}\nstderr:\n${err}")
endif()
if(EXISTS ${WORKDIR}/-)
  message(FATAL_ERROR "-o - created a file named '-' in ${WORKDIR}")
endif()
