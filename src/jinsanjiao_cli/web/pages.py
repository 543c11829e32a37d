"""Rendering pages: one Jinja2 environment with autoescaping on for every template, the catalogue's `t`
for every word, and the things every page shows (who is signed in, the language switch, the menu)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse

from jinsanjiao_cli.core.values import fixed
from jinsanjiao_cli.text.i18n import join, lang, t
from jinsanjiao_cli.text.wording import period_name, section_row

TEMPLATES = Path(__file__).parent / "templates"

# The menu of each role: (path, label key). The cockpit is the analyst's and viewer's home (issue 21).
MENUS: dict[str, tuple[tuple[str, str], ...]] = {
    "unit": (
        ("/due", "page.due"),
        ("/mine", "page.mine"),
        ("/history", "page.history"),
        ("/problems", "page.problems"),
    ),
    "analyst": (
        ("/cockpit", "page.cockpit"),
        ("/status", "page.status"),
        ("/reporting", "page.reporting"),
        ("/problems", "page.problems"),
        ("/assessment", "page.assessment"),
        ("/targets", "page.targets"),
        ("/history", "page.history"),
        ("/downloads", "page.downloads"),
    ),
    "viewer": (
        ("/cockpit", "page.cockpit"),
        ("/status", "page.status"),
        ("/reporting", "page.reporting"),
        ("/problems", "page.problems"),
        ("/assessment", "page.assessment"),
        ("/targets", "page.targets"),
        ("/downloads", "page.downloads"),
    ),
}


def pct(value: float | None) -> str:
    """A percentage as the terminal tables show it: one decimal, nothing for none."""
    return "" if value is None else fixed(value)  # the one rounding rule (core/values.py)


def two(value: float | None) -> str:
    """A figure to two decimals (scores, indices, GDP), as `jsj assess` and `jsj target` print them."""
    return "" if value is None else fixed(value, 2)


def section_title(row: dict[str, Any]) -> str:
    """A row of the sections' summary as every table names it: a part without sections as the part it is."""
    return section_row(row.get("no"), row.get("part"), row["title"])[1]


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(t=t, join=join, lang=lang, period_name=period_name, section_title=section_title)
    env.filters["pct"] = pct
    env.filters["two"] = two
    return env


def page(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """A page for the signed-in account (or the login page), in the request's language."""
    current = getattr(request.state, "current", None)
    actor = current.actor if current is not None else None
    base = {
        "root": request.scope.get("root_path", ""),
        "path": request.url.path.removeprefix(request.scope.get("root_path", "")) or "/",
        "query": request.url.query,
        "actor": actor,
        "csrf": current.csrf if current is not None else "",
        "menu": MENUS.get(actor.role, ()) if actor is not None else (),
        "today": dt.date.today().isoformat(),
    }
    html = environment().get_template(template).render(**base, **context)
    return HTMLResponse(html, status_code=status_code)
