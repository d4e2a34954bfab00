#pragma once
// The command line's entry: global options, command lookup, rendering, and the only
// catch site that maps errors to exit codes.

namespace cloudcast::cli {

int run(int argc, const char* const* argv);

}  // namespace cloudcast::cli
