cmake_minimum_required(VERSION 3.20)
# batch and report do not include each other (issue 13): no file under src/batch or
# include/cloudcast/batch includes a report header, and no file under src/report or
# include/cloudcast/report includes a batch header. Both name formats through
# cloudcast/format.hpp; the batch summary lives in cli/, above both.
#   cmake -DROOT=<source dir> -P layer_includes.cmake
function(check_includes folders pattern allowed out)
  set(found "")
  foreach(folder IN LISTS folders)
    file(GLOB_RECURSE files "${ROOT}/${folder}/*.hpp" "${ROOT}/${folder}/*.cpp")
    foreach(file IN LISTS files)
      string(REPLACE "${ROOT}/" "" name "${file}")
      if(allowed AND name MATCHES "${allowed}")
        continue()
      endif()
      file(STRINGS "${file}" lines REGEX "^[ \t]*#[ \t]*include[ \t]*[\"<]${pattern}")
      foreach(line IN LISTS lines)
        list(APPEND found "${name}: ${line}")
      endforeach()
    endforeach()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

check_includes("src/batch;include/cloudcast/batch" "(cloudcast/)?report/" "" batch_to_report)
check_includes("src/report;include/cloudcast/report" "(cloudcast/)?batch/" "" report_to_batch)
set(bad ${batch_to_report} ${report_to_batch})
if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "batch and report include each other; expected neither (format.hpp names formats):\n  ${bad}")
endif()
message(STATUS "batch includes no report header, report no batch header")
