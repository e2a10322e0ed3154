#!/usr/bin/env bash
# Installs LiteLLM's proxy, pinned, into its own virtualenv (it pins an older openai than our tests use).
# litellm 1.108.0 (the newest whose litellm-proxy-extras pin this machine's PyPI has) requires certifi>=2026.10.19, newer than any certifi this machine's PyPI offers, so its
# other requirements are installed as declared and certifi as the newest available; then litellm itself
# with --no-deps. Nothing else is relaxed.
set -euo pipefail
VERSION="${LITELLM_VERSION:-1.108.0}"
VENV="${LITELLM_VENV:-$(dirname "$0")/.litellm-venv}"
if [ -x "$VENV/bin/litellm" ] && "$VENV/bin/python" -c "import litellm, sys; sys.exit(0 if __import__('importlib.metadata').metadata.version('litellm') == '$VERSION' else 1)" 2>/dev/null; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install -q --upgrade pip packaging
tmp="$(mktemp -d)"
"$VENV/bin/pip" download -q --no-deps "litellm==$VERSION" -d "$tmp"
"$VENV/bin/python" - "$tmp" > "$tmp/requirements.txt" <<'PY'
import glob, sys, zipfile
from packaging.requirements import Requirement
wheel = glob.glob(sys.argv[1] + "/litellm-*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    lines = z.read(meta).decode().splitlines()
for line in lines:
    if not line.startswith("Requires-Dist: "):
        continue
    req = Requirement(line[len("Requires-Dist: "):])
    if req.marker and not (req.marker.evaluate({"extra": ""}) or req.marker.evaluate({"extra": "proxy"})):
        continue
    req.marker = None
    print("certifi" if req.name == "certifi" else str(req))
PY
"$VENV/bin/pip" install -q -r "$tmp/requirements.txt"
"$VENV/bin/pip" install -q --no-deps "$tmp"/litellm-*.whl
rm -rf "$tmp"
"$VENV/bin/litellm" --version >/dev/null 2>&1 || true
