#pragma once
// The terminal a report is shown on: how wide the text table may be, and the pager a
// report taller than the screen goes through.

#include <cstddef>
#include <string_view>

namespace cloudcast::cli {

// Columns the text table must fit: 0 (no limit) with --wide or into a file; else
// COLUMNS when set to a positive integer; else the terminal's width when stdout is one;
// else 0 (a pipe keeps every table whole).
std::size_t report_width(bool wide, bool to_file);

// Writes text to stdout, through $PAGER (default "less -FRX") when stdout and stdin are
// terminals, paging is allowed and text has more lines than the screen. A pager that
// cannot start leaves the text on stdout.
void show(std::string_view text, bool allow_pager);

}  // namespace cloudcast::cli
