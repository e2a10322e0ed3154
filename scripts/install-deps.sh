#!/usr/bin/env bash
# Installs what Image Studio needs, only when it is missing: libvips from Debian's packages,
# and the Python tools of the black-box tests from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
pkg-config --exists vips 2>/dev/null || need+=(libvips-dev)
command -v pkg-config >/dev/null || need+=(pkg-config)
if [ "${1:-}" = "--test" ]; then
  # The web studio's browser tests: headless Chromium driven by Selenium.
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
fi

if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

command -v swift >/dev/null || { echo "Swift 6 is required (swift not found on PATH)." >&2; exit 1; }

if [ "${1:-}" = "--test" ]; then
  python3 -c "import wavespeed, pytest, openai, schemathesis, selenium" 2>/dev/null || python3 -m pip install -q -r Tests/python/requirements.txt
fi
