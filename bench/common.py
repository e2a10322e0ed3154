"""Shared helpers of the benchmark harness: processes, peak memory, timing, the machine, results."""
import json
import os
import pathlib
import platform
import socket
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures"
RESULTS = ROOT / "bench" / "results"
RELEASE = pathlib.Path(os.environ.get("IMAGESTUDIO_BENCH_BUILD", ROOT / ".build" / "release"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_measured(command, **kwargs):
    """Runs a command to completion: (wall seconds, peak RSS in MB of that process, stdout)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    out = process.stdout.read()
    err = process.stderr.read()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"{command[0]} failed ({process.returncode}): {err[-500:]}")
    return wall, usage.ru_maxrss / 1024, out


def tree_pids(pid):
    """pid and all its descendants (for gateways with worker processes)."""
    pids, frontier = [pid], [pid]
    while frontier:
        parent = frontier.pop()
        try:
            children = pathlib.Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        except OSError:
            children = []
        for child in map(int, children):
            pids.append(child)
            frontier.append(child)
    return pids


def proc_status(pid, field):
    try:
        for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeSampler:
    """Samples a process tree: current RSS sum, peak of that sum, threads, open files, CPU seconds."""

    def __init__(self, pid):
        self.pid = pid
        self.peak_rss_kb = 0
        self.peak_threads = 0
        self.peak_fds = 0

    def sample(self):
        pids = tree_pids(self.pid)
        rss = sum(proc_status(p, "VmRSS") for p in pids)
        threads = sum(proc_status(p, "Threads") for p in pids)
        fds = 0
        for p in pids:
            try:
                fds += len(os.listdir(f"/proc/{p}/fd"))
            except OSError:
                pass
        self.peak_rss_kb = max(self.peak_rss_kb, rss)
        self.peak_threads = max(self.peak_threads, threads)
        self.peak_fds = max(self.peak_fds, fds)
        return rss

    def peak_hwm_mb(self):
        """The kernel's own high-water mark, summed over the tree (catches spikes between samples)."""
        return sum(proc_status(p, "VmHWM") for p in tree_pids(self.pid)) / 1024

    def cpu_seconds(self):
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for p in tree_pids(self.pid):
            try:
                fields = pathlib.Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
                total += (int(fields[11]) + int(fields[12])) / ticks
            except OSError:
                pass
        return total


def percentile(values, q):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def median(values):
    return statistics.median(values) if values else None


def machine():
    cpu = "unknown"
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = proc_meminfo_gb()
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory, "kernel": platform.release(),
            "python": platform.python_version(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def proc_meminfo_gb():
    try:
        for line in pathlib.Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        return None


def write_results(name, data, markdown):
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2) + "\n")
    (RESULTS / f"{name}.md").write_text(markdown)
    print(markdown)


def ratio(a, b):
    return None if not a or not b else round(a / b, 2)
