# Warnings for our own targets only; -Werror in CI so new warnings cannot land.
add_library(migsafe_warnings INTERFACE)
target_compile_options(migsafe_warnings INTERFACE -Wall -Wextra -Wpedantic)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(migsafe_warnings INTERFACE -Wshadow=local)
else()
  target_compile_options(migsafe_warnings INTERFACE -Wshadow-uncaptured-local)
endif()
if(MIGSAFE_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # The sanitizers' instrumentation makes GCC report maybe-uninitialized inside
  # libstdc++ (the std::function states of std::regex), where nothing is.
  target_compile_options(migsafe_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(DEFINED ENV{CI} OR MIGSAFE_DEV)
  target_compile_options(migsafe_warnings INTERFACE -Werror)
endif()
