#!/usr/bin/env bash
# What `make bench` needs beyond `make test`: nginx (the zero-delay upstream), the vips CLI, Pillow,
# numpy and aiohttp, LiteLLM's proxy in its own virtualenv, and release builds of our binaries.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v nginx >/dev/null || need+=(nginx-light)
command -v vips >/dev/null || need+=(libvips-tools)
command -v perf >/dev/null || true
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
python3 -c "import PIL, numpy, aiohttp" 2>/dev/null || python3 -m pip install -q pillow==13.0.0 numpy aiohttp
bench/install-litellm.sh
for product in imagestudio provider-emulator studio-bench; do swift build -c release --product "$product"; done
