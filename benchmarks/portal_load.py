"""The portal under load: 50 simulated units, each signing in and submitting 20 reports at once, against
`jsj serve` on a 100,000-milestone ledger, on SQLite and on PostgreSQL.

    pip install ".[web,bench]" && python benchmarks/portal_load.py [--engines sqlite,postgresql] [--pg URL]

It checks that every one of the 1,000 reports is stored exactly once and that no answer is a 5xx, and
reports the p50 and p95 latency of the report POST, of a unit's 本期应报 page and of the analyst's status
page three ways: in a burst (all 50 units at once with no pause: the server saturated, so latency is the
queue), paced (the same 50 sessions and 1,000 reports, each unit pausing 2-4 s between reports, as a person
filling a form never could), and one request at a time. Traffic goes to 127.0.0.1 only, with
a bounded number of requests. See benchmarks/README.md for the figures recorded.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from bench import JSJ, PgServer, _pg_database, fill

UNITS, REPORTS, ROWS = 50, 20, 100_000
PASSWORD = "load-test-password"
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def accounts(db: str) -> list[tuple[str, str, list[int]]]:
    """50 unit accounts spread over the plan's units (several people per unit), each with its unit's key
    tasks, and one analyst."""
    from jinsanjiao_cli.actions import accounts as account_actions
    from jinsanjiao_cli.ledger import opening

    made = []
    with opening.open_ledger(db) as ledger:
        owed = ledger.query(
            "SELECT u.name, a.task_no FROM assignment a JOIN unit u ON u.id = a.unit_id JOIN task t ON t.no = a.task_no"
            " WHERE t.kind = 'key_task' ORDER BY u.ord, a.task_no"
        )
        tasks: dict[str, list[int]] = {}
        for unit, task in owed:
            tasks.setdefault(unit, []).append(task)
        units = list(tasks)
        for n in range(UNITS):
            unit = units[n % len(units)]
            account_actions.add(ledger, f"unit{n:02d}", "unit", unit, PASSWORD, "bench")
            made.append((f"unit{n:02d}", unit, tasks[unit]))
        account_actions.add(ledger, "analyst", "analyst", None, PASSWORD, "bench")
    return made


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(db: str, work: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = (work / "serve.log").open("w")
    process = subprocess.Popen([JSJ, "serve", "--port", str(port), "--db", db, "--workers", "16"], stdout=log,
                               stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(f"{url}/login", timeout=2).close()
            return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"jsj serve did not start: {(work / 'serve.log').read_text()[-2000:]}")


class Timings:
    def __init__(self) -> None:
        self.by_kind: dict[str, list[float]] = {}
        self.statuses: list[int] = []

    async def timed(self, kind: str, request) -> httpx.Response:  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        answer = await request
        self.by_kind.setdefault(kind, []).append(time.perf_counter() - start)
        self.statuses.append(answer.status_code)
        return answer


async def sign_in(client: httpx.AsyncClient, name: str, timings: Timings) -> str:
    form = await timings.timed("login form", client.get("/login"))
    csrf = CSRF.search(form.text).group(1)
    await timings.timed("login", client.post("/login", data={"name": name, "password": PASSWORD, "csrf": csrf}))
    page = await timings.timed("本期应报 (due)", client.get("/due"))
    return CSRF.search(page.text).group(1)


async def one_unit(url: str, name: str, tasks: list[int], timings: Timings, pause: tuple[float, float],
                   tag: str) -> None:  # fmt: skip
    pacing = random.Random(name)
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        if pause[1]:
            await asyncio.sleep(pacing.uniform(0, pause[1]))  # people do not all sign in in the same second
        csrf = await sign_in(client, name, timings)
        for i in range(REPORTS):
            if pause[1]:
                await asyncio.sleep(pacing.uniform(*pause))
            task = tasks[i % len(tasks)]
            data = {"csrf": csrf, "progress": str(50 + i), "date": "2023-12-20", "note": f"{tag}-{name}-{i}",
                    "confirm": "yes"}  # fmt: skip
            answer = await timings.timed("report POST", client.post(f"/report/{task}", data=data))
            if answer.status_code != 303:
                raise SystemExit(f"{name} report {i}: {answer.status_code} {answer.text[-300:]}")
            if i % 5 == 4:
                await timings.timed("本期应报 (due)", client.get("/due"))


async def analyst(url: str, timings: Timings, stop: asyncio.Event, pause: float) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        await sign_in(client, "analyst", Timings())
        while not stop.is_set():
            await timings.timed("status (analyst)", client.get("/status?as_of=2023-12-31"))
            await asyncio.sleep(pause)


async def load(url: str, made: list[tuple[str, str, list[int]]], pause: tuple[float, float],
               tag: str) -> tuple[Timings, float]:  # fmt: skip
    timings, stop = Timings(), asyncio.Event()
    watcher = asyncio.create_task(analyst(url, timings, stop, pause[0] / 2))
    start = time.perf_counter()
    await asyncio.gather(*(one_unit(url, name, tasks, timings, pause, tag) for name, _, tasks in made))
    took = time.perf_counter() - start
    stop.set()
    await watcher
    return timings, took


async def quiet(url: str, name: str, task: int) -> Timings:
    """One request at a time: what a person waits for when the office is not all reporting at once."""
    timings = Timings()
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        csrf = await sign_in(client, name, Timings())
        for i in range(40):
            await timings.timed("本期应报 (due)", client.get("/due"))
            data = {"csrf": csrf, "progress": "99", "date": "2023-12-21", "note": f"quiet-{i}", "confirm": "yes"}
            await timings.timed("report POST", client.post(f"/report/{task}", data=data))
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        await sign_in(client, "analyst", Timings())
        for _ in range(40):
            await timings.timed("status (analyst)", client.get("/status?as_of=2023-12-31"))
        for _ in range(40):
            await timings.timed("cockpit (analyst)", client.get("/cockpit?as_of=2023-12-31"))
    await after_each_report(url, name, task, timings)
    return timings


async def after_each_report(url: str, name: str, task: int, timings: Timings) -> None:
    """The analyst's pages when a unit has just reported before each: nothing kept can be used, and the
    charts whose numbers moved are drawn again (the worst case of a busy morning)."""
    async with httpx.AsyncClient(base_url=url, timeout=60) as unit, httpx.AsyncClient(base_url=url, timeout=60) as boss:
        csrf = await sign_in(unit, name, Timings())
        await sign_in(boss, "analyst", Timings())
        for i in range(20):
            data = {"csrf": csrf, "progress": str(60 + i), "date": "2023-12-22", "note": f"after-{i}", "confirm": "yes"}
            await unit.post(f"/report/{task}", data=data)
            await timings.timed("status after a report", boss.get("/status?as_of=2023-12-31"))
            await unit.post(f"/report/{task}", data={**data, "progress": str(61 + i), "note": f"after-{i}b"})
            await timings.timed("cockpit after a report", boss.get("/cockpit?as_of=2023-12-31"))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def check_stored(db: str, tag: str) -> tuple[int, int]:
    """(distinct reports of a run stored, how many were stored more than once)."""
    from jinsanjiao_cli.ledger import opening

    with opening.open_ledger(db) as ledger:
        rows = ledger.query("SELECT note, count(*) FROM milestone WHERE note LIKE ? GROUP BY note", (f"{tag}-%",))
    return len(rows), sum(1 for _, n in rows if n != 1)


def report(engine: str, label: str, timings: Timings) -> None:
    for kind, values in sorted(timings.by_kind.items()):
        if kind in ("login form",):
            continue
        p50, p95 = percentile(values, 0.5) * 1000, percentile(values, 0.95) * 1000
        print(f"| {engine} | {label} | {kind} | {len(values)} | {p50:.0f} ms | {p95:.0f} ms |")


def run_engine(engine: str, sqlite_ledger: Path, work: Path, pg: str | None) -> None:
    db = str(sqlite_ledger)
    server = None
    if engine == "postgresql":
        if pg is None:
            server = PgServer(work)
            pg = server.url
        db = _pg_database(pg, "jsj_portal_load")
        subprocess.run([JSJ, "db", "copy", "--from", str(sqlite_ledger), "--to", db], check=True, capture_output=True)
    process, url = serve(db, work)
    try:
        made = [(name, unit, tasks) for name, unit, tasks in LOAD_ACCOUNTS]
        for label, pause in (("burst", (0.0, 0.0)), ("paced 2-4 s", (2.0, 4.0))):
            tag = f"load{int(pause[1])}"
            timings, took = asyncio.run(load(url, made, pause, tag))
            stored, doubled = check_stored(db, tag)
            errors = sum(1 for status in timings.statuses if status >= 500)
            print(f"{engine} {label}: {UNITS} units x {REPORTS} reports in {took:.1f} s; stored {stored} of"
                  f" {UNITS * REPORTS}, {doubled} more than once; {errors} answers 5xx")  # fmt: skip
            assert stored == UNITS * REPORTS and doubled == 0 and errors == 0
            report(engine, label, timings)
        report(engine, "one at a time", asyncio.run(quiet(url, made[0][0], made[0][2][0])))
    finally:
        process.terminate()
        process.wait(timeout=20)
        if server:
            server.stop()


LOAD_ACCOUNTS: list[tuple[str, str, list[int]]] = []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--pg", default=None, help="a PostgreSQL URL to use instead of starting a server")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="jsj-portal-load-"))
    try:
        ledger = work / "ledger.sqlite3"
        fill(ledger, ROWS)
        LOAD_ACCOUNTS.extend(accounts(str(ledger)))
        print(f"ledger: {ROWS:,} milestones, {UNITS} unit accounts; {os.cpu_count()} cores")
        print("| engine | when | request | n | p50 | p95 |")
        print("|---|---|---|---|---|---|")
        for engine in args.engines.split(","):
            copy = work / f"{engine}.sqlite3"
            shutil.copy(ledger, copy)
            run_engine(engine, copy, work, args.pg)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
