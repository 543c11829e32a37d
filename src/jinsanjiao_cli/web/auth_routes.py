"""Signing in and out, the language switch, and the home page each role starts from."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from starlette.responses import RedirectResponse, Response

from jinsanjiao_cli.actions import accounts
from jinsanjiao_cli.core.errors import Forbidden, NotSignedIn
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.web.pages import page
from jinsanjiao_cli.web.session import (
    LANG_COOKIE,
    LOGIN_COOKIE,
    SESSION_COOKIE,
    Ledger,
    Posted,
    SignedIn,
    client_address,
    cookie_path,
    safe_next,
    secure,
    set_session_cookie,
)

router = APIRouter()


def _redirect(request: Request, path: str) -> RedirectResponse:
    return RedirectResponse(request.scope.get("root_path", "") + path, status_code=303)


@router.get("/")
def home(request: Request, current: SignedIn) -> Response:
    """A unit starts from what it owes (本期应报); analysts and viewers from the cockpit (驾驶舱), as of the
    date asked for (`/?as_of=D`) or today."""
    if current.actor.role == "unit":
        return _redirect(request, "/due")
    day = request.query_params.get("as_of")
    return _redirect(request, "/cockpit" + (f"?as_of={quote(day)}" if day else ""))


def _login_page(
    request: Request, status_code: int = 200, *, name: str = "", error: str = "", next_path: str = "/"
) -> Response:
    token = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)
    response = page(
        request, "login.html", status_code, title=t("page.login"), name=name, error=error, next_path=next_path,
        login_csrf=token,
    )  # fmt: skip
    response.set_cookie(
        LOGIN_COOKIE, token, httponly=True, samesite="strict", secure=secure(request), path=cookie_path(request)
    )
    return response


@router.get("/login")
def login_form(request: Request, next: str | None = None) -> Response:
    return _login_page(request, next_path=safe_next(next))


@router.post("/login")
def login(
    request: Request,
    db: Ledger,
    name: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not secrets.compare_digest(csrf.encode(), expected.encode()):
        raise Forbidden(t("web.csrf"))
    try:
        signed = accounts.sign_in(
            db, name, password, client_address(request), ending=request.cookies.get(SESSION_COOKIE),
            idle=request.app.state.settings.idle,
        )  # fmt: skip
    except NotSignedIn as refusal:  # the name stays in the form; the password never comes back
        return _login_page(request, 401, name=name[:64], error=str(refusal), next_path=safe_next(next))
    response = _redirect(request, safe_next(next))
    set_session_cookie(request, response, signed.token)
    response.delete_cookie(LOGIN_COOKIE, path=cookie_path(request))
    return response


@router.post("/logout")
def logout(request: Request, db: Ledger, current: Posted) -> Response:
    accounts.sign_out(db, request.cookies.get(SESSION_COOKIE, ""), client_address(request))
    response = _redirect(request, "/login")
    response.delete_cookie(SESSION_COOKIE, path=cookie_path(request))
    return response


@router.get("/lang/{code}")
def choose_language(request: Request, code: str, next: str | None = None) -> Response:
    """The language switch: a preference cookie, nothing stored in the ledger."""
    response = _redirect(request, safe_next(next))
    response.set_cookie(
        LANG_COOKIE, "en" if code == "en" else "zh", samesite="lax", secure=secure(request),
        path=cookie_path(request), max_age=365 * 24 * 3600,
    )  # fmt: skip
    return response
