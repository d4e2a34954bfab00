# Writes OUTPUT, a header defining CLOUDCAST_GIT_COMMIT: `git describe --always --dirty`
# of SOURCE_DIR, or "unknown" outside a git checkout (a release tarball) or without git.
# Run at every build (cmake -P), so the commit is never the stale one of the last
# configure; configure_file leaves OUTPUT untouched when the commit did not change, so
# nothing recompiles then.
#   cmake -DSOURCE_DIR=<checkout> -DOUTPUT=<header> -P GitCommit.cmake
set(commit "unknown")
find_package(Git QUIET)
if(GIT_FOUND)
  execute_process(COMMAND ${GIT_EXECUTABLE} -C ${SOURCE_DIR} describe --always --dirty --abbrev=12
    RESULT_VARIABLE code OUTPUT_VARIABLE described ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(code EQUAL 0 AND NOT described STREQUAL "")
    set(commit "${described}")
  endif()
endif()
file(CONFIGURE OUTPUT ${OUTPUT} CONTENT "#pragma once\n#define CLOUDCAST_GIT_COMMIT \"${commit}\"\n" @ONLY)
