"""Issue 23: a PostgreSQL connection's session settings (lock timeout, the URL's schema) are sent with the
connection itself; when the URL or PGOPTIONS already sets libpq `options`, they are kept and ours are SET."""

from jinsanjiao_cli.ledger.opening import open_ledger


def _settings(url: str) -> tuple[str, str, str]:
    db = open_ledger(url)
    try:
        return db.value("SHOW lock_timeout"), db.value("SELECT current_schema()"), db.value("SHOW statement_timeout")
    finally:
        db.close()


def test_settings_ride_on_the_connection(pg_ledger, monkeypatch):
    monkeypatch.delenv("PGOPTIONS", raising=False)
    schema = pg_ledger.rsplit("schema=", 1)[1].split("&")[0]
    assert _settings(pg_ledger) == ("30s", schema, "0")


def test_the_users_own_options_are_kept(pg_ledger, monkeypatch):
    monkeypatch.setenv("PGOPTIONS", "-c statement_timeout=12345")
    schema = pg_ledger.rsplit("schema=", 1)[1].split("&")[0]
    assert _settings(pg_ledger) == ("30s", schema, "12345ms")
    monkeypatch.delenv("PGOPTIONS")
    joiner = "&" if "?" in pg_ledger else "?"
    assert _settings(f"{pg_ledger}{joiner}options=-c%20statement_timeout%3D2000") == ("30s", schema, "2s")
