#!/usr/bin/env bash
# Configures and builds Cairn into build/ (Ninja, ccache when present). Extra arguments go to CMake.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${CAIRN_BUILD_DIR:-$root/build}"
# Warnings are errors on every configure, also when build/ already exists.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${CAIRN_BUILD_TYPE:-RelWithDebInfo}" -DCAIRN_WERROR=ON "$@" >/dev/null
cmake --build "$build" --parallel "$(nproc)"
