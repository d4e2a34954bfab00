# Re-runs tools/build_data.py on the shared reference figures into a scratch folder and
# checks that the committed data/ files are exactly what it writes (cmake -P script).
#   -DPYTHON=<python3> -DSOURCE=<checkout> -DSHARED=<shared data folder> -DSCRATCH=<folder>
file(REMOVE_RECURSE "${SCRATCH}")
execute_process(COMMAND "${PYTHON}" "${SOURCE}/tools/build_data.py" --shared "${SHARED}" --out "${SCRATCH}"
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "build_data.py failed (${code}):\n${out}${err}")
endif()
foreach(name companies/alibaba.json companies/amazon.json companies/google.json companies/microsoft.json fx.json SOURCES.md)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files "${SCRATCH}/${name}" "${SOURCE}/data/${name}"
    RESULT_VARIABLE differ)
  if(NOT differ EQUAL 0)
    message(FATAL_ERROR "data/${name} differs from what tools/build_data.py writes; run: python3 tools/build_data.py")
  endif()
endforeach()
