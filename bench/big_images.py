"""Big images: an 8K (7680×4320) PNG through `/edit/process` (base64 JSON, the local engine) and
`/v1/images/edits` (multipart, to the OpenAI emulator, which fits it to the model's 1536 px), one
request at a time in a fresh server each: peak RSS growth of the server over its idle RSS, and the
amplification (that growth ÷ the image's bytes). Target ≤ 4×."""
import base64
import json
import pathlib
import subprocess
import tempfile
import time
import urllib.request

from common import FIXTURES, machine, proc_status, write_results
from servers import STUDIO_KEY, provider_env, start_emulator, start_studio, stop

LIMITS = {"IMAGESTUDIO_MAX_IMAGE_BYTES": str(300 << 20), "IMAGESTUDIO_MAX_REQUEST_BYTES": str(600 << 20),
          "IMAGESTUDIO_MAX_PIXELS": "40000000"}


def make_8k(folder):
    path = folder / "8k.png"
    subprocess.run(["vips", "thumbnail", str(FIXTURES / "coffee.png"), f"{path}[strip,compression=1]", "7680", "--height", "4320",
                    "--size", "force"], check=True)
    return path.read_bytes()


def multipart(fields, files):
    boundary = "bench-boundary-7c1e"
    chunks = []
    for name, value in fields.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f'Content-Type: image/png\r\n\r\n'.encode() + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def one(route, image, folder):
    emulator, emulator_url = start_emulator(10)
    studio, base = start_studio(provider_env(emulator_url) | LIMITS, folder / f"studio-{route}")
    try:
        time.sleep(1)
        idle_kb = proc_status(studio.pid, "VmRSS")
        if route == "edit-process":
            body = json.dumps({"image_base64": base64.b64encode(image).decode(), "operation": "upscale", "model": "local-resize",
                               "options": {"scale": 0.25}, "output_format": "jpeg"}).encode()
            headers = {"Content-Type": "application/json"}
            url = base + "/api/image-studio/edit/process"
        else:
            body, content_type = multipart({"prompt": "a red cup", "model": "gpt-image-1", "quality": "low"}, {"image": ("8k.png", image)})
            headers = {"Content-Type": content_type}
            url = base + "/v1/images/edits"
        headers["Authorization"] = f"Bearer {STUDIO_KEY}"
        started = time.perf_counter()
        with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers, method="POST"), timeout=600) as response:
            status = response.status
            response.read()
        seconds = time.perf_counter() - started
        peak_kb = proc_status(studio.pid, "VmHWM")
        growth_mb = (peak_kb - idle_kb) / 1024
        return {"route": route, "status": status, "seconds": round(seconds, 2), "image_mb": round(len(image) / 1048576, 1),
                "request_mb": round(len(body) / 1048576, 1), "idle_rss_mb": round(idle_kb / 1024, 1), "peak_rss_mb": round(peak_kb / 1024, 1),
                "growth_mb": round(growth_mb, 1), "amplification": round(growth_mb * 1048576 / len(image), 2)}
    finally:
        stop(studio)
        stop(emulator)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        image = make_8k(folder)
        rows = [one("edit-process", image, folder), one("v1-images-edits", image, folder)]
    md = ["## Big images: one 8K PNG (7680×4320) per request, fresh server each\n",
          "| Route | Status | Seconds | Image MB | Request MB | Idle RSS MB | Peak RSS MB | Growth MB | Amplification (target ≤ 4×) |",
          "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        md.append(f"| {r['route']} | {r['status']} | {r['seconds']} | {r['image_mb']} | {r['request_mb']} | {r['idle_rss_mb']} | "
                  f"{r['peak_rss_mb']} | {r['growth_mb']} | {r['amplification']} |")
    write_results("big-images", {"machine": machine(), "rows": rows}, "\n".join(md) + "\n")


if __name__ == "__main__":
    main()
