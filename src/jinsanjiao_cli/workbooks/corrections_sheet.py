"""The 更正记录 / Corrections sheet: every amendment and void, with the old and the new values, who and why."""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.core.rows import Row
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.workbooks.workbook import HEADER_ROW, Book, table_ref

COLUMNS = (
    "xl.col.when", "xl.col.change", "xl.col.old_id", "xl.col.new_id", "xl.col.task_no", "xl.col.unit",
    "xl.col.old_date", "xl.col.new_date", "xl.col.old_progress", "xl.col.new_progress", "xl.col.old_status",
    "xl.col.new_status", "xl.col.old_note", "xl.col.new_note", "xl.col.old_project", "xl.col.new_project",
    "xl.col.why", "xl.col.who",
)  # fmt: skip


def corrections_sheet(book: Book, changes: list[Row]) -> None:
    sheet = book.sheet(t("xl.sheet.corrections"))
    sheet.title_row(t("xl.title.corrections", count=len(changes)), 8)
    sheet.header([t(key) for key in COLUMNS])
    for c in changes:
        amended = c["kind"] == "amend"
        old_id, new_id = (c["supersedes"], c["id"]) if amended else (c["id"], None)
        old = c[8:13]  # date, progress, status, note, project as they were
        new = c[13:18] if amended else (None,) * 5
        sheet.add(
            (_moment(c["done_at"]), "datetime"),
            (t(f"xl.action.{c['kind']}"), "text"),
            (old_id, "int"),
            (new_id, "int"),
            (c["task_no"], "int"),
            (c["unit"], "text"),
            (old[0], "date"),
            (new[0], "date"),
            (old[1], "num"),
            (new[1], "num"),
            (old[2], "text"),
            (new[2], "text"),
            (old[3], "wrap"),
            (new[3], "wrap"),
            (old[4], "text"),
            (new[4], "text"),
            (c["reason"], "wrap"),
            (c["done_by"], "text"),
        )
    sheet.caps.update({13: 40, 14: 40, 17: 40})
    sheet.write(autofilter=table_ref(HEADER_ROW, sheet.last_row, len(COLUMNS)))


def _moment(text: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(text) if text else None
