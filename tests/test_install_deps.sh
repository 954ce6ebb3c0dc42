#!/usr/bin/env bash
# The install script derives bookworm-backports from the mirror already configured in apt's
# sources (deb822 or one-line format), never from a host written into the script.
set -euo pipefail
script="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/scripts/install-deps.sh"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. deb822: a security entry first, then the main archive with two URIs.
mkdir -p "$tmp/a/sources.list.d"
cat > "$tmp/a/sources.list.d/debian.sources" <<'SRC'
Types: deb
URIs: http://security.mirror.test/debian-security
Suites: bookworm-security
Components: main

Types: deb deb-src
# a comment inside the stanza
URIs: http://mirror.one.test/debian http://mirror.two.test/debian
Suites: bookworm bookworm-updates
Components: main contrib
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
out="$(CAIRN_APT_ETC="$tmp/a" bash "$script" --print-backports-source bookworm)"
grep -qx 'URIs: http://mirror.one.test/debian' <<<"$out" || fail "deb822: wrong URI: $out"
grep -qx 'Suites: bookworm-backports' <<<"$out" || fail "deb822: wrong suite: $out"

# 2. One-line format with options in brackets; a disabled deb822 entry is ignored.
mkdir -p "$tmp/b/sources.list.d"
cat > "$tmp/b/sources.list" <<'SRC'
# deb http://commented.test/debian bookworm main
deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://mirror.three.test/debian bookworm main
SRC
cat > "$tmp/b/sources.list.d/off.sources" <<'SRC'
Types: deb
URIs: http://disabled.test/debian
Suites: bookworm
Components: main
Enabled: no
SRC
out="$(CAIRN_APT_ETC="$tmp/b" bash "$script" --print-backports-source bookworm)"
grep -qx 'URIs: http://mirror.three.test/debian' <<<"$out" || fail "one-line: wrong URI: $out"

# 3. No Debian entry at all: a clear error, nothing invented.
mkdir -p "$tmp/c/sources.list.d"
if CAIRN_APT_ETC="$tmp/c" bash "$script" --print-backports-source bookworm 2>"$tmp/err"; then
  fail "no entry: should have failed"
fi
grep -q "no Debian 'bookworm' entry" "$tmp/err" || fail "no entry: unclear error: $(cat "$tmp/err")"

# 4. The script names no mirror host of its own.
if grep -Eq 'https?://[a-z]' "$script"; then fail "install-deps.sh names a host"; fi
echo "4 passed, 0 failed"
