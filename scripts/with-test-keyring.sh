#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with a throwaway HOME and an unlocked
# gnome-keyring Secret Service, so tests use the real OS keychain without touching the user's.
set -euo pipefail
if [ -z "${CAIRN_IN_TEST_SESSION:-}" ]; then
  export CAIRN_IN_TEST_SESSION=1
  exec dbus-run-session -- "$0" "$@"
fi
tmp_home="$(mktemp -d -t cairn-test-home.XXXXXX)"
cleanup() {
  [ -n "${keyring_pid:-}" ] && kill "$keyring_pid" 2>/dev/null || true
  rm -rf "$tmp_home"
}
trap cleanup EXIT
export HOME="$tmp_home"
export XDG_DATA_HOME="$tmp_home/.local/share" XDG_CONFIG_HOME="$tmp_home/.config"
export XDG_CACHE_HOME="$tmp_home/.cache" XDG_RUNTIME_DIR="$tmp_home/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# A fresh login keyring, created and unlocked with a throwaway password.
eval "$(printf 'cairn-test' | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
keyring_pid="${GNOME_KEYRING_PID:-}"
"$@"
