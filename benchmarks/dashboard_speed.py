"""`jsj dashboard` on the 100,000-milestone ledger, on a busy machine: N rounds, each running the import
baseline, `jsj status` and `jsj dashboard` (and, with `--before SRC`, the dashboard of another source tree,
e.g. an older commit unpacked with `git archive`) one after the other, so a load that comes and goes moves
them all alike. Prints the minimum and the median of each, and each one's ratio to the baseline.

    pip install ".[bench]" && python benchmarks/dashboard_speed.py [--rounds 20] [--before /tmp/old/src]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench import DASHBOARD_EXTRAS, IMPORT_LINE, JSJ, fill

ROWS = 100_000


def ledger(work: Path) -> Path:
    """bench.py's dashboard ledger: 100,000 milestones, statistics and problems, so every chart is drawn."""
    path = work / "dashboard.sqlite3"
    fill(path, ROWS)
    for args in DASHBOARD_EXTRAS:
        subprocess.run([JSJ, *args, "--db", str(path)], check=True, capture_output=True)
    return path


def seconds(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall-clock seconds, and the CPU seconds (user + system) the process used: on a machine other work
    keeps busy, the CPU time moves far less than the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--before", default=None, help="another source tree's src/ to time beside this one")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jsj-dashboard-"))
    try:
        db = ledger(work)
        out = str(work / "out.html")
        commands = {
            "baseline: python -c '" + IMPORT_LINE + "'": ([sys.executable, "-c", IMPORT_LINE], None),
            f"jsj status ({ROWS:,} milestones)": ([JSJ, "status", "--db", str(db)], None),
            f"jsj dashboard ({ROWS:,} milestones)": ([JSJ, "dashboard", out, "--as-of", "2023-06-30", "--db", str(db)],
                                                     None),
        }  # fmt: skip
        if args.before:
            env = {**os.environ, "PYTHONPATH": args.before}
            commands[f"jsj dashboard, {args.before}"] = (commands[f"jsj dashboard ({ROWS:,} milestones)"][0], env)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for cmd, env in commands.values():
            seconds(cmd, env)  # warm: bytecode compiled, files in the page cache
        for _ in range(args.rounds):
            for name, (cmd, env) in commands.items():
                times[name].append(seconds(cmd, env))
        base = min(wall for wall, _ in next(iter(times.values())))
        print(f"{args.rounds} rounds, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end")
        print("| what | min | median | min / baseline's min | CPU: min | CPU: median |")
        print("|---|---|---|---|---|---|")
        for name, values in times.items():
            wall, cpu = [w for w, _ in values], [c for _, c in values]
            print(
                f"| {name} | {min(wall):.3f} s | {statistics.median(wall):.3f} s | {min(wall) / base:.2f}× |"
                f" {min(cpu):.3f} s | {statistics.median(cpu):.3f} s |"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
