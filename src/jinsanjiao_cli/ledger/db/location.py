"""Where the ledger lives: a SQLite file or a PostgreSQL database, parsed from `--db` / `JSJ_DB`.

Accepted forms (README "Databases"):
- a file path, as in 0.1: `~/jsj.sqlite3`, `ledger.db`;
- `sqlite:///relative/path` and `sqlite:////absolute/path` (SQLAlchemy's convention: the path follows the
  third slash);
- `postgresql://user:pass@host:5432/dbname`, `postgresql:///dbname?host=/run/postgresql` (a Unix socket),
  also spelled `postgres://` or `postgresql+psycopg://`. jsj's own query parameter `schema=NAME` keeps the
  jsj tables in that schema (created on first use); every other parameter goes to libpq as written.

A secret (the password, and every libpq parameter that can carry one: `SECRET_PARAMETERS`) never leaves this
module except inside the connection string handed to the driver: `str()` of a location shows it as ***,
and `scrub()` removes it from any text (driver messages, tracebacks) before it is shown. Query values reach
libpq exactly as they were decoded from the URL.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.values import display_name
from jinsanjiao_cli.text.i18n import t

Engine = Literal["sqlite", "postgresql"]


# Every secret seen in this process, so a traceback (`--debug`) can be scrubbed too.
_SEEN_SECRETS: set[str] = set()

_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg", "postgres+psycopg")
_SCHEMA_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
_HIDDEN = "***"


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
        for secret in self.secrets:
            if secret:
                text = text.replace(secret, _HIDDEN)
                text = text.replace(quote(secret, safe=""), _HIDDEN)
        return text


def parse_location(text: str) -> Location:
    """A file path or a database URL, as typed after `--db` or in JSJ_DB."""
    scheme = _scheme(text)
    if not scheme:
        return sqlite_file(Path(text).expanduser())
    if scheme == "sqlite":
        return _sqlite_url(text)
    if scheme in _POSTGRES_SCHEMES:
        return _postgres_url(text)
    raise BadValue(t("db.bad_scheme", url=_without_password(text)))


def scrub_secrets(text: str) -> str:
    """`text` without any password this process has parsed (for tracebacks and unexpected errors)."""
    for secret in _SEEN_SECRETS:
        text = text.replace(secret, _HIDDEN).replace(quote(secret, safe=""), _HIDDEN)
    return text


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
        raise BadValue(t("db.bad_url", url=_without_password(text), error="postgresql://…"))
    try:
        parts = urlsplit(text)
        password = parts.password
        query = parse_qsl(parts.query, keep_blank_values=True)
    except ValueError as exc:
        raise BadValue(t("db.bad_url", url=_without_password(text), error=exc)) from exc
    schema = next((value for key, value in query if key == "schema"), None)
    libpq_query = [(key, value) for key, value in query if key != "schema"]
    given = [value for key, value in query if _is_secret(key, value)]
    secrets = tuple(v for v in (password, *given, *(inner for value in given for inner in _inner_secrets(value))) if v)
    conninfo = _url(parts.netloc, parts.path, libpq_query)
    shown_query = [(key, _HIDDEN if _is_secret(key, value) else value) for key, value in query]
    display = _url(_netloc_without_password(parts), parts.path, shown_query, safe="/*")
    _SEEN_SECRETS.update(secrets)
    location = Location("postgresql", display, conninfo=conninfo, schema=schema, secrets=secrets)
    if schema is not None and not _SCHEMA_NAME.fullmatch(schema):
        raise BadValue(t("db.bad_schema", url=display, schema=schema))
    return location


# libpq parameters whose value is a secret: the passwords (of the login, of the client key), the OAuth
# client secret (PostgreSQL 18), and a `dbname` that is itself a connection string (libpq expands one, and
# it may hold a password).
SECRET_PARAMETERS = frozenset({"password", "sslpassword", "oauth_client_secret"})


def _is_secret(key: str, value: str) -> bool:
    return key in SECRET_PARAMETERS or (key == "dbname" and ("=" in value or "://" in value))


_CONNINFO_PASSWORD = re.compile(r"(?:ssl)?password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")


def _inner_secrets(value: str) -> list[str]:
    """The passwords inside a connection string given as a value (dbname=...), so they are scrubbed too."""
    found = [match.strip("'") for match in _CONNINFO_PASSWORD.findall(value)]
    if "://" in value:
        with contextlib.suppress(ValueError):
            found.append(urlsplit(value).password or "")
    return found


def _url(netloc: str, path: str, query: list[tuple[str, str]], safe: str = "/") -> str:
    # Built by hand: urlunsplit drops the // of an empty host (postgresql:///db), which libpq needs. Values
    # are percent-encoded, never with "+" for a space: libpq decodes %XX only, so "+" would reach it as a
    # plus sign (application_name=my%20app must stay "my app", options=-c%20statement_timeout%3D5000 work).
    encoded = urlencode(query, safe=safe, quote_via=quote)
    return f"postgresql://{netloc}{path}" + (f"?{encoded}" if encoded else "")


def _netloc_without_password(parts) -> str:
    host = parts.netloc.rsplit("@", 1)[-1]
    user = parts.username
    return f"{quote(unquote(user), safe='')}@{host}" if user else host


def _without_password(text: str) -> str:
    """Best effort for a URL we could not parse: drop anything between ':' and '@' in the authority, and
    hide the value of every secret parameter in the query."""
    text = re.sub(r"(//[^/:@]*):[^@/]*@", r"\1@", text)
    names = "|".join(sorted(SECRET_PARAMETERS | {"dbname"}))
    return re.sub(rf"([?&](?:{names})=)[^&#]*", rf"\1{_HIDDEN}", text)
