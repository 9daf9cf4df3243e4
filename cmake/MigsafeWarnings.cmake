# Warnings for our own targets only; -Werror in CI so new warnings cannot land.
add_library(migsafe_warnings INTERFACE)
target_compile_options(migsafe_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow=local)
if(DEFINED ENV{CI} OR MIGSAFE_DEV)
  target_compile_options(migsafe_warnings INTERFACE -Werror)
endif()
