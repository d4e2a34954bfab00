# The user overlay end to end (docs/data.md "Your own figures"). Every run gets
# CLOUDCAST_DATA_HOME=${WORKDIR}/home, a folder made fresh here.
#   roundtrip: data export | data import - leaves the overlay empty and a second export
#              byte-identical; with a changed figure in the overlay, export -> import into
#              another fresh folder -> export gives the same bytes again.
#   applied:   a changed actual (Alibaba 2026Q1 revenue 41,626 -> 45,000 RMB m) shows in
#              data show (marked 'overlay', JSON "overlay": true) and moves forecast's
#              projection; --no-overlay gives the shipped figures back.
#   errors:    a bad row exits 3 naming file:line:col and column and leaves the overlay's
#              bytes as they were; a missing file exits 4; a broken overlay fails every
#              command with exit 3 naming the overlay's line.
file(REMOVE_RECURSE ${WORKDIR})
file(MAKE_DIRECTORY ${WORKDIR})
set(HOME_DIR ${WORKDIR}/home)
set(OVERLAY ${HOME_DIR}/overlay.csv)

# run(<expected exit> <args...>): runs the binary with the folder; stdout in OUT, stderr in ERR.
macro(run expected)
  execute_process(COMMAND ${CMAKE_COMMAND} -E env NO_COLOR=1 CLOUDCAST_DATA_HOME=${HOME_DIR} ${BIN} ${ARGN}
    WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE code OUTPUT_VARIABLE OUT ERROR_VARIABLE ERR)
  if(NOT code EQUAL ${expected})
    message(FATAL_ERROR "cloudcast ${ARGN}: exit ${code}, expected ${expected}\nstdout:\n${OUT}\nstderr:\n${ERR}")
  endif()
endmacro()
function(expect_contains text what)
  string(FIND "${text}" "${what}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "expected to find:\n${what}\nin:\n${text}")
  endif()
endfunction()
function(expect_same_file a b)
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${a} ${b} RESULT_VARIABLE differ)
  if(differ)
    message(FATAL_ERROR "${a} and ${b} differ; expected the same bytes")
  endif()
endfunction()

# Alibaba CIG revenue 2026Q1 (FY2026Q4) at 45,000 RMB m instead of the shipped 41,626.
set(change ${FIXTURES}/overlay/alibaba-2026q1.csv)

if(MODE STREQUAL "roundtrip")
  run(0 data export -o ${WORKDIR}/first.csv)
  # Through a pipe, as the issue asks: export | import -.
  execute_process(COMMAND ${CMAKE_COMMAND} -E env CLOUDCAST_DATA_HOME=${HOME_DIR} ${BIN} data export
                  COMMAND ${CMAKE_COMMAND} -E env CLOUDCAST_DATA_HOME=${HOME_DIR} ${BIN} data import - --format json
                  RESULT_VARIABLE codes OUTPUT_VARIABLE OUT ERROR_VARIABLE ERR)
  if(NOT codes STREQUAL "0")
    message(FATAL_ERROR "data export | data import -: exit ${codes}\n${OUT}\n${ERR}")
  endif()
  # Every row equals the figure it names: 328 rows read (the shipped observations), none kept.
  expect_contains("${OUT}" "\"file\": \"stdin\"")
  expect_contains("${OUT}" "\"unchanged\": 328,")
  expect_contains("${OUT}" "\"overlay_figures\": 0")
  file(READ ${OVERLAY} overlay_text)
  if(NOT overlay_text STREQUAL "company,period,metric,value,unit,basis,segment_basis,confidence,source,note\n")
    message(FATAL_ERROR "the overlay should hold the header alone, holds:\n${overlay_text}")
  endif()
  run(0 data export -o ${WORKDIR}/second.csv)
  expect_same_file(${WORKDIR}/first.csv ${WORKDIR}/second.csv)

  # With a real change in the overlay the export carries it, and importing that export
  # into another fresh folder reproduces it byte for byte.
  run(0 data import ${change})
  run(0 data export -o ${WORKDIR}/changed.csv)
  file(READ ${WORKDIR}/changed.csv changed_text)
  expect_contains("${changed_text}" "\nalibaba,2026Q1,revenue,45000,RMB m,reported,cig-2023,sourced,")
  set(HOME_DIR ${WORKDIR}/home2)
  run(0 data import ${WORKDIR}/changed.csv --format json)
  expect_contains("${OUT}" "\"replaced\": 1,")
  expect_contains("${OUT}" "\"overlay_figures\": 1")
  run(0 data export -o ${WORKDIR}/changed-again.csv)
  expect_same_file(${WORKDIR}/changed.csv ${WORKDIR}/changed-again.csv)
