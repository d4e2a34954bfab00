cmake_minimum_required(VERSION 3.20)
# include/cloudcast/ is the API the command line uses, nothing more (issue 13):
#   1. a public header includes only public headers (and system/library ones): a quoted
#      include of "model/..." would build here, where src/ is on every path, and break
#      for anyone who has only include/;
#   2. the CLI (src/cli/) includes only public headers and its own (cli/...);
#   3. every public header is needed: src/cli/ includes it, or a public header it
#      includes does. A header only the library uses belongs in src/<layer>/.
#   cmake -DROOT=<source dir> -P public_api.cmake
set(include_regex "^[ \t]*#[ \t]*include[ \t]*[\"<]([^\">]+)[\">]")

# The quoted/angle includes of a file that name cloudcast's own headers, as written.
function(own_includes file out)
  file(STRINGS "${file}" lines REGEX "${include_regex}")
  set(found "")
  foreach(line IN LISTS lines)
    string(REGEX MATCH "${include_regex}" _ "${line}")
    set(name "${CMAKE_MATCH_1}")
    if(line MATCHES "\"" OR name MATCHES "^cloudcast/")
      list(APPEND found "${name}")
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

set(bad "")
file(GLOB_RECURSE public RELATIVE "${ROOT}/include" "${ROOT}/include/*.hpp")
foreach(header IN LISTS public)
  own_includes("${ROOT}/include/${header}" names)
  foreach(name IN LISTS names)
    if(NOT name MATCHES "^cloudcast/" OR NOT EXISTS "${ROOT}/include/${name}")
      list(APPEND bad "include/${header} includes \"${name}\", which is not a public header")
    endif()
  endforeach()
endforeach()

file(GLOB_RECURSE cli_files "${ROOT}/src/cli/*.hpp" "${ROOT}/src/cli/*.cpp")
set(needed "")
foreach(file IN LISTS cli_files)
  string(REPLACE "${ROOT}/" "" shown "${file}")
  own_includes("${file}" names)
  foreach(name IN LISTS names)
    if(name MATCHES "^cloudcast/" AND EXISTS "${ROOT}/include/${name}")
      list(APPEND needed "${name}")
    elseif(NOT name MATCHES "^cli/")
      list(APPEND bad "${shown} includes \"${name}\", not a public header or cli/")
    endif()
  endforeach()
endforeach()

# Everything the CLI's public headers include, transitively.
set(queue ${needed})
set(needed "")
while(queue)
  list(POP_FRONT queue name)
  if(name IN_LIST needed)
    continue()
  endif()
  list(APPEND needed "${name}")
  own_includes("${ROOT}/include/${name}" names)
  foreach(next IN LISTS names)
    if(EXISTS "${ROOT}/include/${next}")
      list(APPEND queue "${next}")
    endif()
  endforeach()
endwhile()
foreach(header IN LISTS public)
  if(NOT header IN_LIST needed)
    list(APPEND bad "include/${header} is public but the CLI does not need it (move it to src/)")
  endif()
endforeach()

if(bad)
  string(REPLACE ";" "\n  " bad "${bad}")
  message(FATAL_ERROR "the public API is not what the CLI uses:\n  ${bad}")
endif()
list(LENGTH public count)
message(STATUS "${count} public headers, each needed by the CLI and including only public ones")
