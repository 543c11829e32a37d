"""Who is asking: the session cookie, the signed-in account, the CSRF token every POST carries, and the
ledger connection a request works on. FastAPI dependencies, so a route states what it needs."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Hashable, Iterator
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Form, Request
from starlette.responses import Response

from jinsanjiao_cli.actions import accounts
from jinsanjiao_cli.actions.accounts import Current
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.core.errors import Forbidden
from jinsanjiao_cli.core.values import parse_date
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.text.i18n import t

T = TypeVar("T")
SESSION_COOKIE = "jsj_session"
LOGIN_COOKIE = "jsj_login"  # the login form's CSRF token, before there is a session
LANG_COOKIE = "jsj_lang"


class LoginNeeded(Exception):
    """No valid session: the browser goes to the login page, and comes back to `next` after it."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


def ledger(request: Request) -> Iterator[Database]:
    with request.app.state.pool.connection() as db:
        yield db


Ledger = Annotated[Database, Depends(ledger)]


def kept(request: Request, db: Database, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or what it gave for `key` while the ledger has not changed since (`web.freshness`)."""
    return request.app.state.fresh.get(db, key, compute)


def signed_in(request: Request, db: Ledger) -> Current:
    current = accounts.current(db, request.cookies.get(SESSION_COOKIE), request.app.state.settings.idle)
    if current is None:
        root = request.scope.get("root_path", "")
        raise LoginNeeded(request.url.path.removeprefix(root) + (f"?{request.url.query}" if request.url.query else ""))
    request.state.current = current
    return current


SignedIn = Annotated[Current, Depends(signed_in)]


def posted(current: SignedIn, csrf: Annotated[str, Form()] = "") -> Current:
    """A POST from a signed-in account, carrying the session's CSRF token (else 403, nothing done)."""
    if not secrets.compare_digest(csrf.encode(), current.csrf.encode()):
        raise Forbidden(t("web.csrf"))
    return current


Posted = Annotated[Current, Depends(posted)]


def role(*allowed: str) -> Any:
    """A dependency admitting the signed-in roles given; any other gets 403 (FastAPI's `Depends` marker)."""

    def admitted(current: SignedIn) -> Actor:
        if current.actor.role not in allowed:
            raise Forbidden(t("web.role_forbidden"))
        return current.actor

    return Depends(admitted)


def as_of(text: str | None) -> dt.date:
    """?as_of= on a page: a date as the CLI's --as-of takes it; today when absent."""
    return parse_date(text, "as_of") if text else dt.date.today()


def secure(request: Request) -> bool:
    """Cookies are Secure behind HTTPS: `--https`, or the proxy's X-Forwarded-Proto (uvicorn's proxy headers
    make it the request's scheme, for the proxies `--forwarded-allow-ips` trusts)."""
    return bool(request.app.state.settings.always_secure) or request.url.scheme == "https"


def cookie_path(request: Request) -> str:
    return request.scope.get("root_path", "") or "/"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE, token, httponly=True, samesite="lax", secure=secure(request), path=cookie_path(request)
    )


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def safe_next(target: str | None) -> str:
    """Where to go after login or a language switch: a path on this site only (never //host or a URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
