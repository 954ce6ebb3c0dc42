#!/usr/bin/env bash
# Installs everything Cairn needs to build, run and test on Debian 12 or Ubuntu 24.04.
# Idempotent: packages already present are left alone; the backports suite is added only once.
# Debian 12's SQLCipher is 3.x, so SQLCipher 4.6 comes from bookworm-backports; that suite is
# derived from the Debian mirror this machine is already configured with (no host is named here).
set -euo pipefail

# --print-backports-source CODENAME: print the backports stanza this script would add, and exit
# (used by the tests; installs nothing).
if [ "${1:-}" = "--print-backports-source" ]; then
  PRINT_ONLY="${2:?codename}"
fi

if [ -n "${PRINT_ONLY:-}" ]; then
  :
elif [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "install-deps: run as root or install sudo" >&2; exit 1; fi
else
  SUDO=
fi

. /etc/os-release
codename="${VERSION_CODENAME:-}"

PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6svg6 qt6-qpa-plugins libgl-dev
  qtkeychain-qt6-dev libspdlog-dev libsqlcipher-dev sqlcipher
  libpoppler-qt6-dev libzip-dev libhnswlib-dev
  dbus dbus-daemon gnome-keyring libsecret-tools
  openssl ca-certificates
)

# Where apt's configuration is read from (tests point this at sample files).
APT_ETC="${CAIRN_APT_ETC:-/etc/apt}"

# Prints the first URI configured for the main Debian archive (suite == $1), from deb822 .sources
# files or one-line .list files.
debian_mirror() {
  local suite="$1" f
  for f in "$APT_ETC"/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v suite="$suite" '
      BEGIN { RS=""; FS="\n" }
      {
        uris=""; suites=""; types=""; enabled="yes"
        for (i = 1; i <= NF; i++) {
          line=$i; sub(/^[ \t]+/, "", line)
          if (line ~ /^#/) continue
          if (tolower(line) ~ /^uris:/)    { sub(/^[^:]*:[ \t]*/, "", line); uris=line }
          if (tolower(line) ~ /^suites:/)  { sub(/^[^:]*:[ \t]*/, "", line); suites=" " line " " }
          if (tolower(line) ~ /^types:/)   { sub(/^[^:]*:[ \t]*/, "", line); types=" " line " " }
          if (tolower(line) ~ /^enabled:/) { sub(/^[^:]*:[ \t]*/, "", line); enabled=tolower(line) }
        }
        if (enabled != "no" && types ~ / deb / && index(suites, " " suite " ") > 0) {
          split(uris, u, /[ \t]+/); print u[1]; exit
        }
      }' "$f"
  done | head -n 1 | grep . && return 0
  for f in "$APT_ETC"/sources.list "$APT_ETC"/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v suite="$suite" '
      $1 == "deb" {
        i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
        if ($(i + 1) == suite) { print $i; exit }
      }' "$f"
  done | head -n 1 | grep .
}

backports_stanza() {
  printf 'Types: deb\nURIs: %s\nSuites: %s-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$1" "$2"
}

enable_backports() {
  local list="$APT_ETC/sources.list.d/cairn-backports.sources"
  if apt-cache policy 2>/dev/null | grep -q "${codename}-backports/main"; then return 0; fi
  if [ -f "$list" ]; then return 0; fi
  local mirror
  if ! mirror="$(debian_mirror "$codename")"; then
    echo "install-deps: no Debian '$codename' entry in the apt sources; cannot derive ${codename}-backports" >&2
    exit 1
  fi
  echo "install-deps: enabling ${codename}-backports from $mirror"
  backports_stanza "$mirror" "$codename" | $SUDO tee "$list" >/dev/null
  NEED_UPDATE=1
}

if [ -n "${PRINT_ONLY:-}" ]; then
  mirror="$(debian_mirror "$PRINT_ONLY")" || { echo "install-deps: no Debian '$PRINT_ONLY' entry in $APT_ETC" >&2; exit 1; }
  backports_stanza "$mirror" "$PRINT_ONLY"
  exit 0
fi

NEED_UPDATE=0
case "${ID}:${codename}" in
  debian:bookworm) enable_backports ;;
  ubuntu:noble) ;;
  *) echo "install-deps: untested system ${PRETTY_NAME:-unknown}; trying the Debian package names" >&2 ;;
esac

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# SQLCipher must be 4.5 or newer; Debian 12's own suite only has 3.4.
sqlcipher_ok() {
  local v
  v="$(dpkg-query -W -f='${Version}' libsqlcipher-dev 2>/dev/null || true)"
  [ -n "$v" ] && dpkg --compare-versions "$v" ge 4.5
}
sqlcipher_ok || missing+=(libsqlcipher-dev)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: everything is already installed"
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
if [ "$NEED_UPDATE" = 1 ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ] \
   || ! apt-cache show qt6-base-dev >/dev/null 2>&1 || [ "$ID" = debian -a "$codename" = bookworm ]; then
  $SUDO apt-get update -qq
fi
if [ "$ID:$codename" = debian:bookworm ]; then
  # SQLCipher 4.6 and its library from backports; everything else from the main suite.
  $SUDO apt-get install -y -qq --no-install-recommends -t "${codename}-backports" libsqlcipher-dev libsqlcipher1 sqlcipher
fi
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
sqlcipher_ok || { echo "install-deps: SQLCipher >= 4.5 could not be installed" >&2; exit 1; }
echo "install-deps: done"
