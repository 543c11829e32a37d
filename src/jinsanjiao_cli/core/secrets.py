"""Secrets in the addresses people give jsj: the ledger's URL (`--db`, JSJ_DB) and the addresses notices are
delivered to (`jsj unit set --notify`, settings.notify, JSJ_NOTIFY). One rule masks them all, wherever an
address is shown: a table, JSON, a workbook, the delivery log, an error message.

What counts as a secret, by the kind of address:
- every address: a password (`user:PASSWORD@`), and a query value whose name says it is one (`secret=`,
  `token=`, `key=`, `access_token=`, `pass=`, `sign=`, an `+Authorization` header …);
- a group robot or a messaging service (`wecombot://KEY`, `dingtalk://SECRET@TOKEN`, and every Apprise
  service that is not mail or a plain web hook): its whole host and path, which hold the credentials;
- a web hook (`json://`, `xml://`, `form://`): a path segment that looks like a token (long, letters and
  digits), as hook URLs often carry one;
- mail and the ledger's own URL (`mailtos://`, `postgresql://`): only the password and query secrets; the
  host, the database and the recipients are places, not secrets.

Every secret masked is remembered for the process, so `scrub_secrets` can remove it from text jsj did not
write itself (a driver's or a mail server's message, a traceback under --debug).
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

HIDDEN = "***"

# Query parameters whose value is a secret (libpq's password, sslpassword and oauth_client_secret among
# them). Over-matching hides a harmless value; under-matching leaks.
_SECRET_NAME = re.compile(r"pass|pwd|secret|token|key|sign|auth|cred|session|cookie", re.IGNORECASE)
# Host and path are places: a mail server and its recipients, a database server and its database.
_PLACES = frozenset({"mailto", "mailtos", "postgresql", "postgres", "postgresql+psycopg", "postgres+psycopg", "sqlite"})
# Host is a place; the path may carry a token (https://hooks.example/services/T0/B0/XXXXXXXX).
_HOOKS = frozenset({"json", "jsons", "xml", "xmls", "form", "forms"})
_TOKEN_LIKE = re.compile(r"(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_\-]{16,}")
# host, host:port or [v6]:port.
_HOST = re.compile(r"(\[[0-9A-Fa-f:.]*\]|[^:\[\]]*)(:[0-9]*)?")
_URL = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<rest>.*)", re.DOTALL)
# Shorter secrets are not scrubbed from free text: replacing every "ab" in a message would garble it.
_SHORTEST_SCRUBBED = 3

_SEEN_SECRETS: set[str] = set()


def mask_address(address: str) -> str:
    """`address` as it may be shown: every secret replaced by ***. Never raises, whatever the text."""
    return _split(address)[0]


def address_secrets(address: str) -> tuple[str, ...]:
    """The secrets `mask_address` hides in `address`, as written and URL-decoded."""
    return _split(address)[1]


def remember_secrets(*secrets: str) -> None:
    """Remember secrets for `scrub_secrets` (the ledger's password, a notice address's key)."""
    _SEEN_SECRETS.update(s for s in secrets if len(s) >= _SHORTEST_SCRUBBED)


def remember_address(address: str) -> str:
    """Remember the secrets of `address`; returns it masked."""
    masked, secrets = _split(address)
    remember_secrets(*secrets)
    return masked


def scrub(text: str, secrets: tuple[str, ...] | set[str]) -> str:
    """`text` with each of `secrets` replaced, as written and URL-encoded; longest first, so a secret that
    contains another is hidden whole."""
    for secret in sorted(secrets, key=len, reverse=True):
        if secret:
            text = text.replace(secret, HIDDEN).replace(quote(secret, safe=""), HIDDEN)
    return text


def scrub_secrets(text: str) -> str:
    """`text` without any secret this process has seen (for tracebacks and other people's messages)."""
    return scrub(text, _SEEN_SECRETS)


# ---------------------------------------------------------------- taking an address apart


def _split(address: str) -> tuple[str, tuple[str, ...]]:
    match = _URL.fullmatch(address.strip())
    if match is None:
        # Not a URL at all: it may still be a secret typed in the wrong place; show none of it.
        return (HIDDEN if address.strip() else address), ((address,) if address.strip() else ())
    scheme, rest = match["scheme"], match["rest"]
    kind = scheme.lower()
    if not _HOST.fullmatch(re.split(r"[/?#]", rest, maxsplit=1)[0].rpartition("@")[2]):
        # A password holding a / ? # or : cuts the address short where a reader would not: hide all of it.
        return f"{scheme}://{HIDDEN}", (rest,)
    secrets: list[str] = []
    rest, fragment = _cut(rest, "#")
    rest, query = _cut(rest, "?")
    authority, slash, path = rest.partition("/")
    shown = f"{scheme}://{_authority(authority, kind, secrets)}{slash}{_path(path, kind, secrets)}"
    if query is not None:
        shown += "?" + _query(query, secrets)
    if fragment is not None:
        secrets.append(fragment)
        shown += "#" + HIDDEN
    decoded = [unquote(s) for s in secrets]
    return shown, tuple(dict.fromkeys(s for s in [*secrets, *decoded] if s))


def _cut(text: str, mark: str) -> tuple[str, str | None]:
    head, found, tail = text.partition(mark)
    return head, (tail if found else None)


def _authority(authority: str, kind: str, secrets: list[str]) -> str:
    userinfo, at, host = authority.rpartition("@")
    if kind not in _PLACES and kind not in _HOOKS:
        secrets.extend(part for part in (userinfo, host) if part)
        return f"{HIDDEN if userinfo else ''}{at}{HIDDEN if host else ''}"
    user, colon, password = userinfo.partition(":")
    if password:
        secrets.append(password)
    return f"{user}{colon}{HIDDEN if password else ''}{at}{host}"


def _path(path: str, kind: str, secrets: list[str]) -> str:
    if kind in _PLACES:
        return path
    segments = path.split("/")
    hidden = [bool(s) and (kind not in _HOOKS or _TOKEN_LIKE.fullmatch(unquote(s)) is not None) for s in segments]
    secrets.extend(s for s, hide in zip(segments, hidden, strict=True) if hide)
    return "/".join(HIDDEN if hide else s for s, hide in zip(segments, hidden, strict=True))


def _query(query: str, secrets: list[str]) -> str:
    shown = []
    for pair in query.split("&"):
        name, equals, value = pair.partition("=")
        if equals and value and _is_secret(unquote(name), unquote(value)):
            secrets.extend([value, *_inner_secrets(unquote(value))])
            shown.append(f"{name}={HIDDEN}")
        else:
            shown.append(pair)
    return "&".join(shown)


def _is_secret(name: str, value: str) -> bool:
    # libpq's `dbname` may itself be a connection string (libpq expands one), which may hold a password.
    return _SECRET_NAME.search(name) is not None or (name == "dbname" and ("=" in value or "://" in value))


# A password inside a libpq connection string: password=… or sslpassword=…, bare or quoted.
_CONNINFO_PASSWORD = re.compile(r"(?:ssl)?password\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")


def _inner_secrets(value: str) -> list[str]:
    """The passwords inside a connection string given as a value, so they are scrubbed too."""
    found = [match.strip("'") for match in _CONNINFO_PASSWORD.findall(value)]
    if "://" in value:
        found += [secret for secret in address_secrets(value) if secret]
    return found
