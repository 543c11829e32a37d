"""Files that are not what they should be, full disks, read-only ledgers and signals: one accurate line each."""

import gc
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from jinsanjiao_cli.ledger import opening


def jsj_subprocess(*args: str, limit_bytes: int | None = None, **kwargs) -> subprocess.CompletedProcess:
    def limit():
        if limit_bytes is not None:
            # A file may not grow past the limit: write() then fails with EFBIG, as on a full disk.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "jinsanjiao_cli", *args], capture_output=True, text=True, preexec_fn=limit, **kwargs
    )


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("dir", "是目录，不是数据库文件"),
        ("/dev/null", "不是普通文件"),
        ("long", "文件名太长（300 字节"),
    ],
)
def test_a_database_path_that_cannot_be_one_says_why(jsj, tmp_path, where, message):
    path = {"dir": str(tmp_path), "/dev/null": "/dev/null", "long": str(tmp_path / ("x" * 300))}[where]
    result = jsj("status", "--db", path)
    assert result.exit_code == 1 and message in result.stderr and result.stderr.count("\n") == 1
    assert "不是 jsj 数据库" not in result.stderr


@pytest.fixture
def read_only_ledger(db, jsj):
    """The test ledger, with one report, in a directory that cannot be written (a read-only bind mount
    when running as root, who can write anything else; file modes otherwise)."""
    assert jsj("record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30").exit_code == 0
    with opening.open_ledger(db) as ledger:
        ledger.checkpoint()
    source = Path(tempfile.mkdtemp(prefix="jsj-ro-"))
    shutil.copy(db, source / "ledger.sqlite3")
    if os.geteuid() != 0:
        (source / "ledger.sqlite3").chmod(0o444)
        source.chmod(0o555)
        yield source / "ledger.sqlite3"
        source.chmod(0o755)
        shutil.rmtree(source)
        return
    mount = Path(tempfile.mkdtemp(prefix="jsj-ro-mount-"))
    bound = subprocess.run(["mount", "--bind", "-o", "ro", str(source), str(mount)], capture_output=True, text=True)
    if bound.returncode:
        shutil.rmtree(source)
        pytest.fail(f"cannot make a read-only mount as root: {bound.stderr.strip()}")
    subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], capture_output=True)
    try:
        yield mount / "ledger.sqlite3"
    finally:
        gc.collect()  # in-process commands leave their connections to the garbage collector
        if subprocess.run(["umount", str(mount)], capture_output=True).returncode:
            subprocess.run(["umount", "-l", str(mount)], capture_output=True)
        shutil.rmtree(source)
        mount.rmdir()


def test_a_read_only_ledger_can_be_read_but_not_written(jsj, read_only_ledger, tmp_path):
    for args in (
        ["status", "--as-of", "2022-06-30", "--format", "json"],
        ["history", "--format", "json"],
        ["status", "--task", "9"],
        ["batches"],
        ["db", "info"],
    ):
        result = jsj(*args, "--db", read_only_ledger)
        assert result.exit_code == 0, (args, result.stderr)
    assert json.loads(jsj("history", "--format", "json", "--db", read_only_ledger).stdout)[0]["progress"] == 45.0
    out = tmp_path / "ledger.xlsx"
    assert jsj("export", out, "--as-of", "2022-06-30", "--db", read_only_ledger).exit_code == 0
    for args in (["record", "9", "-u", "省交通厅", "-p", "50"], ["indicator", "set", "运城", "2021", "--growth", "9"]):
        result = jsj(*args, "--db", read_only_ledger)
        assert result.exit_code == 1 and "只读" in result.stderr and result.stderr.count("\n") == 1, result.stderr


def test_export_onto_a_full_disk_keeps_the_old_file_and_says_one_line(db, tmp_path, jsj):
    assert jsj("record", "9", "-u", "省交通厅", "-p", "45", "-d", "2022-06-30").exit_code == 0
    target = tmp_path / "out" / "ledger.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"the previous ledger")
    result = jsj_subprocess("export", str(target), "--as-of", "2022-06-30", "--db", str(db), limit_bytes=20_000)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "磁盘空间不足" in result.stderr, result.stderr
    assert "Exception ignored" not in result.stderr and "Traceback" not in result.stderr
    assert target.read_bytes() == b"the previous ledger"
    assert sorted(p.name for p in target.parent.iterdir()) == ["ledger.xlsx"]


def test_a_full_disk_while_recording_is_one_line_and_stores_nothing(db, jsj):
    # the write-ahead log, where a write goes first, cannot grow past a few hundred bytes
    result = jsj_subprocess("record", "9", "-u", "省交通厅", "-p", "45", "--db", str(db), limit_bytes=600)
    assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
    assert "磁盘" in result.stderr and "Traceback" not in result.stderr
    assert json.loads(jsj("history", "--format", "json").stdout) == []


def fill_milestones(db: Path, rows: int) -> None:
    """Enough reports that an export takes a moment (written straight in, counts rebuilt)."""
    with opening.open_ledger(db) as ledger, ledger.write():
        pairs = [(r[0], r[1]) for r in ledger.query("SELECT task_no, unit_id FROM assignment")]
        ledger.executemany(
            "INSERT INTO milestone (task_no, unit_id, date, progress, note, recorded_at, recorded_by)"
            " VALUES (?, ?, '2022-06-30', 50, ?, '2022-06-30T00:00:00', 'test')",
            [(*pairs[i % len(pairs)], f"第{i}条") for i in range(rows)],
        )


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_export_leaves_no_temporary_file(db, tmp_path, signum):
    fill_milestones(db, 15_000)
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "jinsanjiao_cli", "export", str(out / "ledger.xlsx"), "--db", str(db)],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not any(p.name.startswith(".jsj-") for p in out.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.01)
    process.send_signal(signum)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert list(out.iterdir()) == []


def test_a_temporary_file_of_a_killed_export_is_removed_by_the_next(db, tmp_path, jsj):
    out = tmp_path / "out"
    out.mkdir()
    dead = out / f".jsj-{2**31 - 2}-0badf00d.xlsx"  # no process has this id
    dead.write_bytes(b"half a workbook")
    live = out / f".jsj-{os.getpid()}-0000beef.xlsx"  # a running process's: left alone
    live.write_bytes(b"being written")
    assert jsj("export", out / "ledger.xlsx", "--as-of", "2022-06-30").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [live.name, "ledger.xlsx"]
