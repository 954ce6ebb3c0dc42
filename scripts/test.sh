#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a green test suite: installs what is missing,
# builds, and runs every test headless (QT_QPA_PLATFORM=offscreen) against a real, throwaway
# Secret Service: gnome-keyring-daemon in a private D-Bus session with a temporary HOME.
# Arguments go to ctest (e.g. -R driver).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
exec "$root/scripts/with-test-keyring.sh" ctest --test-dir "${CAIRN_BUILD_DIR:-$root/build}" \
  --output-on-failure --timeout 600 "$@"
