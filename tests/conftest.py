"""Every test gets the environment (Chinese labels, no colour, a wide console, JSJ_DB naming no ledger); only a
test that asks for one gets a ledger: `jsj`, `db` and `isolated` a copy of a session template on SQLite, `ledger`
that on SQLite and on the session's PostgreSQL. Under pytest-xdist each worker has its own template, PostgreSQL
server and browser."""

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jinsanjiao_cli.cli.app import app
from jinsanjiao_cli.text import i18n

REPO = Path(__file__).resolve().parent.parent


def milestone_count(db) -> int:
    """The reports stored in a SQLite ledger, every version counted."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM milestone").fetchone()[0]


def status_json(jsj, *args) -> dict:
    """`jsj status --format json` with `args`, which must succeed."""
    result = jsj("status", "--format", "json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


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
def environment(tmp_path, monkeypatch) -> None:
    """Every test: Chinese labels, no colour, a wide console, and no ledger but the one it asks for: JSJ_DB
    names a file that does not exist, so a command run without one fails (only `jsj init` makes it)."""
    monkeypatch.setenv("JSJ_DB", str(tmp_path / "unasked.sqlite3"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "250")
    monkeypatch.delenv("JSJ_LANG", raising=False)
    monkeypatch.delenv("JSJ_DEBUG", raising=False)
    monkeypatch.delenv("JSJ_PLAN", raising=False)
    i18n.set_lang("zh")


@pytest.fixture
def isolated(tmp_path, monkeypatch, initialised_db) -> Path:
    """A ledger of the test's own with the bundled plan loaded (a copy: loading costs ~0.3 s); JSJ_DB names it."""
    db = tmp_path / "jsj.sqlite3"
    shutil.copy(initialised_db, db)
    monkeypatch.setenv("JSJ_DB", str(db))
    return db


@pytest.fixture(autouse=True)
def quick_password_hashing(monkeypatch) -> None:
    """argon2id at its lowest cost: the tests check the portal's rules, not the hash's cost."""
    from jinsanjiao_cli.actions import accounts

    monkeypatch.setattr(accounts, "HASH_COST", {"time_cost": 1, "memory_cost": 8, "parallelism": 1})


@pytest.fixture
def db(isolated) -> Path:
    return isolated


@pytest.fixture
def jsj(isolated):
    """Run the CLI in-process like a user would, on the test's own ledger; returns the click Result
    (exit_code, stdout, stderr)."""
    runner = CliRunner()

    def run(*args: str):
        result = runner.invoke(app, [str(a) for a in args])
        i18n.set_lang(None)  # a --lang en in one call must not leak into the next
        return result

    return run


@pytest.fixture(scope="session")
def _built_ledgers(tmp_path_factory) -> dict[str, Path]:
    return {}


@pytest.fixture
def built(isolated, jsj, _built_ledgers, tmp_path_factory):
    """`built(build)` leaves the test's SQLite ledger as `build(jsj)` leaves the bundled one. The first test to
    ask builds it through the CLI and keeps a copy; the others get a copy (a build of a dozen commands run
    before each of 60 tests cost a minute). `build` must depend on nothing of the test's own (its tmp_path,
    its environment), since later tests get what it made for the first."""

    def build_once(build: Callable[[Callable[..., Any]], None]) -> None:
        key = f"{build.__module__}.{build.__qualname__}"
        kept = _built_ledgers.get(key)
        if kept is None:
            build(jsj)
            with sqlite3.connect(isolated) as conn:  # fold the WAL into the file, so the copy holds everything
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            kept = tmp_path_factory.mktemp("built") / "jsj.sqlite3"
            shutil.copy(isolated, kept)
            _built_ledgers[key] = kept
        else:
            for extra in ("-wal", "-shm"):
                Path(f"{isolated}{extra}").unlink(missing_ok=True)
            shutil.copy(kept, isolated)

    return build_once


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture(scope="session")
def pg_server():
    """The session's PostgreSQL server (started here, or JSJ_TEST_PG); skipped, or failed under CI, if none."""
    import pgserver as pg

    server = pg.start_server()
    if isinstance(server, str):
        if os.environ.get("JSJ_REQUIRE_PG"):
            pytest.fail(f"JSJ_REQUIRE_PG is set but no PostgreSQL server: {server}", pytrace=False)
        pytest.skip(f"PostgreSQL tests skipped: {server}")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pg_database(pg_server, request) -> str:
    """A fresh database on the server for this test module."""
    return pg_server.create_database("jsj_" + request.module.__name__.rsplit(".", 1)[-1].removeprefix("test_")[:20])


@pytest.fixture
def pg_url(pg_server, pg_database) -> str:
    """A URL to a new, empty schema of this test's own (created by `jsj init` or `jsj db copy`)."""
    import pgserver as pg

    return pg_server.url(pg_database, schema=pg.next_schema())


@pytest.fixture
def pg_ledger(pg_url) -> str:
    """A URL to a new PostgreSQL ledger of this test's own, holding the bundled plan (made by `jsj init`, as
    a ledger named by --db or JSJ_DB must be)."""
    result = CliRunner().invoke(app, ["init", "--db", pg_url])
    assert result.exit_code == 0, result.output
    return pg_url


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger(request, isolated, monkeypatch) -> str:
    """This test's ledger on each engine in turn, holding the bundled plan; JSJ_DB points at it."""
    if request.param == "sqlite":
        return str(isolated)
    url = request.getfixturevalue("pg_ledger")
    monkeypatch.setenv("JSJ_DB", url)
    return url


# ---------------------------------------------------------------- the browser

CHROMIUM = Path("/usr/bin/chromium")


def browser_missing(reason: str) -> None:
    """Skip a browser test, or fail it where JSJ_REQUIRE_BROWSER is set (CI): a skip there proves nothing."""
    if os.environ.get("JSJ_REQUIRE_BROWSER"):
        pytest.fail(f"JSJ_REQUIRE_BROWSER is set but {reason}", pytrace=False)
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """One headless chromium for the session's portal tests (starting one costs a second or two); a test that
    uses it starts from a page of its own with no cookies (see test_portal_browser's `window`)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        browser_missing("selenium is not installed")
    driver_path = shutil.which("chromedriver")
    if not CHROMIUM.exists() or driver_path is None:
        browser_missing("no /usr/bin/chromium and chromedriver (apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # the console: CSP refusals show there
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):  # fmt: skip
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(driver_path))
    driver.implicitly_wait(2)
    yield driver
    driver.quit()
