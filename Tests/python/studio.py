"""Starts provider-emulator and `imagestudio serve` on loopback for black-box tests."""
import os
import pathlib
import socket
import struct
import subprocess
import tempfile
import threading
import time
import urllib.request
import zlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = ROOT.parent / "shared" / "fixtures"
BUILD = pathlib.Path(os.environ.get("IMAGESTUDIO_BUILD_DIR", ROOT / ".build" / "debug"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_emulator(key="emulator-key", processing_ms=100):
    process = subprocess.Popen([str(BUILD / "provider-emulator"), "--port", "0", "--key", key,
                                "--processing-ms", str(processing_ms)], stdout=subprocess.PIPE, text=True)
    banner = process.stdout.readline()
    assert "listening on" in banner, banner
    return process, banner.split("listening on ")[1].split(" ")[0]


def start_server(emulator_url, api_key, data_dir, extra_env=None):
    """Starts `imagestudio serve`; the process's printed lines are kept in `process.banner`."""
    port = free_port()
    env = dict(os.environ, IMAGESTUDIO_BOOTSTRAP_KEY=api_key, IMAGESTUDIO_POLL_INTERVAL_MS="50", **(extra_env or {}))
    for key, base in [("WAVESPEED_API_KEY", "WAVESPEED_BASE_URL"), ("STABILITY_API_KEY", "STABILITY_BASE_URL"),
                      ("HF_TOKEN", "HF_BASE_URL"), ("OPENAI_API_KEY", "OPENAI_BASE_URL")]:
        env[key] = "emulator-key"
        env[base] = emulator_url
    process = subprocess.Popen([str(BUILD / "imagestudio"), "serve", "--port", str(port), "--data-dir", data_dir],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    process.banner = []
    threading.Thread(target=lambda: [process.banner.append(line) for line in process.stdout], daemon=True).start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/api/image-studio/health", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("imagestudio did not start")


def png_rgba(width, height, alpha):
    """A PNG of the given size, black, with the given alpha everywhere (0 = transparent = edit)."""
    raw = b"".join(b"\x00" + bytes([0, 0, 0, alpha]) * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
