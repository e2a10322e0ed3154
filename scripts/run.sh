#!/usr/bin/env bash
# Starts the studio. With EMULATE=1, hosted providers are served by the local provider-emulator
# (every answer EMULATED), so a newcomer can see hosted models work without keys.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=".build/${CONFIG:-debug}"
args=(serve --host "${HOST:-127.0.0.1}" --port "${PORT:-8080}" --data-dir "${DATA_DIR:-./data}")

if [ "${EMULATE:-0}" = "1" ]; then
  emulator_port="${EMULATOR_PORT:-9090}"
  "$bin/provider-emulator" --port "$emulator_port" --key emulator-key &
  emulator=$!
  trap 'kill $emulator 2>/dev/null' EXIT
  base="http://127.0.0.1:$emulator_port"
  export WAVESPEED_API_KEY=emulator-key STABILITY_API_KEY=emulator-key HF_TOKEN=emulator-key OPENAI_API_KEY=emulator-key
  export WAVESPEED_BASE_URL="$base" STABILITY_BASE_URL="$base" HF_BASE_URL="$base" OPENAI_BASE_URL="$base"
  export IMAGESTUDIO_PROVIDERS_EMULATED=1
fi
"$bin/imagestudio" "${args[@]}"
