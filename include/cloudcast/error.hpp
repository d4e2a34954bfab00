#pragma once
// The user-facing error family. Each class maps to one documented exit code; the
// command line's single catch site (src/cli/run.cpp) turns them into that code.
// Messages read "place: what was wrong; what was expected".

#include <stdexcept>
#include <string>

namespace cloudcast {

enum class ExitCode : int {
  ok = 0,            // success
  check_failed = 1,  // a check or diff found drift, a batch run failed
  usage = 2,         // bad command line
  bad_data = 3,      // malformed or invalid input data
  io = 4,            // a file could not be read or written
};

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
  virtual ExitCode exit_code() const noexcept = 0;
};

class UsageError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::usage; }
};

class DataError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::bad_data; }
};

class IoError : public Error {
 public:
  using Error::Error;
  ExitCode exit_code() const noexcept override { return ExitCode::io; }
};

}  // namespace cloudcast
