# End-to-end tests of the one JSON reader (issue 11): every reproducer of defects A, B, G,
# J and L gives exit 3 and a message with its place. Included from tests/e2e/CMakeLists.txt;
# the inputs are written by make_json_inputs.cmake into J before these tests run.
set(J ${CMAKE_CURRENT_BINARY_DIR}/json-inputs)
add_test(NAME e2e.json.inputs
  COMMAND ${CMAKE_COMMAND} -DDIR=${J} -DGOOD=${CMAKE_CURRENT_SOURCE_DIR}/fixtures/good
    -P ${CMAKE_CURRENT_SOURCE_DIR}/make_json_inputs.cmake)
set_tests_properties(e2e.json.inputs PROPERTIES FIXTURES_SETUP json_inputs)

# A: 100,000 nested arrays. The 65th opening bracket is refused; its pointer is the 64
# indices (or keys) above it.
string(REPEAT "/0" 64 P64)
string(REPEAT "/0" 63 P63)
set(TOO_DEEP "nesting deeper than 64 levels at")
set(AT_MOST "; expected at most 64 nested arrays and objects")
cloudcast_e2e(json.deep_diff FIXTURE json_inputs ARGS diff ${J}/deep.json ${J}/deep.json EXIT 3
  STDERR "${J}/deep.json:1:65: ${TOO_DEEP} ${P64}${AT_MOST}")
cloudcast_e2e(json.deep_fx FIXTURE json_inputs ARGS --data ${J}/deep-data data list EXIT 3
  STDERR "${J}/deep-data/fx.json:1:65: ${TOO_DEEP} ${P64}${AT_MOST}")
cloudcast_e2e(json.deep_validate FIXTURE json_inputs ARGS data validate ${J}/deep.json EXIT 3
  STDERR "${J}/deep.json:1:65: ${TOO_DEEP} ${P64}${AT_MOST}")
# {"runs": [[[...: the object is level 1, so the 64th bracket (column 9 + 64) is refused.
cloudcast_e2e(json.deep_manifest FIXTURE json_inputs ARGS batch ${J}/manifest-deep.json --out ${J}/out-deep EXIT 3
  STDERR "${J}/manifest-deep.json:1:73: ${TOO_DEEP} /runs${P63}${AT_MOST}")
cloudcast_e2e(json.deep_tolerances FIXTURE json_inputs ARGS diff ${J}/a.json ${J}/a.json --tolerances ${J}/tolerances-deep.json EXIT 3
  STDERR "${J}/tolerances-deep.json:1:76: ${TOO_DEEP} /default${P63}${AT_MOST}")
cloudcast_e2e(json.deep_index FIXTURE json_inputs ARGS merge ${J}/shard-deep --out ${J}/merged-deep EXIT 3
  STDERR "${J}/shard-deep/index.json:1:65: ${TOO_DEEP} ${P64}${AT_MOST}")

# B: a literal beyond the double range, placed at its first character.
set(RANGE "is out of range; expected a finite number")
cloudcast_e2e(json.big_scenario FIXTURE json_inputs ARGS forecast --scenario ${J}/scenario-big.json EXIT 3
  STDERR "${J}/scenario-big.json:1:27: number 1e999 ${RANGE}")
cloudcast_e2e(json.big_manifest FIXTURE json_inputs ARGS batch ${J}/manifest-big.json --out ${J}/out-big EXIT 3
  STDERR "${J}/manifest-big.json:1:71: number 1e999 ${RANGE}")
cloudcast_e2e(json.big_index FIXTURE json_inputs ARGS merge ${J}/shard-big --out ${J}/merged-big EXIT 3
  STDERR "${J}/shard-big/index.json:1:20: number 1e999 ${RANGE}")
cloudcast_e2e(json.big_diff FIXTURE json_inputs ARGS diff ${J}/output-big.json ${J}/a.json EXIT 3
  STDERR "${J}/output-big.json:1:7: number 1e999 ${RANGE}")
cloudcast_e2e(json.big_tolerances FIXTURE json_inputs ARGS diff ${J}/a.json ${J}/a.json --tolerances ${J}/tolerances-big.json EXIT 3
  STDERR "${J}/tolerances-big.json:1:22: number 1e999 ${RANGE}")

# G: a key given twice, both places named; a correlation pair given twice (in either order).
set(ONCE "; expected each key once per object")
cloudcast_e2e(json.dup_scenario FIXTURE json_inputs ARGS forecast --scenario ${J}/scenario-dup.json EXIT 3
  STDERR "${J}/scenario-dup.json:1:32: duplicate key \"ai_share\" at /defaults/ai_share (first at 1:15)${ONCE}")
cloudcast_e2e(json.dup_tolerances FIXTURE json_inputs ARGS diff ${J}/a.json ${J}/a.json --tolerances ${J}/tolerances-dup.json EXIT 3
  STDERR "${J}/tolerances-dup.json:1:25: duplicate key \"rtol\" at /default/rtol (first at 1:14)${ONCE}")
cloudcast_e2e(json.dup_manifest FIXTURE json_inputs ARGS batch ${J}/manifest-dup.json --out ${J}/out-dup EXIT 3
  STDERR "${J}/manifest-dup.json:1:74: duplicate key \"horizon\" at /runs/0/options/horizon (first at 1:60)${ONCE}")
cloudcast_e2e(json.dup_correlation_pair FIXTURE json_inputs ARGS forecast --scenario ${J}/scenario-pair-twice.json EXIT 3
  STDERR "${J}/scenario-pair-twice.json:/correlation/1: the pair alibaba.useful_life and alibaba.ai_share is given twice (first at ${J}/scenario-pair-twice.json:/correlation/0); expected each pair once")

# J: an element of a list is placed by its index.
cloudcast_e2e(json.notes_element FIXTURE json_inputs ARGS data validate ${J}/company-notes.json EXIT 3
  STDERR "${J}/company-notes.json:/notes/0: expected a string, got 1")
# L: a scenario's description is text; the seed takes every uint64.
cloudcast_e2e(json.description_not_string FIXTURE json_inputs ARGS forecast --scenario ${J}/scenario-description.json EXIT 3
  STDERR "${J}/scenario-description.json:/description: expected a string; got 5")
cloudcast_e2e(json.seed_max ARGS simulate --scenario base-uncertain --paths 10 --seed 18446744073709551615
  --format json EXIT 0 STDOUT "\"seed\": 18446744073709551615")
cloudcast_e2e(json.seed_past_max ARGS simulate --paths 10 --seed 18446744073709551616 EXIT 2
  STDERR "--seed: expected an integer in [0, 18446744073709551615], got '18446744073709551616'")

# C: paths whose bytes are not UTF-8 reach JSON output as U+FFFD (a shell script: CMake
# strings cannot hold the byte 0xFF).
add_test(NAME e2e.json.non_utf8_paths
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/non_utf8_paths.sh $<TARGET_FILE:cloudcast>
    ${CMAKE_CURRENT_BINARY_DIR}/non-utf8 ${PROJECT_SOURCE_DIR}/data
    ${PROJECT_SOURCE_DIR}/tests/batch/fixtures)
set_tests_properties(e2e.json.non_utf8_paths PROPERTIES ENVIRONMENT "NO_COLOR=1")
