"""The 报送情况 / Reporting sheet of the ledger export: units × periods (on time/owed, with the late ones
named; filled green when all on time, yellow when some were late or missing, red when none came, for
periods already due), each unit's contact and on-time rate, below it the late (迟报) and the overdue
(逾期未报) lists of the last period due, and below those every notice delivered or tried (`jsj remind
--send`: addresses masked, as the delivery log keeps them). Built from the same documents `jsj reports`
prints, so the sheet and the JSON agree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from jinsanjiao_cli.core.cycle import Contact, Reporting
from jinsanjiao_cli.core.delivery import Delivery
from jinsanjiao_cli.core.schedule import last_due
from jinsanjiao_cli.render.reporting import period_cell
from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.views import documents
from jinsanjiao_cli.workbooks.workbook import Book, SheetBuilder

FIXED = ("xl.col.unit", "xl.col.contact", "xl.col.phone", "xl.col.email", "xl.col.on_time")


def reporting_sheet(
    book: Book, view: Reporting, contacts: dict[str, Contact], deliveries: Sequence[Delivery] = ()
) -> None:
    started = [p for p in view.periods if p.start <= view.as_of]
    headers = [t(key) for key in FIXED] + [p.label for p in started]
    sheet = book.sheet(t("xl.sheet.reporting"))
    shown = started or view.periods[:1]  # the title names the periods the sheet shows
    title = t("xl.title.reporting", as_of=view.as_of.isoformat(), first=shown[0].label, last=shown[-1].label)
    sheet.title_row(title, min(len(headers), 12))
    sheet.header(headers)
    for record in view.records():
        if not any(p.owed for p in record.periods):
            continue
        contact = contacts.get(record.unit)
        cells = [
            (record.unit, "text"),
            (contact.contact if contact else None, "text"),
            (contact.phone if contact else None, "text"),
            (contact.email if contact else None, "text"),
            (documents.r2(record.rate), "num"),
        ]
        for period, count in zip(started, record.periods, strict=False):
            cells.append(
                (period_cell(count._asdict()), _fill(count.reported, count.late, count.owed, period.due, view.as_of))
            )
        sheet.add(*cells)
    sheet.add()
    _overdue_table(sheet, view)
    sheet.add()
    _delivery_table(sheet, deliveries)
    sheet.caps.update({1: 20})
    sheet.write(freeze="B3")


def _fill(reported: int, late: int, owed: int, due: dt.date, as_of: dt.date) -> str:
    if reported == owed:
        return "light.green"
    if due >= as_of:
        return "int"  # still open: not yet late
    return "light.yellow" if reported or late else "light.red"


def _overdue_table(sheet, view: Reporting) -> None:
    period = last_due(view.periods, view.as_of)
    if period is None:
        sheet.add((t("xl.reporting.none_due"), "subtitle"))
        return
    document = documents.reports_document(view, view.periods.index(period))
    if document["late"]:
        _late_table(sheet, period.label, document["late"])
    sheet.add((t("xl.title.reporting_overdue", period=period.label, due=period.due.isoformat()), "subtitle"))
    sheet.header([t("xl.col.unit"), t("xl.col.task_no"), t("xl.col.task"), t("xl.col.due"), t("xl.col.days_overdue")])
    if not document["overdue"]:
        sheet.add((t("xl.reporting.none_overdue"), "text"))
    for row in document["overdue"]:
        sheet.add(
            (row["unit"], "text"),
            (row["task"], "int"),
            (row["title"], "wrap"),
            (dt.date.fromisoformat(row["due"]), "date"),
            (row["days_overdue"], "int"),
        )


def _delivery_table(sheet: SheetBuilder, deliveries: Sequence[Delivery]) -> None:
    sheet.add((t("xl.title.deliveries"), "subtitle"))
    sheet.header(
        [
            t("col.attempted_at"),
            t("xl.col.unit"),
            t("col.period"),
            t("col.notice_kind"),
            t("col.address"),
            t("col.outcome"),
            t("col.error"),
        ]
    )
    if not deliveries:
        sheet.add((t("xl.deliveries.none"), "text"))
    for d in deliveries:
        sheet.add(
            ((d.attempted_at or "")[:19].replace("T", " "), "text"),
            (d.unit, "text"),
            (d.period, "text"),
            (t(f"notice_kind.{d.kind}"), "text"),
            (d.address or t("notify.nowhere"), "wrap"),
            (t(f"outcome.{d.outcome}"), "text"),
            (d.error, "wrap"),
        )


def _late_table(sheet, label: str, rows: list[dict]) -> None:
    sheet.add((t("xl.title.reporting_late", period=label), "subtitle"))
    keys = ("xl.col.unit", "xl.col.task_no", "xl.col.task", "xl.col.due", "xl.col.reported_on", "xl.col.days_late")
    sheet.header([t(key) for key in keys])
    for row in rows:
        sheet.add(
            (row["unit"], "text"),
            (row["task"], "int"),
            (row["title"], "wrap"),
            (dt.date.fromisoformat(row["due"]), "date"),
            (dt.date.fromisoformat(row["reported_on"]), "date"),
            (row["days_late"], "int"),
        )
    sheet.add()
