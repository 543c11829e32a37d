"""Two `jsj remind --send` at once (a cron job that overlaps the last one, a retry) send each notice once
(issue 22): each run claims a notice and address in the ledger before it sends. Real processes, on SQLite
and on PostgreSQL, against a real HTTP server on 127.0.0.1 that counts what it receives; and the rule for
a claim left behind by a run that died: taken over once it is older than STALE_AFTER (15 minutes)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from jinsanjiao_cli.core.delivery import Delivery
from jinsanjiao_cli.ledger import deliveries, opening

TOKEN = "claimToken0123456789"
AS_OF = ("--as-of", "2022-06-30")
UNITS = 15  # the bundled plan's units: each gets its own notice


class Office(ThreadingHTTPServer):
    """An office system that takes each POST slowly, so two runs overlap, and counts what it takes."""

    daemon_threads = True

    def __init__(self, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), OfficeHandler)
        self.delay = delay
        self.received: list[dict] = []
        self.lock = threading.Lock()

    def url(self) -> str:
        return f"json://127.0.0.1:{self.server_address[1]}/office?-token={TOKEN}"


class OfficeHandler(BaseHTTPRequestHandler):
    server: Office

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
        time.sleep(self.server.delay)
        with self.server.lock:
            self.server.received.append(body)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def office(monkeypatch):
    server = Office(delay=0.2)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("JSJ_NOTIFY", server.url())  # every unit's notice goes to the office
    yield server
    server.shutdown()
    server.server_close()


def remind_at_once(*args: str, runs: int = 2) -> list[subprocess.CompletedProcess]:
    """`jsj remind …` in `runs` processes started together (JSJ_DB and JSJ_NOTIFY from the environment)."""
    command = [sys.executable, "-m", "jinsanjiao_cli", "remind", *AS_OF, "--send", "--format", "json", *args]
    started = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(runs)
    ]
    finished = []
    for process in started:
        stdout, stderr = process.communicate(timeout=120)
        finished.append(subprocess.CompletedProcess(command, process.returncode, stdout, stderr))
    return finished


def outcomes(result: subprocess.CompletedProcess) -> dict[str, str]:
    document = json.loads(result.stdout)
    return {n["unit"]: d["outcome"] for n in document["notices"] for d in n["deliveries"]}


def test_two_runs_at_once_send_each_notice_once(ledger, jsj, office):
    assert jsj("status").exit_code == 0  # the ledger migrated before the race: the race is the sending's
    first, second = remind_at_once()
    assert (first.returncode, first.stderr, second.returncode, second.stderr) == (0, "", 0, "")
    received = Counter(body["message"].split("：", 1)[0] for body in office.received)
    assert len(received) == UNITS and set(received.values()) == {1}, received
    # Each notice was sent by one run; the other found it delivered or still being sent, and said so.
    mine, theirs = outcomes(first), outcomes(second)
    assert set(mine) == set(theirs) and len(mine) == UNITS
    for unit in mine:
        assert sorted([mine[unit], theirs[unit]]) in (["sent", "skipped"], ["claimed", "sent"]), unit
    log = json.loads(jsj("remind", "--log", "--format", "json").stdout)
    assert sorted(e["unit"] for e in log) == sorted(mine) and {e["outcome"] for e in log} == {"sent"}
    assert TOKEN not in first.stdout + second.stdout + jsj("remind", "--log").stdout
    # Both again, with --resend: still once each, not twice.
    again = remind_at_once("--resend")
    assert [r.returncode for r in again] == [0, 0]
    assert len(office.received) == 2 * UNITS
    assert Counter(body["message"] for body in office.received[UNITS:]) == Counter(
        body["message"] for body in office.received[:UNITS]
    )


def stale_claim(ledger: str, unit: str, minutes: float, address: str) -> None:
    """A claim a run took `minutes` ago and never finished (it died between claiming and recording)."""
    attempt = Delivery(unit, "2022-06", "overdue", dt.date(2022, 6, 30), "", "sent", None)
    with opening.open_ledger(ledger) as db:
        assert deliveries.claim(db, attempt, address, "crashed:1:dead") == "claimed"
        then = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=minutes)).isoformat()
        with db.write():
            db.execute("UPDATE notice_claim SET claimed_at = ? WHERE unit = ?", (then, unit))


def test_a_claim_left_by_a_run_that_died_is_taken_over_after_fifteen_minutes(ledger, jsj, office):
    assert dt.timedelta(minutes=15) == deliveries.STALE_AFTER
    assert jsj("status").exit_code == 0
    stale_claim(ledger, "省交通厅", 14, office.url())
    result = jsj("remind", *AS_OF, "-u", "交通厅", "--send")
    assert result.exit_code == 0 and office.received == []
    assert "另一次运行正在发送，未重发" in result.stdout
    assert "另有 1 处正由同时运行的另一次 jsj remind --send 发送，本次未发" in result.stdout
    with opening.open_ledger(ledger) as db, db.write():  # as if another minute went by
        then = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=15, seconds=1)).isoformat()
        db.execute("UPDATE notice_claim SET claimed_at = ?", (then,))
    result = jsj("remind", *AS_OF, "-u", "交通厅", "--send")
    assert result.exit_code == 0 and len(office.received) == 1
    assert "送达 1 处；今日已送达、未重发 0 处；未能送达 0 处" in result.stdout
    assert jsj("remind", *AS_OF, "-u", "交通厅", "--send").exit_code == 0  # and then it is delivered
    assert len(office.received) == 1
    with opening.open_ledger(ledger) as db:
        assert db.query("SELECT state, run FROM notice_claim")[0][0] == "sent"


def test_the_claims_are_copied_with_the_ledger(ledger, jsj, office, tmp_path):
    assert jsj("remind", *AS_OF, "-u", "交通厅", "--send").exit_code == 0
    copy = tmp_path / "copy.sqlite3"
    assert jsj("db", "copy", "--from", ledger, "--to", copy).exit_code == 0
    assert jsj("remind", *AS_OF, "-u", "交通厅", "--send", "--db", copy).exit_code == 0
    assert len(office.received) == 1  # the copy knows the notice went: not sent again from it
    with opening.open_ledger(copy) as db:
        assert db.value("SELECT count(*) FROM notice_claim WHERE state = 'sent'") == 1


def test_a_ledger_upgraded_to_claims_does_not_send_again_what_its_log_says_went(ledger, jsj, office):
    assert jsj("remind", *AS_OF, "-u", "交通厅", "--send").exit_code == 0
    with opening.open_ledger(ledger) as db, db.write():  # the ledger as it was before m011_notice_claims
        db.execute("DROP TABLE notice_claim")
        db.execute("DELETE FROM migration WHERE name = 'm011_notice_claims'")
    result = jsj("remind", *AS_OF, "-u", "交通厅", "--send")  # migrates, then finds the notice delivered
    assert result.exit_code == 0 and len(office.received) == 1
    assert "送达 0 处；今日已送达、未重发 1 处；未能送达 0 处" in result.stdout
