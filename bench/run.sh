#!/usr/bin/env bash
# npm run bench: installs what the peers need when it is missing (sqlite3's own shell for P1, LibreOffice
# Calc for P2, Chromium for P4–P5), builds the UI, then measures. Extra arguments go to bench/index.ts (--quick, --runs N).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v sqlite3 >/dev/null || need+=(sqlite3)
command -v soffice >/dev/null || need+=(libreoffice-calc-nogui)
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || need+=(chromium fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
npm run --silent build >/dev/null
exec node --import tsx bench/index.ts "$@"