elseif(MODE STREQUAL "applied")
  run(0 forecast --company alibaba --horizon 2 --format json)
  set(before "${OUT}")
  run(0 data import ${change})
  expect_contains("${OUT}" "replaced a figure                              1")
  run(0 data show alibaba --metric revenue --wide)
  # The YoY against 2025Q1's 30,127: 45,000 / 30,127 - 1 = 49.4 %.
  expect_contains("${OUT}" "2026Q1  FY2026Q4  cig-2023         45,000  49.4%  overlay")
  expect_contains("${OUT}" "origin 'overlay': your figure from ${OVERLAY} (cloudcast data import)")
  run(0 data show alibaba --metric revenue --format json)
  expect_contains("${OUT}" "\"value\": 45000,")
  expect_contains("${OUT}" "\"overlay\": true")
  run(0 forecast --company alibaba --horizon 2 --format json)
  if(OUT STREQUAL before)
    message(FATAL_ERROR "forecast did not change after importing a changed 2026Q1 revenue")
  endif()
  expect_contains("${OUT}" "\"revenue\": 45000")
  # --no-overlay: the shipped data again, the very same report as before the import.
  run(0 forecast --company alibaba --horizon 2 --format json --no-overlay)
  if(NOT OUT STREQUAL before)
    message(FATAL_ERROR "forecast --no-overlay differs from the forecast before the import")
  endif()
elseif(MODE STREQUAL "errors")
  run(0 data import ${change})
  file(READ ${OVERLAY} good)
  # import_refused(<file> <row> <message>): the row exits 3 with the message and leaves
  # the overlay's bytes as they were.
  function(import_refused name row message)
    file(WRITE ${WORKDIR}/${name} "company,period,metric,value,unit,basis,segment_basis,confidence,source,note\n${row}\n")
    run(3 data import ${name})
    expect_contains("${ERR}" "${message}")
    file(READ ${OVERLAY} after)
    if(NOT after STREQUAL good)
      message(FATAL_ERROR "the refused import of ${name} changed the overlay")
    endif()
  endfunction()
  import_refused(bad.csv "alibaba,2025Q2,revenue,33398,USD m,reported,cig-2023,sourced,S131,"
    "bad.csv:2:30: unit: unit \"USD m\" does not fit revenue of a CNY company; expected \"RMB m\"")
  # Every field fine, but the figure fails the data's checks (typed in thousands): refused too.
  import_refused(slip.csv "alibaba,2025Q2,revenue,33398000,RMB m,reported,cig-2023,sourced,S131,typed in thousands"
    "slip.csv:2/value: revenue 2025Q2 = ")
  run(4 data import missing.csv)
  expect_contains("${ERR}" "missing.csv: cannot open")
  # A broken overlay (edited by hand) fails every command, naming its line.
  file(APPEND ${OVERLAY} "alibaba,2025Q2,revenue,lots,RMB m,reported,cig-2023,sourced,S131,\n")
  run(3 data list)
  expect_contains("${ERR}" "${OVERLAY}:3:24: value: expected a finite number, got \"lots\"")
  run(0 data list --no-overlay)
  # --replace starts the overlay afresh: the broken line goes.
  run(0 data import ${change} --replace)
  run(0 data list)
else()
  message(FATAL_ERROR "unknown MODE ${MODE}")
endif()
