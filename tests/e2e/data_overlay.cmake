# `data import` / `data export` and the user overlay, each test with a user data folder
# of its own under the build tree (CLOUDCAST_DATA_HOME), never the developer's: see
# data_overlay_check.cmake for what each mode checks.
foreach(mode roundtrip applied errors)
  add_test(NAME e2e.data_overlay.${mode}
    COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:cloudcast> -DMODE=${mode}
      -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/data-overlay-${mode} -DFIXTURES=${CMAKE_CURRENT_SOURCE_DIR}/fixtures
      -P ${CMAKE_CURRENT_SOURCE_DIR}/data_overlay_check.cmake)
endforeach()
# The tests' own environment names no overlay: data list says so.
cloudcast_e2e(data_list_no_overlay ARGS data list --format json EXIT 0 STDOUT "\"overlay\": null,")
cloudcast_e2e(data_export_not_json ARGS data export --format json EXIT 2
  STDERR "data export: writes the long CSV only, not json; expected --format csv or a .csv file")
cloudcast_e2e(data_import_no_file ARGS data import EXIT 2
  STDERR "data import: expected one FILE.csv (- for stdin), got 0 arguments")
cloudcast_e2e(data_replace_not_import ARGS data show alibaba --replace EXIT 2
  STDERR "data show: --replace applies to 'data import' only")
