"""In-flight scale: N async edits (default 10,000) to the WaveSpeed emulator, each task taking 30 s.
Reports the server's peak RSS, open file descriptors and threads, the poll rate the emulator saw, how
many completed, and that each was charged exactly once (one settled ledger row each, one submit each)."""
import base64
import concurrent.futures
import json
import os
import pathlib
import subprocess
import tempfile
import threading
import time
import urllib.request

from common import FIXTURES, TreeSampler, machine, write_results
from servers import STUDIO_KEY, api, provider_env, start_emulator, start_studio, stop

JOBS = int(os.environ.get("BENCH_INFLIGHT_JOBS", "10000"))
TASK_MS = int(os.environ.get("BENCH_TASK_MS", "30000"))


def emulator_stats(emulator_url):
    with urllib.request.urlopen(emulator_url + "/_emulator/stats", timeout=30) as response:
        return json.loads(response.read())


def main():
    with tempfile.TemporaryDirectory() as tmp:
        folder = pathlib.Path(tmp)
        small = folder / "input.png"
        subprocess.run(["vips", "thumbnail", str(FIXTURES / "chelsea.png"), f"{small}[strip]", "512"], check=True)
        image = base64.b64encode(small.read_bytes()).decode()
        emulator, emulator_url = start_emulator(TASK_MS)
        env = provider_env(emulator_url) | {"IMAGESTUDIO_MAX_ASYNC_JOBS": str(JOBS), "IMAGESTUDIO_POLL_INTERVAL_MS": "2000",
                                           "IMAGESTUDIO_MAX_POLL_INTERVAL_MS": "8000"}
        studio, base = start_studio(env, folder / "studio")
        sampler = TreeSampler(studio.pid)
        done = threading.Event()

        def sample():
            while not done.is_set():
                sampler.sample()
                time.sleep(0.25)
        threading.Thread(target=sample, daemon=True).start()
        body = json.dumps({"image_base64": image, "operation": "general_edit", "prompt": "snow", "model": "step1x-edit"}).encode()

        def submit(_):
            request = urllib.request.Request(base + "/api/image-studio/edit/process?async=true", data=body, method="POST",
                                             headers={"Authorization": f"Bearer {STUDIO_KEY}", "Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=120) as response:
                return response.status
        started = time.time()
        with concurrent.futures.ThreadPoolExecutor(32) as pool:
            statuses = list(pool.map(submit, range(JOBS)))
        submitted = time.time() - started
        polls_at_start = emulator_stats(emulator_url)
        finished_at = None
        while time.time() - started < TASK_MS / 1000 * 6 + 600:
            usage = api(base, "GET", "/api/image-studio/usage")
            # Done when nothing is held any more: every job settled, or failed and released.
            if usage["totals"]["reserved_calls"] == 0 and api(base, "GET", "/api/image-studio/jobs?per_page=1")["data"][0]["status"] in ("succeeded", "failed"):
                finished_at = time.time()
                break
            time.sleep(2)
        stats = emulator_stats(emulator_url)
        usage = api(base, "GET", "/api/image-studio/usage")
        logs = api(base, "GET", "/api/image-studio/usage/logs?per_page=1")
        failed = [line for page in range(1, JOBS // 200 + 2)
                  for line in api(base, "GET", f"/api/image-studio/usage/logs?per_page=200&page={page}")["data"] if line["status"] != "settled"]
        done.set()
        result = {
            "jobs": JOBS, "task_seconds": TASK_MS / 1000, "accepted": statuses.count(202), "submit_seconds": round(submitted, 1),
            "all_done_seconds": round(finished_at - started, 1) if finished_at else None,
            "settled": usage["totals"]["current_calls"], "released": len(failed),
            "release_reasons": sorted({line["error_code"] or "" for line in failed}), "spent": usage["totals"]["current_cost"], "ledger_rows": logs["total"],
            "emulator": stats, "peak_rss_mb": round(max(sampler.peak_rss_kb / 1024, sampler.peak_hwm_mb()), 1),
            "peak_threads": sampler.peak_threads, "peak_fds": sampler.peak_fds,
        }
        polls = (stats.get("polls", {}) or {}).get("wavespeed") if isinstance(stats.get("polls"), dict) else None
        span = (finished_at or time.time()) - started
        result["polls_per_second"] = round(polls / span, 1) if polls else None
        stop(studio)
        stop(emulator)
    md = [f"## In-flight scale: {JOBS:,} async edits to the WaveSpeed emulator, {TASK_MS // 1000} s per task\n",
          "| accepted | submit time s | all done after s | settled | released (why) | ledger rows | spent | peak RSS MB (target < 512) | peak threads | peak fds | polls/s |",
          "|---|---|---|---|---|---|---|---|---|---|---|",
          f"| {result['accepted']} | {result['submit_seconds']} | {result['all_done_seconds']} | {result['settled']} | "
          f"{result['released']} ({', '.join(result['release_reasons']) or '—'}) | {result['ledger_rows']} | "
          f"${result['spent']} | {result['peak_rss_mb']} | {result['peak_threads']} | {result['peak_fds']} | {result['polls_per_second']} |",
          f"\nEmulator counters: `{json.dumps(result['emulator'])}`\n"]
    write_results("inflight", {"machine": machine(), **result}, "\n".join(md) + "\n")


if __name__ == "__main__":
    main()
