"""The 考评 / Assessment sheet: each unit's components beside its score (the `jsj assess` document)."""

from __future__ import annotations

from jinsanjiao_cli.text.i18n import t
from jinsanjiao_cli.workbooks.workbook import HEADER_ROW, Book, table_ref

COLUMNS = (
    ("xl.col.rank", "int", "rank"),
    ("xl.col.unit", "text", "name"),
    ("xl.col.progress", "num", "completion"),
    ("xl.col.expected", "num", "expected"),
    ("xl.col.c", "num2", "C"),
    ("xl.col.reporting_rate", "num2", "reporting_rate"),
    ("xl.col.r", "num2", "R"),
    ("xl.col.problems_due", "int", "problems_due"),
    ("xl.col.closed_on_time", "int", "problems_closed_on_time"),
    ("xl.col.p", "num2", "P"),
    ("xl.col.score", "num2", "score"),
)


def assessment_sheet(book: Book, document: dict) -> None:
    sheet = book.sheet(t("xl.sheet.assessment"))
    w = document["weights"]
    title = t("xl.title.assessment", as_of=document["as_of"], wc=w["progress"], wr=w["reporting"], wp=w["problems"])
    sheet.title_row(title, len(COLUMNS))
    sheet.header([t(key) for key, _, _ in COLUMNS])
    for unit in document["units"]:
        sheet.add(*[(unit[key], style) for _, style, key in COLUMNS])
    sheet.write(autofilter=table_ref(HEADER_ROW, sheet.last_row, len(COLUMNS)))
