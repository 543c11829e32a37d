"""The portal's application: settings, the ledger pool, security headers, the language of each request,
and errors turned into pages (403 for what an account may not do, 400 for bad input, the login page for
no session)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response
from starlette.staticfiles import StaticFiles

from jinsanjiao_cli.actions.milestones import UnknownMilestone
from jinsanjiao_cli.core.errors import Forbidden, JsjError, UnknownTask
from jinsanjiao_cli.core.problems import UnknownProblem
from jinsanjiao_cli.ledger.db import Location
from jinsanjiao_cli.text.i18n import set_lang, t
from jinsanjiao_cli.web import auth_routes, cockpit_routes, office_routes, problem_routes, unit_routes
from jinsanjiao_cli.web.freshness import Fresh
from jinsanjiao_cli.web.pages import page
from jinsanjiao_cli.web.pool import LedgerPool
from jinsanjiao_cli.web.session import LANG_COOKIE, LoginNeeded

STATIC = Path(__file__).parent / "static"

# No inline script or style may run: a note holding <script> could not act even if escaping failed.
# The cockpit (issue 21) has neither: its charts' colours are SVG presentation attributes, its rules /cockpit.css.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@dataclass(frozen=True)
class Settings:
    location: Location
    root_path: str = ""
    idle: dt.timedelta = dt.timedelta(hours=8)
    always_secure: bool = False  # --https: the Secure flag even when the proxy does not say https
    connections: int = 8


class Portal:
    """ASGI middleware: each request's language (the cookie, else zh) set in its own context, and the
    security headers on every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        set_lang(_cookie_language(scope))

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)


def _cookie_language(scope: dict[str, Any]) -> str:
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            cookie: SimpleCookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except Exception:  # a malformed Cookie header: the default language
                return "zh"
            if LANG_COOKIE in cookie and cookie[LANG_COOKIE].value == "en":
                return "en"
    return "zh"


def create_app(settings: Settings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.pool.close()

    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.settings = settings
    app.state.pool = LedgerPool(settings.location, settings.connections)
    app.state.fresh = Fresh()  # what pages read, kept until the ledger changes
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for module in (auth_routes, unit_routes, problem_routes, office_routes, cockpit_routes):
        app.include_router(module.router)
    _handle_errors(app)
    app.add_middleware(Portal)
    return app


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(LoginNeeded)
    async def login_needed(request: Request, exc: LoginNeeded) -> Response:
        root = request.scope.get("root_path", "")
        from urllib.parse import quote

        return RedirectResponse(f"{root}/login?next={quote(exc.next_path, safe='/')}", status_code=303)

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, exc: Forbidden) -> Response:
        return page(request, "error.html", 403, title=t("web.forbidden_title"), message=str(exc))

    @app.exception_handler(UnknownTask)
    @app.exception_handler(UnknownProblem)
    @app.exception_handler(UnknownMilestone)
    async def unknown(request: Request, exc: JsjError) -> Response:
        return page(request, "error.html", 404, title=t("web.not_found_title"), message=str(exc))

    @app.exception_handler(JsjError)
    async def refused(request: Request, exc: JsjError) -> Response:
        return page(request, "error.html", 400, title=t("web.refused_title"), message=str(exc))

    @app.exception_handler(RequestValidationError)
    async def malformed(request: Request, exc: RequestValidationError) -> Response:
        return page(request, "error.html", 400, title=t("web.refused_title"), message=t("web.malformed"))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        title = t("web.not_found_title") if exc.status_code == 404 else t("web.refused_title")
        return page(request, "error.html", exc.status_code, title=title, message=str(exc.detail))
