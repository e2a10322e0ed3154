"""Gateway overhead: the same client sends the same OpenAI multipart edits (image + mask) to (a) a
zero-delay upstream directly (nginx answering a fixed images response), (b) LiteLLM's proxy in front
of it, (c) Image Studio in front of it (`/v1/images/edits`, usage ledger on). Fixed concurrency,
bounded request counts; latency percentiles, overhead over (a), requests per second, errors, peak RSS
and CPU seconds per request of each gateway's whole process tree."""
import asyncio
import base64
import os
import pathlib
import subprocess
import tempfile
import threading
import time

import aiohttp

from common import FIXTURES, TreeSampler, machine, median, percentile, ratio, write_results
from servers import STUDIO_KEY, start_litellm, start_nginx_upstream, start_studio, stop

LEVELS = [int(c) for c in os.environ.get("BENCH_CONCURRENCY", "1,8,32,64").split(",")]
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1024,2048").split(",")]
WORKERS = os.cpu_count() or 2


def requests_for(concurrency):
    return int(os.environ.get("BENCH_REQUESTS", "0")) or max(60, concurrency * 8)


def make_images(folder, side):
    image, mask = folder / f"image-{side}.png", folder / f"mask-{side}.png"
    subprocess.run(["vips", "thumbnail", str(FIXTURES / "coffee.png"), str(image), str(side), "--height", str(side), "--size", "force"], check=True)
    # An alpha mask: opaque everywhere but a transparent square (OpenAI's "edit here").
    subprocess.run(["vips", "black", str(folder / "m.v"), str(side), str(side), "--bands", "4"], check=True)
    subprocess.run(["vips", "draw_rect", str(folder / "m.v"), "255", str(side // 4), str(side // 4), str(side // 2), str(side // 2)], check=False)
    subprocess.run(["vips", "copy", str(folder / "m.v"), str(mask)], check=True)
    return image.read_bytes(), mask.read_bytes()


async def load(url, headers, image, mask, concurrency, total):
    latencies, errors = [], 0
    counter = iter(range(total))
    connector = aiohttp.TCPConnector(limit=concurrency, force_close=False)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=300)) as session:
        async def worker():
            nonlocal errors
            for _ in counter:
                form = aiohttp.FormData()
                form.add_field("image", image, filename="image.png", content_type="image/png")
                form.add_field("mask", mask, filename="mask.png", content_type="image/png")
                form.add_field("prompt", "a red cup")
                form.add_field("model", "gpt-image-1")
                form.add_field("quality", "low")
                started = time.perf_counter()
                try:
                    async with session.post(url, data=form, headers=headers) as response:
                        body = await response.read()
                        if response.status != 200 or b"b64_json" not in body:
                            errors += 1
                            continue
                except aiohttp.ClientError:
                    errors += 1
                    continue
                latencies.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def measure(name, url, headers, image, mask, concurrency, process):
    sampler = TreeSampler(process.pid) if process else None
    stop_sampling = threading.Event()

    def sample():
        while not stop_sampling.is_set():
            sampler.sample()
            time.sleep(0.05)
    thread = threading.Thread(target=sample, daemon=True) if sampler else None
    cpu_before = sampler.cpu_seconds() if sampler else 0
    if thread:
        thread.start()
    total = requests_for(concurrency)
    latencies, errors, elapsed = asyncio.run(load(url, headers, image, mask, concurrency, total))
    stop_sampling.set()
    if thread:
        thread.join()
    ok = len(latencies)
    return {
        "target": name, "concurrency": concurrency, "requests": total, "ok": ok, "errors": errors,
        "p50_ms": round(percentile(latencies, 50), 2) if ok else None, "p95_ms": round(percentile(latencies, 95), 2) if ok else None,
        "p99_ms": round(percentile(latencies, 99), 2) if ok else None, "rps": round(ok / elapsed, 1),
        "peak_rss_mb": round(max(sampler.peak_rss_kb / 1024, sampler.peak_hwm_mb()), 1) if sampler else None,
        "cpu_ms_per_request": round((sampler.cpu_seconds() - cpu_before) * 1000 / max(ok, 1), 2) if sampler else None,
    }


def main():
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        small = base64.b64encode(make_tiny_png()).decode()
        (folder / "nginx").mkdir()
        upstream, upstream_url = start_nginx_upstream(folder / "nginx", f'{{"created": 0, "data": [{{"b64_json": "{small}"}}]}}')
        litellm = studio = None
        try:
            litellm, litellm_url = start_litellm(upstream_url, folder, WORKERS)
            studio, studio_url = start_studio({"OPENAI_API_KEY": "sk-upstream", "OPENAI_BASE_URL": upstream_url,
                                               "IMAGESTUDIO_MODEL_ALIASES": "gpt-image-1=openai-gpt-image-1"}, folder / "studio")
            targets = [("direct", upstream_url + "/v1/images/edits", {}, None),
                       ("litellm", litellm_url + "/v1/images/edits", {"Authorization": "Bearer sk-bench-master"}, litellm),
                       ("imagestudio", studio_url + "/v1/images/edits", {"Authorization": f"Bearer {STUDIO_KEY}"}, studio)]
            for side in SIZES:
                image, mask = make_images(folder, side)
                for concurrency in LEVELS:
                    for name, url, headers, process in targets:
                        measure(name, url, headers, image, mask, 1, process)  # warm-up
                        row = measure(name, url, headers, image, mask, concurrency, process)
                        row["size"] = side
                        row["image_bytes"] = len(image)
                        results.append(row)
                        print(row, flush=True)
        finally:
            for process in (studio, litellm, upstream):
                stop(process)
    report(results)


def make_tiny_png():
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "tiny.png"
        subprocess.run(["vips", "thumbnail", str(FIXTURES / "chelsea.png"), f"{path}[strip]", "16"], check=True)
        return path.read_bytes()


def report(results):
    by = {(r["size"], r["concurrency"], r["target"]): r for r in results}
    md = ["## Gateway overhead: the same multipart edits to a zero-delay upstream, directly and through each gateway\n",
          f"Workers: LiteLLM `--num_workers {WORKERS}`; Image Studio one process (NIO threads = cores). Overhead = p50 − direct p50.\n",
          "| Image | Conc. | Target | p50 ms | p95 ms | p99 ms | overhead p50 ms | req/s | errors | peak RSS MB | CPU ms/req |",
          "|---|---|---|---|---|---|---|---|---|---|---|"]
    ratios = ["\n### Image Studio ÷ LiteLLM (lower is better for overhead, RSS and CPU; higher for req/s)\n",
              "| Image | Conc. | overhead p50 | req/s | peak RSS | CPU/req |", "|---|---|---|---|---|---|"]
    for (size, concurrency, target), r in sorted(by.items(), key=lambda kv: (kv[0][0], kv[0][1], ["direct", "litellm", "imagestudio"].index(kv[0][2]))):
        direct = by.get((size, concurrency, "direct"))
        overhead = None if not (r["p50_ms"] and direct and direct["p50_ms"]) or target == "direct" else round(r["p50_ms"] - direct["p50_ms"], 2)
        r["overhead_p50_ms"] = overhead
        md.append(f"| {size}² | {concurrency} | {target} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {overhead if overhead is not None else '—'} | "
                  f"{r['rps']} | {r['errors']} | {r['peak_rss_mb'] or '—'} | {r['cpu_ms_per_request'] or '—'} |")
    for (size, concurrency, target), r in sorted(by.items()):
        if target != "imagestudio":
            continue
        peer = by.get((size, concurrency, "litellm"))
        if not peer:
            continue
        ratios.append(f"| {size}² | {concurrency} | {ratio(r.get('overhead_p50_ms'), peer.get('overhead_p50_ms'))} | {ratio(r['rps'], peer['rps'])} | "
                      f"{ratio(r['peak_rss_mb'], peer['peak_rss_mb'])} | {ratio(r['cpu_ms_per_request'], peer['cpu_ms_per_request'])} |")
    write_results("gateway", {"machine": machine(), "rows": results}, "\n".join(md + ratios) + "\n")


if __name__ == "__main__":
    main()
