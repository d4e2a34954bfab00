# Unity builds (issue 13, item 4; docs/performance.md, "Build time"; decision 0606): each
# target's .cpp files compile in batches, one translation unit per batch, so the headers
# they share (nlohmann/json, fmt, Boost.ProgramOptions, Catch2) are parsed and their
# templates instantiated once per batch instead of once per file. On by default, as part
# of the ordinary build; the clang sanitizer tree (build-sanitize/, scripts/deps.sh)
# turns it off, so every file still compiles alone somewhere and a missing #include
# fails there.
option(CLOUDCAST_UNITY "Compile each target's sources in batches (CMake unity build)" ON)

# cloudcast_unity(TARGET BATCH_SIZE): TARGET's sources in batches of BATCH_SIZE files, in
# the order they are listed (a layer's files together, so a batch shares its headers).
# A file with compile options of its own (the SIMD bodies' -ffp-contract=off) must stay
# alone, and is marked SKIP_UNITY_BUILD_INCLUSION where its options are set; so are
# generated files, so an edit of data/ recompiles them alone.
function(cloudcast_unity target batch_size)
  if(CLOUDCAST_UNITY)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE ${batch_size})
  endif()
endfunction()
