#include "cli/run.hpp"

int main(int argc, char** argv) { return cloudcast::cli::run(argc, argv); }
