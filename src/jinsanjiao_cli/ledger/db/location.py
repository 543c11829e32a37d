"""Where the ledger lives: a SQLite file or a PostgreSQL database, parsed from `--db` / `JSJ_DB`.

Accepted forms (README "Databases"):
- a file path, as in 0.1: `~/jsj.sqlite3`, `ledger.db`;
- `sqlite:///relative/path` and `sqlite:////absolute/path` (SQLAlchemy's convention: the path follows the
  third slash);
- `postgresql://user:pass@host:5432/dbname`, `postgresql:///dbname?host=/run/postgresql` (a Unix socket),
  also spelled `postgres://` or `postgresql+psycopg://`. jsj's own query parameter `schema=NAME` keeps the
  jsj tables in that schema (created on first use); every other parameter goes to libpq as written.

A secret (the password, and every libpq parameter that can carry one) never leaves this module except
inside the connection string handed to the driver: `str()` of a location masks it (core/secrets.py's
`mask_address`, the one rule for every address jsj shows), and `scrub()` removes it from any text (driver
messages, tracebacks) before it is shown. Query values reach libpq exactly as they were decoded from the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.secrets import address_secrets, mask_address, remember_secrets, scrub, scrub_secrets
from jinsanjiao_cli.core.values import display_name
from jinsanjiao_cli.text.i18n import t

Engine = Literal["sqlite", "postgresql"]

__all__ = ["Location", "parse_location", "scrub_secrets", "sqlite_file"]

_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgres+psycopg")
_SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


@dataclass(frozen=True)
class Location:
    """A parsed `--db` value. `conninfo` holds the password for the driver; nothing else shows it."""

    engine: Engine
    display: str  # what messages show: the path, or the URL without its password
    path: Path | None = None  # SQLite
    conninfo: str | None = field(default=None, repr=False)  # PostgreSQL, as libpq takes it
    schema: str | None = None  # PostgreSQL: jsj's tables live here (None: the connection's default)
    secrets: tuple[str, ...] = field(default=(), repr=False)

    def __str__(self) -> str:
        return self.display

    def scrub(self, text: str) -> str:
        """`text` with every secret of this location replaced, so a driver message can be shown."""
        return scrub(text, self.secrets)


def parse_location(text: str) -> Location:
    """A file path or a database URL, as typed after `--db` or in JSJ_DB."""
    scheme = _scheme(text)
    if not scheme:
        return sqlite_file(Path(text).expanduser())
    if scheme == "sqlite":
        return _sqlite_url(text)
    if scheme in _POSTGRES_SCHEMES:
        return _postgres_url(text)
    raise BadValue(t("db.bad_scheme", url=mask_address(text)))


def _scheme(text: str) -> str:
    """The URL scheme, or "" for a file path. `postgresql:/db` (one slash) is a mistyped URL, not a path."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", text)
    if match is None:
        return ""
    scheme = match.group(1).lower()
    if text[match.end() : match.end() + 2] == "//" or scheme == "sqlite" or scheme in _POSTGRES_SCHEMES:
        return scheme
    return ""  # C:\ledgers\jsj.sqlite3 on Windows, or a file named with a colon


def sqlite_file(path: Path) -> Location:
    """A SQLite file, shown with any byte that is not UTF-8 (or a control character) escaped."""
    return Location("sqlite", display_name(path), path=path)


def _sqlite_url(text: str) -> Location:
    rest = text.split("://", 1)[1] if "://" in text else ""
    if not rest.startswith("/") or rest == "/":
        raise BadValue(t("db.bad_url", url=text, error="sqlite:///path"))
    path = Path(unquote(rest[1:])).expanduser()  # sqlite:///a → a; sqlite:////tmp/a → /tmp/a
    return sqlite_file(path)


def _postgres_url(text: str) -> Location:
    if "://" not in text:
        raise BadValue(t("db.bad_url", url=mask_address(text), error="postgresql://…"))
    try:
        parts = urlsplit(text)
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError as exc:
        raise BadValue(t("db.bad_url", url=mask_address(text), error=exc)) from exc
    schema = next((value for key, value in query if key == "schema"), None)
    libpq_query = [(key, value) for key, value in query if key != "schema"]
    conninfo = _url(parts.netloc, parts.path, libpq_query)
    written = _url(parts.netloc, parts.path, query)
    display, secrets = mask_address(written), address_secrets(written)
    remember_secrets(*secrets)
    location = Location("postgresql", display, conninfo=conninfo, schema=schema, secrets=secrets)
    if schema is not None and not _SCHEMA_NAME.fullmatch(schema):
        raise BadValue(t("db.bad_schema", url=display, schema=schema))
    return location


def _url(netloc: str, path: str, query: list[tuple[str, str]], safe: str = "/") -> str:
    # Built by hand: urlunsplit drops the // of an empty host (postgresql:///db), which libpq needs. Values
    # are percent-encoded, never with "+" for a space: libpq decodes %XX only, so "+" would reach it as a
    # plus sign (application_name=my%20app must stay "my app", options=-c%20statement_timeout%3D5000 work).
    encoded = urlencode(query, safe=safe, quote_via=quote)
    return f"postgresql://{netloc}{path}" + (f"?{encoded}" if encoded else "")
