"""`make bench`: every benchmark of the harness, one after the other on this machine, each writing
bench/results/<name>.{md,json}; then bench/results/README.md gathers the tables with the machine.
BENCH_ONLY=gateway,inflight,big-images,local-engine runs a subset."""
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
    for name, _ in PARTS:
        path = RESULTS / f"{name}.md"
        if path.exists():
            lines.append(path.read_text())
    (RESULTS / "README.md").write_text("\n".join(lines))
    print((RESULTS / "README.md").read_text())


if __name__ == "__main__":
    main()
