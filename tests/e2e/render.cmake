# The renderers as a reader meets them: the long CSV read with Python's csv module,
# HTML and SVG parsed as XML (self-contained, expected series points present), the
# workbook unzipped and its numeric cells read, the main report's width under COLUMNS.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
function(cloudcast_render_check name)
  cmake_parse_arguments(R "STDOUT_TO_FILE" "FILE;MODE;COLUMNS" "ARGS;EXPECT" ${ARGN})
  add_test(NAME e2e.render.${name}
    COMMAND ${CMAKE_COMMAND} -DBIN=$<TARGET_FILE:cloudcast> "-DARGS=${R_ARGS}" -DFILE=${R_FILE} -DMODE=${R_MODE}
      "-DEXPECT=${R_EXPECT}" -DPYTHON=${Python3_EXECUTABLE} -DCHECKER=${CMAKE_CURRENT_SOURCE_DIR}/check_output.py
      -DSTDOUT_TO_FILE=${R_STDOUT_TO_FILE} -DCOLUMNS=${R_COLUMNS} -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}
      -P ${CMAKE_CURRENT_SOURCE_DIR}/render_check.cmake)
  set_tests_properties(e2e.render.${name} PROPERTIES ENVIRONMENT "NO_COLOR=1;PAGER=cat")
endfunction()

# Long CSV: reported figures (data, not model output), so a model change moves nothing here.
cloudcast_render_check(compare_csv FILE compare.csv MODE csv ARGS compare
  EXPECT "revenue,microsoft,2025Q2,revenue=29878" "summary,alibaba,,revenue_now=5952.438832563526")
cloudcast_render_check(forecast_csv FILE forecast.csv MODE csv ARGS forecast --company alibaba
  EXPECT "forecast_alibaba,alibaba,2025Q2,revenue=33398" "forecast_alibaba,alibaba,2025Q2,capex=38676")
cloudcast_render_check(simulate_csv FILE simulate.csv MODE csv ARGS simulate --paths 500 --seed 1)
cloudcast_render_check(backtest_csv FILE backtest.csv MODE csv ARGS backtest --models naive,snaive --horizon 4)

# HTML and SVG: well-formed, self-contained, the reported points in the charts' titles.
cloudcast_render_check(forecast_html FILE forecast.html MODE xml ARGS forecast
  EXPECT "id=\"revenue_capex_alibaba\"" "<title>Revenue 2025Q2: 33,398</title>" "id=\"operating_margin\""
         "<h2>Alibaba Group")
cloudcast_render_check(compare_html FILE compare.html MODE xml ARGS compare
  EXPECT "<title>microsoft 2025Q2: 29,878</title>" "<td class=\"n\">29,878</td>")
cloudcast_render_check(compare_svg FILE compare.svg MODE xml ARGS compare
  EXPECT "<?xml version=\"1.0\"" "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"revenue\""
         "<title>microsoft 2025Q2: 29,878</title>")
cloudcast_render_check(simulate_html FILE simulate.html MODE xml ARGS simulate --paths 500 --seed 1
  EXPECT "id=\"alibaba_operating_margin\"" "P25-P75")
cloudcast_render_check(sensitivity_svg FILE tornado.svg MODE xml
  ARGS sensitivity --metric alibaba.operating_margin@2027Q4 --scenario obsolescence
  EXPECT "id=\"tornado\"" "alibaba.useful_life at its low value")
cloudcast_render_check(backtest_html FILE backtest.html MODE xml ARGS backtest --models naive,snaive --horizon 4
  EXPECT "<h2>Accuracy by method")
cloudcast_e2e(render.svg_without_chart ARGS data list --format svg EXIT 2 STDERR "--format svg: this report has no chart")

# Workbook: compare's revenue sheet, 2025Q2 (row 3, the first of the four reported quarters
# once every company reports 2026Q1) of microsoft (column F), a number.
cloudcast_render_check(compare_xlsx FILE model.xlsx MODE xlsx ARGS compare
  EXPECT "revenue=F3=29878" "summary=C3=5952.438832563526" "provenance")

# Terminal width: the main report fits COLUMNS (transposed summary, wrapped notes).
cloudcast_render_check(main_report_120 FILE main-120.txt MODE width STDOUT_TO_FILE COLUMNS 120 ARGS "" EXPECT 120)
cloudcast_render_check(main_report_80 FILE main-80.txt MODE width STDOUT_TO_FILE COLUMNS 80 ARGS "" EXPECT 80)
cloudcast_render_check(forecast_120 FILE forecast-120.txt MODE width STDOUT_TO_FILE COLUMNS 120 ARGS forecast EXPECT 120)

# The HTML report in headless Chromium: a non-blank screenshot (SKIPPED: without chromium).
add_test(NAME e2e.render.chromium COMMAND ${PROJECT_SOURCE_DIR}/scripts/render-check $<TARGET_FILE:cloudcast>)
set_tests_properties(e2e.render.chromium PROPERTIES SKIP_REGULAR_EXPRESSION "SKIPPED: " TIMEOUT 240)

# cmake --install: the binary, the man page generated from the help texts (every command
# has a section) and the bash and zsh completions (every command a candidate).
add_test(NAME e2e.install
  COMMAND ${CMAKE_COMMAND} -DBUILD=${PROJECT_BINARY_DIR} -DPREFIX=${CMAKE_CURRENT_BINARY_DIR}/install-root
    -P ${CMAKE_CURRENT_SOURCE_DIR}/install_check.cmake)
