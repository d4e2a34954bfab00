#include "cli/terminal.hpp"

#include <fmt/format.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>
#include <string>

#include "cli/output.hpp"

namespace cloudcast::cli {

namespace {

std::optional<winsize> terminal_size() {
  winsize size{};
  if (::isatty(STDOUT_FILENO) != 1 || ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0)
    return std::nullopt;
  return size;
}

}  // namespace

std::size_t report_width(bool wide, bool to_file) {
  if (wide || to_file) return 0;
  if (const char* columns = std::getenv("COLUMNS"); columns != nullptr && *columns != '\0') {
    char* end = nullptr;
    const long value = std::strtol(columns, &end, 10);
    if (*end == '\0' && value > 0 && value < 100000) return static_cast<std::size_t>(value);
  }
  if (const auto size = terminal_size()) return size->ws_col;
  return 0;
}

void show(std::string_view text, bool allow_pager) {
  const auto size = terminal_size();
  const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
  if (!allow_pager || !size || ::isatty(STDIN_FILENO) != 1 || lines < size->ws_row) return write_stdout(text);
  const char* pager_env = std::getenv("PAGER");
  const std::string pager = pager_env != nullptr && *pager_env != '\0' ? pager_env : "less -FRX";
  if (pager == "cat") return write_stdout(text);
  std::cout.flush();
  std::FILE* pipe = ::popen(pager.c_str(), "w");
  if (pipe == nullptr) return write_stdout(text);
  // Quitting the pager early closes the pipe: that is the reader's choice, not an error.
  const auto previous = std::signal(SIGPIPE, SIG_IGN);
  std::fwrite(text.data(), 1, text.size(), pipe);
  ::pclose(pipe);
  std::signal(SIGPIPE, previous);
}

}  // namespace cloudcast::cli
