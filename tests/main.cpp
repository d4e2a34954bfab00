// Catch2 main (Debian 12 ships Catch2 2.13.10).
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
