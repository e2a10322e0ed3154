"""`make bench`: every benchmark of the harness, one after the other on this machine, each writing
bench/results/<name>.{md,json}; then bench/results/README.md gathers the tables with the machine.
BENCH_ONLY=gateway,inflight,big-images,local-engine runs a subset."""
import json
import os
import subprocess
import sys

from common import RESULTS, machine

PARTS = [("gateway", "gateway.py"), ("inflight", "inflight.py"), ("big-images", "big_images.py"), ("local-engine", "local_engine.py")]


def main():
    only = set(filter(None, os.environ.get("BENCH_ONLY", "").split(",")))
    for name, script in PARTS:
        if only and name not in only:
            continue
        print(f"== {name}", flush=True)
        subprocess.run([sys.executable, script], check=True, cwd=os.path.dirname(os.path.abspath(__file__)))
    summarize()


def summarize():
    """bench/results/README.md: the machine and every part's latest table."""
    m = machine()
    lines = ["# Benchmark results\n",
             f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Linux {m['kernel']}, Python {m['python']}; run {m['date']}.",
             "Rerun with `make bench` (see bench/README.md). Every peer runs on the same machine in the same run.\n"]
    lines += targets()
    for name, _ in PARTS:
        path = RESULTS / f"{name}.md"
        if path.exists():
            lines.append(path.read_text())
    (RESULTS / "README.md").write_text("\n".join(lines))
    print((RESULTS / "README.md").read_text())


def load(name):
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def targets():
    """Each target of issue 7 against the latest results: required, measured, met."""
    rows = []

    def add(what, required, measured, met):
        rows.append(f"| {what} | {required} | {measured} | {'yes' if met else '**no**'} |")
    gateway = load("gateway")
    if gateway:
        by = {(r["size"], r["concurrency"], r["target"]): r for r in gateway["rows"]}
        for size in sorted({r["size"] for r in gateway["rows"]}):
            for conc in sorted({r["concurrency"] for r in gateway["rows"]}):
                ours, peer, direct = by.get((size, conc, "imagestudio")), by.get((size, conc, "litellm")), by.get((size, conc, "direct"))
                if not (ours and peer and direct and ours["p50_ms"] and peer["p50_ms"]):
                    continue
                ratio = (ours["p50_ms"] - direct["p50_ms"]) / max(peer["p50_ms"] - direct["p50_ms"], 1e-9)
                add(f"gateway {size}² c{conc}: overhead p50 ÷ LiteLLM's", "≤ 0.1", round(ratio, 2), ratio <= 0.1)
                if conc == 32:
                    add(f"gateway {size}² c32: req/s × LiteLLM's", "≥ 5", round(ours["rps"] / peer["rps"], 2), ours["rps"] >= 5 * peer["rps"])
                add(f"gateway {size}² c{conc}: peak RSS ÷ LiteLLM's", "≤ 0.25", round(ours["peak_rss_mb"] / peer["peak_rss_mb"], 2),
                    ours["peak_rss_mb"] <= 0.25 * peer["peak_rss_mb"])
    inflight = load("inflight")
    if inflight:
        done = inflight["settled"] == inflight["jobs"] and inflight["ledger_rows"] == inflight["jobs"]
        add(f"in-flight {inflight['jobs']}: all complete, each charged once", "all",
            f"{inflight['settled']} settled, {inflight['released']} released", done)
        add("in-flight: peak RSS MB", "< 512", inflight["peak_rss_mb"], inflight["peak_rss_mb"] < 512)
        add("in-flight: peak threads (bounded, not one per job)", "bounded", inflight["peak_threads"], inflight["peak_threads"] < 64)
    big = load("big-images")
    if big:
        for r in big["rows"]:
            add(f"8K PNG through {r['route']}: RSS growth ÷ image bytes", "≤ 4", r["amplification"], r["amplification"] <= 4)
    local = load("local-engine")
    if local:
        for r in local["rows"]:
            add(f"local {r['operation']}: Pillow time ÷ ours", "≥ 4", r["pillow_over_ours"], r["pillow_over_ours"] >= 4)
            if r.get("ours_over_vips") is not None:
                add(f"local {r['operation']}: ours ÷ vips CLI time", "≤ 1.3", r["ours_over_vips"], r["ours_over_vips"] <= 1.3)
    if not rows:
        return []
    return ["## Targets (issue 7) against this run\n", "| Target | Required | Measured | Met |", "|---|---|---|---|", *rows,
            "\nWhy the misses stand and what would close each: bench/README.md.\n"]


if __name__ == "__main__":
    main()
