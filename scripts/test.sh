#!/usr/bin/env bash
# The whole test suite, from a fresh Debian 12 machine: installs the tools the
# tests drive, builds, and runs every CTest test. The last line is ctest's summary.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh --test

build_dir=${MIGSAFE_BUILD_DIR:-build-test}
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
ctest --test-dir "$build_dir" --output-on-failure -j"$(nproc)"
