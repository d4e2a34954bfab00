# Warnings for the project's own code. Linked PRIVATE, so dependants never inherit them.
add_library(cloudcast_warnings INTERFACE)
target_compile_options(cloudcast_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  # Designated initializers that leave fields at their defaults are the intended style.
  -Wno-missing-field-initializers
  $<$<BOOL:${CLOUDCAST_WERROR}>:-Werror>)
