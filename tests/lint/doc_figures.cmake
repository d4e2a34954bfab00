cmake_minimum_required(VERSION 3.20)
# Figures the docs quote, checked against the code (issue 13, item 6): each is read from
# its source and looked for, written the same way, in the doc that quotes it.
#   cmake -DROOT=<source dir> -P doc_figures.cmake
set(failed "")

# A constant "inline constexpr <type> NAME = VALUE;" (or "constexpr ...") from a source file.
function(read_constant file name out)
  file(STRINGS "${ROOT}/${file}" lines REGEX "constexpr [a-z:_0-9]+ ${name} = [0-9]+;")
  if(NOT lines)
    message(FATAL_ERROR "${file}: no constexpr ${name} = <integer>; expected one (this script reads it)")
  endif()
  list(GET lines 0 line)
  string(REGEX REPLACE ".* ${name} = ([0-9]+);.*" "\\1" value "${line}")
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

function(expect_text doc text why)
  file(READ "${ROOT}/${doc}" content)
  string(FIND "${content}" "${text}" at)
  if(at EQUAL -1)
    set(failed "${failed};${doc}: expected \"${text}\" (${why})" PARENT_SCOPE)
  endif()
endfunction()

read_constant(src/model/cell_accumulator.hpp kBins bins)
expect_text(docs/model.md "${bins} bins spanning" "kBins in src/model/cell_accumulator.hpp")
expect_text(docs/model.md "(pilot range) / ${bins}" "the error bound divides by kBins")
expect_text(docs/decisions/0400-streaming-percentiles.md "a ${bins}-bin histogram" "kBins")
expect_text(docs/decisions/0400-streaming-percentiles.md "O(cells × ${bins})" "kBins")

# The bound in per cent of the pilot range, 1.5 / kBins, to two decimals (below 1 %).
math(EXPR hundredths "(15000 + ${bins} / 2) / ${bins}")
if(hundredths LESS 10)
  set(hundredths "0${hundredths}")
endif()
expect_text(docs/model.md "(pilot range) / ${bins} ≈ 0.${hundredths} %" "1.5 / kBins, in per cent")
expect_text(docs/decisions/0400-streaming-percentiles.md "(pilot range) / ${bins} ≈ 0.${hundredths} %" "1.5 / kBins")

read_constant(src/model/montecarlo_runner.hpp kPilot pilot)
expect_text(docs/model.md "spanning the first ${pilot} paths' range" "kPilot in src/model/montecarlo_runner.hpp")

read_constant(src/model/montecarlo_runner.hpp kBlock block)
expect_text(docs/model.md "per block of ${block}" "kBlock in src/model/montecarlo_runner.hpp")

read_constant(src/model/margin_trend.hpp kMarginTrendChanges trend_changes)
expect_text(docs/model.md "takes the last ${trend_changes} quarter-on-quarter changes" "kMarginTrendChanges in src/model/margin_trend.hpp")

read_constant(include/cloudcast/model/engine.hpp kMaxHorizon horizon)
expect_text(CONTRIBUTING.md "expected an integer in [1, ${horizon}]" "kMaxHorizon in the --horizon example")

# The public headers architecture.md counts (lint.public_api checks which they are).
file(GLOB_RECURSE public_headers "${ROOT}/include/*.hpp")
list(LENGTH public_headers public_count)
expect_text(docs/architecture.md "commands share (${public_count} headers)" "headers under include/")

# The catch clauses architecture.md counts.
file(GLOB_RECURSE sources "${ROOT}/src/*.cpp" "${ROOT}/src/*.hpp")
set(clauses 0)
set(files 0)
foreach(file IN LISTS sources)
  file(STRINGS "${file}" lines REGEX "catch \\(")
  list(LENGTH lines n)
  if(n GREATER 0)
    math(EXPR clauses "${clauses} + ${n}")
    math(EXPR files "${files} + 1")
    # architecture.md names every file that catches, as layer/file (src/ left out).
    string(REPLACE "${ROOT}/src/" "" catcher "${file}")
    expect_text(docs/architecture.md "${catcher}" "a file with a catch clause")
  endif()
endforeach()
expect_text(docs/architecture.md "${clauses} `catch` clauses in ${files} files" "counted in src/")

list(FILTER failed EXCLUDE REGEX "^$")
if(failed)
  string(REPLACE ";" "\n  " failed "${failed}")
  message(FATAL_ERROR "docs quote figures the code no longer has:\n  ${failed}")
endif()
message(STATUS "docs agree with kBins=${bins}, kPilot=${pilot}, kBlock=${block}, kMaxHorizon=${horizon}, ${public_count} public headers, ${clauses} catch clauses in ${files} files")
