"""The analyst's and viewer's pages: the plan's status (the numbers of `jsj status`), the reporting
picture (`jsj reports`), each task's page (`jsj status --task`), and the ledger workbook and bulletin
written by the same code as `jsj export` and `jsj bulletin`."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Request
from starlette.background import BackgroundTask
from starlette.responses import FileResponse, Response

from jinsanjiao_cli.actions import bulletins, reading
from jinsanjiao_cli.core.access import Actor
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.views.status import status_document, task_document
from jinsanjiao_cli.web.pages import page
from jinsanjiao_cli.web.session import Ledger, as_of, kept, role

router = APIRouter()
Office = Annotated[Actor, role("analyst", "viewer")]


@router.get("/status")
def status(request: Request, db: Ledger, actor: Office) -> Response:
    day = as_of(request.query_params.get("as_of"))
    document = kept(request, db, ("status", day), lambda: status_document(reading.status(db, day)))
    return page(request, "status.html", title=t("page.status"), document=document)


@router.get("/reporting")
def reporting(request: Request, db: Ledger, actor: Office, period: str | None = None) -> Response:
    day = as_of(request.query_params.get("as_of"))
    document = kept(request, db, ("reporting", day, period), lambda: reading.reports(db, day, period=period or "all"))
    return page(request, "reporting.html", title=t("page.reporting"), document=document)


@router.get("/tasks/{task_no}")
def task(request: Request, db: Ledger, actor: Office, task_no: int) -> Response:
    day = as_of(request.query_params.get("as_of"))
    document = task_document(reading.task_detail(db, day, task_no))
    return page(request, "task.html", title=t("task.heading", no=task_no, title=document["task"]["title"]),
                document=document)  # fmt: skip


@router.get("/downloads")
def downloads(request: Request, actor: Office) -> Response:
    return page(request, "downloads.html", title=t("page.downloads"))


def _download(write: Callable[[Path], Path], name: str, media_type: str) -> FileResponse:
    """A file written whole into a private temporary folder, sent, then removed."""
    folder = Path(tempfile.mkdtemp(prefix="jsj-portal-"))
    try:
        written = write(folder / name)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(written, media_type=media_type, filename=name,
                        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True))  # fmt: skip


@router.get("/download/ledger.xlsx")
def ledger_workbook(request: Request, db: Ledger, actor: Office) -> Response:
    day = as_of(request.query_params.get("as_of"))
    return _download(lambda target: reading.write_export(db, day, target), f"jsj-progress-{day.isoformat()}.xlsx",
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip


@router.get("/download/bulletin.docx")
def bulletin(request: Request, db: Ledger, actor: Office) -> Response:
    day = as_of(request.query_params.get("as_of"))

    def write(target: Path) -> Path:
        return bulletins.write_bulletin(db, day, None, None, target, by=actor.name)[0]

    return _download(write,
                     f"jsj-bulletin-{day.isoformat()}.docx",
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document")  # fmt: skip
