"""The rejects workbook of `jsj import --skip-invalid`: the rejected rows as they were in the sheet, with
their row number and reasons, so the unit can correct them and import that file.

Each cell goes back as it came (a date stays a date, a number a number), with the export's guards on text:
control and bidirectional-control characters shown as visible stand-ins (a rejected row is often rejected
for holding one, and an .xlsx cannot hold most of them), and text that a spreadsheet would take for a
formula (=, +, -, @ and their full-width forms) marked with quotePrefix, so it stays text when edited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path

from jinsanjiao_cli.text.i18n import clauses, t
from jinsanjiao_cli.workbooks.workbook import Book, check_target, save_workbook

Rejected = Mapping[int, tuple[Sequence[object], list[str]]]
"""Spreadsheet row number -> (the row's cells as read, its reasons)."""


def write_rejects(header: Sequence[object], rows: Rejected, target: Path) -> Path:
    """Write the rejected `rows` under `header`, whole or not at all."""
    check_target(target)  # before building the workbook: a half-built one would complain at exit
    with Book() as book:
        ws = book.wb.create_sheet("rejects")
        ws.append([t("import.row"), *(_cell(book, ws, v) for v in header), t("import.reason")])
        for row_no, (cells, reasons) in sorted(rows.items()):
            ws.append([row_no, *(_cell(book, ws, v) for v in cells), _cell(book, ws, clauses(reasons))])
        return save_workbook(book.wb, target)


def _cell(book: Book, ws: object, value: object) -> object:
    if value is None or isinstance(value, bool | int | float | dt.date | dt.datetime):
        return value
    return book.cell(ws, str(value), "value")
