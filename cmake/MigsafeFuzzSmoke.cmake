# A fuzz smoke test per libFuzzer target: the target under the stand-alone
# driver fuzz/smoke/smoke_driver.cpp (any compiler), run over its seed
# directories and testdata/input/fuzz/<target>/ (the inputs of past findings),
# then mutated for MIGSAFE_FUZZ_SMOKE_SECONDS. Five targets at 10 s each keep
# the whole smoke run within a minute of CPU.
set(MIGSAFE_FUZZ_SMOKE_SECONDS 10 CACHE STRING "Seconds of mutation per fuzz smoke test")

function(migsafe_fuzz_smoke_test target)
  cmake_parse_arguments(PARSE_ARGV 1 SMOKE "" "DICT" "SEEDS")
  set(smoke ${target}_smoke)
  add_executable(${smoke} ${CMAKE_SOURCE_DIR}/fuzz/${target}.cpp ${CMAKE_SOURCE_DIR}/fuzz/smoke/smoke_driver.cpp)
  target_link_libraries(${smoke} PRIVATE migsafe_core migsafe_warnings)
  set(seeds)
  if(EXISTS ${CMAKE_SOURCE_DIR}/testdata/input/fuzz/${target})
    list(APPEND seeds ${CMAKE_SOURCE_DIR}/testdata/input/fuzz/${target})
  endif()
  foreach(seed IN LISTS SMOKE_SEEDS)
    list(APPEND seeds ${CMAKE_SOURCE_DIR}/${seed})
  endforeach()
  set(dict)
  if(SMOKE_DICT)
    set(dict --dict ${CMAKE_SOURCE_DIR}/fuzz/${SMOKE_DICT})
  endif()
  add_test(NAME fuzz_smoke.${target}
    COMMAND ${smoke} --seconds ${MIGSAFE_FUZZ_SMOKE_SECONDS} ${dict} ${seeds}
    WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(fuzz_smoke.${target} PROPERTIES TIMEOUT 600 ENVIRONMENT "${MIGSAFE_TEST_ENVIRONMENT}")
endfunction()
