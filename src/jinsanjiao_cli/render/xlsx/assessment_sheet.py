"""The 考评 / Assessment sheet: each unit's components beside its score (the `jsj assess` document)."""

from __future__ import annotations

from jinsanjiao_cli.render.xlsx.workbook import HEADER_ROW, Book, table_ref
from jinsanjiao_cli.text.i18n import register, t

register(
    {
        "xl.sheet.assessment": ("考评", "Assessment"),
        "xl.title.assessment": (
            "结果考评(截至 {as_of};得分 = {wc:g}×C + {wr:g}×R + {wp:g}×P)",
            "Assessment (as of {as_of}; score = {wc:g}×C + {wr:g}×R + {wp:g}×P)",
        ),
        "xl.col.c": ("C 序时完成", "C progress"),
        "xl.col.reporting_rate": ("报送率(%)", "Reporting %"),
        "xl.col.r": ("R 报送", "R reporting"),
        "xl.col.problems_due": ("到期问题", "Problems due"),
        "xl.col.closed_on_time": ("按期销号", "Closed on time"),
        "xl.col.p": ("P 问题", "P problems"),
        "xl.col.score": ("得分", "Score"),
    }
)

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
