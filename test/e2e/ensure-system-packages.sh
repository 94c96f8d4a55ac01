#!/usr/bin/env bash
# Usage: ensure-system-packages.sh package:/path/it/installs [...]
# Installs each Debian package whose file is missing (as root), or says the exact command.
set -euo pipefail
missing=()
for spec in "$@"; do
  package="${spec%%:*}" path="${spec#*:}"
  [ -e "$path" ] || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "The tests need Debian packages: ${missing[*]}. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian…" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
