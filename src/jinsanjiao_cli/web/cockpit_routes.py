"""The cockpit (驾驶舱, issue 21), the analyst's and viewer's home page, and the two pages its charts lead to
that the portal did not have: the assessment (`jsj assess`) and the targets (`jsj target`).

The charts are the ones `jsj dashboard` draws, from the same documents (`actions.reading.cockpit`), each
linking to the page behind it, as of the page's date. Drawing a chart costs tens of milliseconds, so each
drawn chart is kept, keyed by its whole spec: the same numbers in the same language give the same SVG, and
any change in the ledger changes a spec, so nothing stale is ever shown and nothing needs invalidating.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Request
from markupsafe import Markup
from starlette.responses import Response

from jinsanjiao_cli import __version__
from jinsanjiao_cli.actions import reading
from jinsanjiao_cli.core import progress
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.ledger.picture import read_picture
from jinsanjiao_cli.render.charts import cockpit as cockpit_html
from jinsanjiao_cli.render.charts.specs import ChartSpec
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.views import documents
from jinsanjiao_cli.views.assessment import assessment as scores_of
from jinsanjiao_cli.views.status import status_document
from jinsanjiao_cli.web.pages import page
from jinsanjiao_cli.web.session import Ledger, as_of, kept, role

router = APIRouter()
Office = Annotated[Actor, role("analyst", "viewer")]

# Where each chart leads (its key → the portal's page and anchor); a target's chart goes to its own target.
CHART_PAGES = {
    "trend": "/status",
    "units": "/status#units",
    "tasks": "/status#tasks",
    "sections": "/status#sections",
    "reporting": "/reporting",
    "problems-monthly": "/problems?state=all",
    "problems-age": "/problems?state=open",
    "assessment": "/assessment",
    "target": "/targets",
}


class DrawnCharts:
    """Drawn SVG by spec, the most recent `size` kept. matplotlib is not thread-safe (its rc settings are
    global), so one chart is drawn at a time; a chart already drawn is returned without waiting."""

    def __init__(self, size: int = 96) -> None:
        self.size = size
        self._kept: OrderedDict[ChartSpec, str] = OrderedDict()
        self._lock = threading.Lock()
        self._drawing = threading.Lock()

    def svg(self, spec: ChartSpec) -> str:
        with self._lock:
            if spec in self._kept:
                self._kept.move_to_end(spec)
                return self._kept[spec]
        from jinsanjiao_cli.render.charts import draw

        with self._drawing:
            drawn = draw.svg(spec)
        with self._lock:
            self._kept[spec] = drawn
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return drawn


CHARTS = DrawnCharts()


def chart_links(root: str, day: str, chart_specs: list[ChartSpec]) -> dict[str, str]:
    """Each chart's page on the portal, as of the cockpit's date."""
    links = {}
    for spec in chart_specs:
        key = "target" if spec.key.startswith("target") else spec.key
        if key not in CHART_PAGES:  # a chart with no page of its own: its caption stays plain
            continue
        path, _, anchor = CHART_PAGES[key].partition("#")
        if key == "target" and spec.key != "target":
            anchor = spec.key  # target1, target2…: the page's section of that target
        glue = "&" if "?" in path else "?"
        links[spec.key] = f"{root}{path}{glue}as_of={quote(day)}" + (f"#{anchor}" if anchor else "")
    return links


@router.get("/cockpit")
def cockpit(request: Request, db: Ledger, actor: Office) -> Response:
    day = as_of(request.query_params.get("as_of"))
    root = request.scope.get("root_path", "")
    title, body = kept(request, db, ("cockpit", day, root), lambda: _cockpit(db, day, root))
    return page(request, "cockpit.html", title=title, cockpit=Markup(body), as_of_text=day.isoformat(),
                version=__version__)  # fmt: skip


def _cockpit(db: Database, day: dt.date, root: str) -> tuple[str, str]:
    """The page's title and the cockpit's HTML: the charts of `jsj dashboard`, each linking to its page."""
    documents = reading.cockpit(db, day)
    drawn = cockpit_html.cockpit_charts(documents, svg=CHARTS.svg)
    links = chart_links(root, documents.status["as_of"], [chart.spec for chart in drawn])
    body = cockpit_html.fragment(documents.status, drawn, links, heading=False)
    return t("cockpit.title", plan=documents.status["plan"]["title"]), body


@router.get("/cockpit.css")
def cockpit_style() -> Response:
    """The cockpit's stylesheet, the same rules `jsj dashboard` puts inline (the portal allows no inline
    style). Cached by browsers for an hour; the page asks for it by jsj's version."""
    return Response(cockpit_html.STYLE, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/assessment")
def assessment(request: Request, db: Ledger, actor: Office) -> Response:
    day = as_of(request.query_params.get("as_of"))
    document = kept(request, db, ("assessment", day), lambda: _assessment(db, day))
    return page(request, "assessment.html", title=t("page.assessment"), document=document,
                as_of_text=document["as_of"])  # fmt: skip


def _assessment(db: Database, day: dt.date) -> dict:
    picture = read_picture(db, day)  # as `jsj assess` reads it
    return documents.assessment_document(day, picture.weights, scores_of(picture, progress.assess(picture.snapshot)))


@router.get("/targets")
def targets(request: Request, db: Ledger, actor: Office) -> Response:
    day = as_of(request.query_params.get("as_of"))
    # `jsj target`'s documents, as `jsj status` holds them (the status page's, kept for either)
    document = kept(request, db, ("status", day), lambda: status_document(reading.status(db, day)))
    return page(request, "targets.html", title=t("page.targets"), targets=document["targets"],
                as_of_text=document["as_of"])  # fmt: skip
