# `cloudcast --version` prints exactly "cloudcast X.Y.Z\n", X.Y.Z being the version the
# top-level CMakeLists.txt declares in project(); read from that file here.
file(STRINGS ${SOURCE}/CMakeLists.txt declared REGEX "^project\\(cloudcast VERSION [0-9]+\\.[0-9]+\\.[0-9]+ ")
string(REGEX REPLACE "^project\\(cloudcast VERSION ([0-9]+\\.[0-9]+\\.[0-9]+) .*" "\\1" version "${declared}")
if(NOT version MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$")
  message(FATAL_ERROR "no project(cloudcast VERSION X.Y.Z ...) line in ${SOURCE}/CMakeLists.txt")
endif()
execute_process(COMMAND ${BIN} --version RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0 OR NOT out STREQUAL "cloudcast ${version}\n" OR NOT err STREQUAL "")
  message(FATAL_ERROR "exit ${code}, stdout '${out}', stderr '${err}'; expected exit 0 and 'cloudcast ${version}\\n'")
endif()
