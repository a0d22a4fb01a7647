#!/usr/bin/env bash
# Builds sequelize-cpp and runs the seed tutorial on embedded SQLite (nothing else to start).
#   scripts/run-example.sh [database-url]   (default sqlite::memory:)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh build
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DSEQUELIZE_BUILD_TESTS=OFF >/dev/null
cmake --build build/release --target seed_tutorial -j "$(nproc)"
exec build/release/examples/seed_tutorial "${1:-sqlite::memory:}"
