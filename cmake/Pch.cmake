# Precompiled headers (issue 13, item 4; docs/performance.md, "Build time"; decision
# 0605): the third-party headers most translation units include, parsed once per target
# instead of once per file. Off by default: 16 % less compile CPU on a cold build, but
# the SIMD bodies lose their bit-for-bit identity with the scalar code (decision 0605).
# GCC only; the clang sanitizer tree builds without them.
option(CLOUDCAST_PCH "Precompile fmt, nlohmann/json and (for the tests) Catch2 with GCC" OFF)

# The headers most of the library's files include. Eigen is left out: 4 files include
# it, and every other file would pay for loading it.
set(CLOUDCAST_PCH_HEADERS <algorithm> <map> <optional> <span> <string> <string_view> <vector> <fmt/format.h>
    <nlohmann/json.hpp>)

# cloudcast_precompile(TARGET HEADER...): TARGET's own precompiled header of HEADERs.
# With ccache, GCC must name the precompiled header in its preprocessed output
# (-fpch-preprocess) and ccache needs the sloppiness its manual asks for ("Precompiled
# headers"); the launcher sets it for these targets' compiles alone.
function(cloudcast_precompile target)
  if(NOT CLOUDCAST_PCH OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    return()
  endif()
  target_precompile_headers(${target} PRIVATE ${ARGN})
  if(CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache")
    target_compile_options(${target} PRIVATE -fpch-preprocess)
    set_target_properties(${target} PROPERTIES CXX_COMPILER_LAUNCHER
      "env;CCACHE_SLOPPINESS=pch_defines,time_macros;${CMAKE_CXX_COMPILER_LAUNCHER}")
  endif()
endfunction()
