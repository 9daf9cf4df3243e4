#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs the tools the
# tests drive; runs the suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer; then builds normally and runs every CTest test, so
# the output ends with ctest's summary of the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test
# Every tool the tests drive is installed now, so a test that misses one fails instead of skipping.
export CI=true

# The sanitizer build: -O1 -g1 compiles in less than half the time of -O2 -g and
# still gives file:line stacks; asserts stay on. The gtest suite runs as one
# process (ctest's process per test costs half a second each under ASan), then
# the fuzz smoke and client integration tests through ctest, except the GitHub
# Action's, which builds and runs its own unsanitized binary.
sanitize_dir=${MIGSAFE_SANITIZE_BUILD_DIR:-build-sanitize}
cmake -S . -B "$sanitize_dir" -DMIGSAFE_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g1" >/dev/null
cmake --build "$sanitize_dir" -j"$(nproc)"
LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp" "$sanitize_dir/migsafe_tests" --gtest_brief=1
ctest --test-dir "$sanitize_dir" --output-on-failure -j"$(nproc)" -R '^(fuzz_smoke|integration)\.' -E 'github_action'

build_dir=${MIGSAFE_BUILD_DIR:-build-test}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
