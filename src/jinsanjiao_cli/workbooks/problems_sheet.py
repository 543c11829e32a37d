"""The 问题清单 / Problems sheet: every problem raised by the as-of date, major and overdue first."""

from __future__ import annotations

import datetime as dt

from jinsanjiao_cli.text.i18n import join, t
from jinsanjiao_cli.workbooks.workbook import HEADER_ROW, Book, table_ref

COLUMNS = (
    "xl.col.problem_id", "xl.col.task_no", "xl.col.unit", "xl.col.problem", "xl.col.needs", "xl.col.major",
    "xl.col.raised", "xl.col.problem_due", "xl.col.problem_state", "xl.col.last_update", "xl.col.closed_on",
    "xl.col.closing_note", "xl.col.evidence",
)  # fmt: skip


def problems_sheet(book: Book, problems: list[dict], as_of: dt.date) -> None:
    """`problems`: the documents `jsj problem list --all --format json` prints."""
    sheet = book.sheet(t("xl.sheet.problems"))
    opened = sum(p["state"] == "open" for p in problems)
    sheet.title_row(t("xl.title.problems", as_of=as_of.isoformat(), open=opened), 8)
    sheet.header([t(key) for key in COLUMNS])
    for p in problems:
        state = "closed" if p["state"] == "closed" else ("overdue" if p["overdue"] else "open")
        latest = p["updates"][-1]["note"] if p["updates"] else None
        sheet.add(
            (p["id"], "int"),
            (p["task"], "int"),
            (p["unit"], "text"),
            (p["text"], "wrap"),
            (join(p["needs"]) or None, "wrap"),
            (t("xl.yes") if p["major"] else None, "text"),
            (_date(p["raised"]), "date"),
            (_date(p["due"]), "date"),
            (t(f"xl.problem.{state}"), {"closed": "light.done", "overdue": "light.red", "open": "light.yellow"}[state]),
            (latest, "wrap"),
            (_date(p["closed_at"]), "date"),
            (p["closing_note"], "wrap"),
            (p["evidence"], "wrap"),
        )
    sheet.caps.update({4: 40, 10: 36, 12: 36})
    sheet.write(autofilter=table_ref(HEADER_ROW, sheet.last_row, len(COLUMNS)))


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
