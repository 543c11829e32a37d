"""Every test gets its own database file (JSJ_DB in a temp dir), Chinese labels, no colour, a wide console."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jinsanjiao_cli import i18n
from jinsanjiao_cli.cli import app

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def initialised_db(tmp_path_factory) -> Path:
    """A database with the bundled plan loaded once; tests get a copy (loading costs ~0.3 s)."""
    path = tmp_path_factory.mktemp("template") / "jsj.sqlite3"
    result = CliRunner().invoke(app, ["init", "--db", str(path)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(path) as conn:  # fold the WAL into the file, so copying the file copies everything
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(autouse=True)
def isolated(tmp_path, monkeypatch, initialised_db) -> Path:
    db = tmp_path / "jsj.sqlite3"
    shutil.copy(initialised_db, db)
    monkeypatch.setenv("JSJ_DB", str(db))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.delenv("JSJ_LANG", raising=False)
    monkeypatch.delenv("JSJ_DEBUG", raising=False)
    i18n.set_lang("zh")
    return db


@pytest.fixture
def db(isolated) -> Path:
    return isolated


@pytest.fixture
def jsj():
    """Run the CLI in-process like a user would; returns the click Result (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(app, [str(a) for a in args])
        i18n.set_lang(None)  # a --lang en in one call must not leak into the next
        return result

    return run
