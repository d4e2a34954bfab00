# Sanitizers and fuzzing instrumentation for every target of the project (not the
# prebuilt Debian libraries). docs/ci.md says which build trees use them.
#
# -DCLOUDCAST_SANITIZE=address,undefined  any list -fsanitize= accepts. Recovery is off,
#   so the first report (a UBSan one included) aborts the process and fails its test.
# -DCLOUDCAST_BUILD_FUZZERS=ON  the libFuzzer targets in fuzz/ (clang only); everything
#   is compiled with coverage feedback (-fsanitize=fuzzer-no-link) for them.
set(CLOUDCAST_SANITIZE "" CACHE STRING "Sanitizers for every target, e.g. address,undefined")
option(CLOUDCAST_BUILD_FUZZERS "Build the libFuzzer targets in fuzz/ (clang only)" OFF)

if(CLOUDCAST_SANITIZE)
  add_compile_options(-fsanitize=${CLOUDCAST_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${CLOUDCAST_SANITIZE})
endif()

if(CLOUDCAST_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "CLOUDCAST_BUILD_FUZZERS needs clang (libFuzzer); configure with "
                        "-DCMAKE_CXX_COMPILER=clang++, as scripts/fuzz does")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
