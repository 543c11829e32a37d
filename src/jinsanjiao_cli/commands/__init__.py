"""One module per noun or verb group. Each parses options, calls the store and core, hands results to render."""

import datetime as dt
from pathlib import Path


def open_db(option: Path | None):
    """The database path and an open connection for the `--db` option (else JSJ_DB, else the default)."""
    from jinsanjiao_cli import store
    from jinsanjiao_cli.paths import database_path

    path = database_path(option)
    return path, store.connect(path)


def as_of_date(text: str | None) -> dt.date:
    from jinsanjiao_cli.values import parse_date

    return parse_date(text, "--as-of") if text is not None else dt.date.today()
