#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running Cairn: installs what is missing, builds,
# starts the app. Arguments go to cairn (e.g. --data-dir DIR).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "${CAIRN_BUILD_DIR:-$root/build}/src/gui/cairn" "$@"
