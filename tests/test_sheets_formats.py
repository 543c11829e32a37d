"""A number means what the cell shows: real xlsx, ods, xls and CSV files written and read back."""

import datetime
import re
import sqlite3
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlwt

from jinsanjiao_cli.io.sheets import formats, odsscan
from jinsanjiao_cli.io.sheets.formats import shows_percent
from jinsanjiao_cli.io.sheets.rows import open_report, parse_file
from jinsanjiao_cli.text import i18n
from test_sheets_reader import make_ods

D = datetime.date(2022, 6, 30)
HEADER = ["序号", "责任单位", "填报日期", "完成进度", "最新进展"]


@pytest.fixture(autouse=True)
def _zh():
    before = i18n.lang()
    i18n.set_lang("zh")
    yield
    i18n.set_lang(before)


def xlsx(path: Path, rows: list[list], formats_by_row: dict[int, str], header=HEADER) -> Path:
    """A sheet with a title row, the header on row 2 and `rows` from row 3; formats_by_row: spreadsheet row
    -> number format of its progress cell (column D)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "填报"
    ws.append(["2022年上半年进展"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    for row_no, number_format in formats_by_row.items():
        ws.cell(row_no, 4).number_format = number_format
    book.save(path)
    return path


def progress_of(path: Path, **kw) -> list[tuple[int, float | None]]:
    sheet = parse_file(path, **kw)
    return [(r.row, r.progress) for r in sheet.rows]


# --------------------------------------------------------------------------------------------------
# Number formats


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.0%", True),
        ("0.00%", True),
        ("#,##0.0%;[Red]-#,##0.0%", True),
        ("[Blue]0%", True),
        ('0.0"%"', False),  # a quoted %: literal text, the number is not scaled
        ("0.0\\%", False),  # an escaped %
        ("0.0_%", False),  # _ takes the next character as a width
        ("0.00;0%", False),  # % only in the negative section
        ("[$%-409]0.00", False),  # inside brackets
        ("General", False),
        ("0.00", False),
        ("", False),
    ],
)
def test_shows_percent(code, percent):
    assert shows_percent(code) is percent


# --------------------------------------------------------------------------------------------------
# xlsx


def test_xlsx_mixed_column_reads_each_cell_as_it_shows(tmp_path):
    """The case of issue 6: 60% as text, 30 as a number, "70" as text and 0.45 shown as 45%, in one column;
    0.0%, 0% and a custom format with %; 1 shown as 100%; 0 and 1 with no format; a merged task cell."""
    rows = [
        [1, "省发改委", D, "60%", "文本百分数"],  # row 3
        [None, "运城市", D, 30, "数字"],  # row 4: task merged from row 3
        [2, "临汾市", D, "70", "文本数字"],  # row 5
        [2, "省商务厅", D, 0.45, "0% 格式"],  # row 6
        [3, "省交通厅", D, 0.455, "0.0% 格式"],  # row 7
        [3, "省水利厅", D, 0.5, "自定义格式"],  # row 8
        [4, "晋城市", D, 1, "显示 100%"],  # row 9
        [4, "长治市", D, 1, "无格式"],  # row 10
        [5, "吕梁市", D, 0, "无格式"],  # row 11
        [5, "忻州市", D, 0.45, "无格式 0.45"],  # row 12
    ]
    path = xlsx(tmp_path / "mixed.xlsx", rows, {6: "0%", 7: "0.0%", 8: '#,##0.0%;[Red]-0.0%;"—"', 9: "0%"})
    book = openpyxl.load_workbook(path)
    book["填报"].merge_cells("A3:A4")
    book.save(path)

    sheet = parse_file(path)
    assert sheet.problems == []
    assert [(r.row, r.task_no, r.progress) for r in sheet.rows] == [
        (3, 1, 60.0),
        (4, 1, 30.0),
        (5, 2, 70.0),
        (6, 2, 45.0),
        (7, 3, 45.5),
        (8, 3, 50.0),
        (9, 4, 100.0),
        (10, 4, 1.0),
        (11, 5, 0.0),
        (12, 5, 0.45),  # no percent format: it shows 0.45, so 0.45 points
    ]
    assert all(type(r.progress) is float for r in sheet.rows)
    assert sheet.progress_as_fraction
    assert [(r.column, r.header, r.field, r.reading) for r in sheet.readings] == [
        ("D", "完成进度", "progress", "cell_format"),
        ("D", "完成进度", "progress", "points"),  # the text "70" settles the text numbers as points
    ]
    assert "百分比格式" in sheet.readings[0].reason


def test_import_readings_say_the_rule_applied_to_each_kind_of_cell(jsj, db, tmp_path):
    """Issue 24: text "70" and a 0%-formatted 0.45 in one column. The number cell is read by its format (45,
    no problem), the text by the column rule: each reading names the kind of cell it applies to, and none
    says a number between 0 and 1 is a problem when none was."""
    path = xlsx(tmp_path / "two.xlsx", [[9, "省交通厅", D, "70", None], [9, "运城市", D, 0.45, None]], {4: "0%"})
    result = jsj("import", path, "--db", db, "--format", "json")
    assert result.exit_code == 0, result.output
    import json

    summary = json.loads(result.stdout)
    assert summary["problems"] == [] and summary["rows_new"] == 2
    assert [(r["column"], r["reading"], r["reason"]) for r in summary["readings"]] == [
        (
            "D",
            "cell_format",
            "数字单元格按显示读取：设为百分比格式的按比例（显示为 45% 的 0.45 即 45），其他格式的是百分点"
            "（0.45 即 0.45%）；1.01 及以上的数总是百分点",
        ),
        (
            "D",
            "points",
            "写成文本、不带 % 的数（如“70”）：有大于 1 的，按百分点读取（60 即 60%）；"
            "其中 0 与 1 之间的无法确定，列为问题",
        ),
    ]
    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT progress FROM milestone ORDER BY progress").fetchall()
    assert stored == [(45.0,), (70.0,)]
    only_numbers = xlsx(tmp_path / "n.xlsx", [[9, "省交通厅", D, 60, None]], {})
    assert [r.reading for r in parse_file(only_numbers).readings] == ["cell_format"]  # no text: no column rule
    i18n.set_lang("en")
    (cells, text) = parse_file(path).readings
    assert text.reason.startswith("numbers written as text without a % (such as '70'): some lie above 1")
    assert cells.reason.startswith("number cells are read as they show")


def test_xlsx_percent_cell_wins_over_a_percent_header(tmp_path):
    path = xlsx(
        tmp_path / "h.xlsx",
        [[1, "甲", D, 0.45, None], [2, "乙", D, 45, None]],
        {3: "0%"},
        header=["序号", "责任单位", "填报日期", "完成进度(%)", "最新进展"],
    )
    assert progress_of(path) == [(3, 45.0), (4, 45.0)]


def test_xlsx_text_numbers_between_0_and_1_follow_the_column_rule(tmp_path):
    fractions = xlsx(tmp_path / "f.xlsx", [[1, "甲", D, "0.45", None], [2, "乙", D, "1", None]], {})
    sheet = parse_file(fractions)
    assert [r.progress for r in sheet.rows] == [45.0, 100.0]
    assert [r.reading for r in sheet.readings] == ["fraction"]  # text only: no number cell, so no cell_format reading
    mixed = xlsx(tmp_path / "m.xlsx", [[1, "甲", D, "0.45", None], [2, "乙", D, "70", None]], {})
    sheet = parse_file(mixed)
    assert [(p.row, p.letter, p.value) for p in sheet.problems] == [(3, "D", "0.45")]
    assert "0.45 不能确定是 0.45% 还是 45%，请写作 45 或 45%" in str(sheet.problems[0])


def test_xlsx_without_fractions_never_reads_the_styles(tmp_path, monkeypatch):
    def refuse(*args):
        raise AssertionError("formats read for a column without fractions")

    monkeypatch.setattr(formats, "xlsx_percent_cells", refuse)
    path = xlsx(tmp_path / "plain.xlsx", [[1, "甲", D, 60, None], [2, "乙", D, 0, None], [3, "丙", D, 100, None]], {})
    assert progress_of(path) == [(3, 60.0), (4, 0.0), (5, 100.0)]
    with open_report(path) as report:
        list(report.chunks())
        assert [r.reading for r in report.readings] == ["cell_format"]


def test_xlsx_percent_cells_across_chunks(tmp_path):
    """Formats looked up chunk by chunk over a long sheet: every tenth cell is a percent."""
    rows = [[i % 50 + 1, "甲", D, 0.5 if i % 10 == 0 else 50, None] for i in range(6000)]
    path = xlsx(tmp_path / "long.xlsx", rows, {3 + i: "0%" for i in range(0, 6000, 10)})
    values = {p for _, p in progress_of(path)}
    assert values == {50.0}


def test_xlsx_styles_shared_by_many_cells_and_a_style_without_percent(tmp_path):
    path = xlsx(tmp_path / "s.xlsx", [[1, "甲", D, 0.3, None], [2, "乙", D, 0.3, None]], {3: "0.00", 4: "0.0%"})
    assert progress_of(path) == [(3, 0.3), (4, 30.0)]


# --------------------------------------------------------------------------------------------------
# ods

ODS = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:automatic-styles>
 <number:percentage-style style:name="N11"><number:number number:decimal-places="0"/><number:text>%</number:text>
 </number:percentage-style>
 <number:number-style style:name="N2"><number:number number:decimal-places="2"/></number:number-style>
 <style:style style:name="ce1" style:family="table-cell" style:data-style-name="N11"/>
 <style:style style:name="ce2" style:family="table-cell" style:data-style-name="N2"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
<table:table table:name="填报">
<table:table-column table:number-columns-repeated="3"/><table:table-column table:default-cell-style-name="ce1"/>
<table:table-row>
 <table:table-cell office:value-type="string"><text:p>序号</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>责任单位</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>填报日期</text:p></table:table-cell>
 <table:table-cell office:value-type="string"><text:p>完成进度</text:p></table:table-cell>
</table:table-row>
ROWS
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/>
</table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""


def ods_row(task: int, unit: str, progress: str) -> str:
    return (
        f'<table:table-row><table:table-cell office:value-type="float" office:value="{task}"><text:p>{task}</text:p>'
        f'</table:table-cell><table:table-cell office:value-type="string"><text:p>{unit}</text:p></table:table-cell>'
        '<table:table-cell office:value-type="date" office:date-value="2022-06-30"><text:p>2022-06-30</text:p>'
        f"</table:table-cell>{progress}</table:table-row>"
    )


def test_ods_percentage_cells_and_styles(tmp_path):
    """LibreOffice writes a percent cell as value-type percentage; a float cell whose style (its own or its
    column's default) has a percentage data style shows a percentage too."""
    rows = "".join(
        [
            ods_row(
                1,
                "甲",
                '<table:table-cell office:value-type="percentage" office:value="0.45"><text:p>45%'
                "</text:p></table:table-cell>",
            ),
            ods_row(
                2,
                "乙",
                '<table:table-cell table:style-name="ce2" office:value-type="float" office:value="30">'
                "<text:p>30.00</text:p></table:table-cell>",
            ),
            ods_row(
                3,
                "丙",
                '<table:table-cell office:value-type="float" office:value="0.25"><text:p>25%'
                "</text:p></table:table-cell>",
            ),  # the column's default style ce1 is a percentage
            ods_row(
                4,
                "丁",
                '<table:table-cell table:style-name="ce2" office:value-type="float" office:value="0.5">'
                "<text:p>0.50</text:p></table:table-cell>",
            ),
            ods_row(5, "戊", '<table:table-cell office:value-type="string"><text:p>60%</text:p></table:table-cell>'),
            ods_row(
                6,
                "己",
                '<table:table-cell table:style-name="ce1" office:value-type="percentage" '
                'office:value="1"><text:p>100%</text:p></table:table-cell>',
            ),
        ]
    )
    path = make_ods(tmp_path / "report.ods", ODS.replace("ROWS", rows))
    sheet = parse_file(path)
    assert sheet.problems == []
    assert [(r.row, r.task_no, r.unit, r.date, r.progress) for r in sheet.rows] == [
        (2, 1, "甲", D, 45.0),
        (3, 2, "乙", D, 30.0),
        (4, 3, "丙", D, 25.0),
        (5, 4, "丁", D, 0.5),
        (6, 5, "戊", D, 60.0),
        (7, 6, "己", D, 100.0),
    ]
    assert [r.reading for r in sheet.readings] == ["cell_format"]


# --------------------------------------------------------------------------------------------------
# xls and CSV: no formats, a column rule, and nothing guessed


def xls(path: Path, values: list) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("填报")
    pct = xlwt.easyxf(num_format_str="0%")
    for c, name in enumerate(HEADER):
        sheet.write(0, c, name)
    for r, value in enumerate(values, 1):
        sheet.write(r, 0, r)
        sheet.write(r, 1, "省发改委")
        sheet.write(r, 2, "2022-06-30")
        sheet.write(r, 3, value, pct)
    book.save(str(path))
    return path


def test_xls_fractions_column(tmp_path):
    path = xls(tmp_path / "f.xls", [0.6, 0.455, 1, 0])
    sheet = parse_file(path)
    assert [r.progress for r in sheet.rows] == [60.0, 45.5, 100.0, 0.0]
    assert [(r.reading, r.column) for r in sheet.readings] == [("fraction", "D")]


def test_xls_mixed_column_refuses_what_it_cannot_settle(tmp_path):
    path = xls(tmp_path / "m.xls", [0.45, 30, "60%", 1])
    sheet = parse_file(path)
    assert [(r.row, r.progress) for r in sheet.rows] == [(3, 30.0), (4, 60.0), (5, 1.0)]
    assert [(p.row, p.letter, p.column, p.value) for p in sheet.problems] == [(2, "D", "完成进度", 0.45)]
    assert sheet.readings[0].reading == "points"
    assert str(sheet.problems[0]).endswith(
        "0.45 不能确定是 0.45% 还是 45%，请写作 45 或 45%（若指 0.45%，请写作 0.45%）"
    )


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-8-sig"])
def test_csv_column_rule(tmp_path, encoding):
    text = (
        "序号,责任单位,填报日期,完成进度,最新进展\n1,省发改委,2022-06-30,0.45,完成，待验收\n2,运城市,2022-06-30,0.3,\n"
    )
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode(encoding))
    assert progress_of(path) == [(2, 45.0), (3, 30.0)]
    path.write_bytes((text + "3,临汾市,2022-06-30,30,\n").encode(encoding))
    sheet = parse_file(path)
    assert [(p.row, p.value) for p in sheet.problems] == [(2, "0.45"), (3, "0.3")]
    assert [(r.row, r.progress, r.note) for r in sheet.rows] == [(4, 30.0, None)]
    i18n.set_lang("en")
    assert str(parse_file(path).problems[0]).endswith(
        ": 0.45 could be 0.45% or 45%; write 45 or 45% (or 0.45% if that is meant)"
    )


def test_csv_rule_reads_ahead_only_as_far_as_it_must(tmp_path):
    """A fraction on the first row, the settling number 30,000 rows later (past several chunks)."""
    lines = (
        ["序号,责任单位,填报日期,完成进度"]
        + ["1,甲,2022-06-30,0"] * 30_000
        + ["2,乙,2022-06-30,0.5", "3,丙,2022-06-30,1"]
    )
    path = tmp_path / "late.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sheet = parse_file(path)
    assert sheet.readings[0].reading == "fraction" and sheet.rows[-1].progress == 100.0
    path.write_text("\n".join([*lines, "4,丁,2022-06-30,60"]) + "\n", encoding="utf-8")
    sheet = parse_file(path)
    assert sheet.readings[0].reading == "points"
    assert [p.row for p in sheet.problems] == [30_002]


def test_xlsx_rule_reads_ahead_in_a_second_pass_over_the_sheet(tmp_path):
    rows = [[1, "甲", D, "0.5", None]] + [[2, "乙", D, 30, None]] * 5000 + [[3, "丙", D, "60", None]]
    path = xlsx(tmp_path / "ahead.xlsx", rows, {})
    sheet = parse_file(path)
    assert [(p.row, p.value) for p in sheet.problems] == [(3, "0.5")]  # "60", 5,000 rows later, settles it
    assert sheet.rows[-1].progress == 60.0 and [r.reading for r in sheet.readings] == ["cell_format", "points"]


def test_ods_repeats_groups_and_spans(tmp_path):
    """What LibreOffice writes besides plain rows: header-row groups, identical rows as one repeated row,
    merged cells."""
    header = (
        "<table:table-header-rows><table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{h}</text:p></table:table-cell>'
            for h in ("序号", "责任单位", "填报日期", "完成进度")
        )
        + "</table:table-row></table:table-header-rows>"
    )
    repeated = (
        '<table:table-row table:number-rows-repeated="2"><table:table-cell office:value-type="float" office:value="7">'
        '<text:p>7</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>甲</text:p>'
        '</table:table-cell><table:table-cell office:value-type="date" office:date-value="2022-06-30"><text:p>d'
        '</text:p></table:table-cell><table:table-cell office:value-type="percentage" office:value="0.5"><text:p>50%'
        "</text:p>"
        "</table:table-cell></table:table-row>"
    )
    spanned = (
        '<table:table-row><table:table-cell table:number-rows-spanned="2" office:value-type="float" office:value="8">'
        '<text:p>8</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>乙</text:p>'
        '</table:table-cell><table:table-cell office:value-type="date" office:date-value="2022-06-30"><text:p>d'
        '</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="0.25"><text:p>0.25'
        "</text:p></table:table-cell></table:table-row>"
        '<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="string"><text:p>丙</text:p>'
        '</table:table-cell><table:table-cell office:value-type="date" office:date-value="2022-06-30"><text:p>d'
        '</text:p></table:table-cell><table:table-cell table:style-name="ce1" office:value-type="float" '
        'office:value="0.75"><text:p>75%</text:p></table:table-cell></table:table-row>'
    )
    rows = header + "<table:table-row-group>" + repeated + spanned + "</table:table-row-group>"
    content = ODS.replace("ROWS", rows).replace(
        '<table:table-row><table:table-cell office:value-type="string"><text:p>序号</text:p>', "<!--", 1
    )
    content = re.sub(r"<!--.*?</table:table-row>", "", content, count=1, flags=re.S)
    sheet = parse_file(make_ods(tmp_path / "lo.ods", content))
    assert [(r.row, r.task_no, r.unit, r.progress) for r in sheet.rows] == [
        (2, 7, "甲", 50.0),
        (3, 7, "甲", 50.0),
        (4, 8, "乙", 25.0),  # no style of its own: the column's default, a percentage
        (5, 8, "丙", 75.0),
    ]


def test_ods_walk_takes_a_nested_table_apart(tmp_path):
    inner = (
        '<table:table table:name="inner"><table:table-row><table:table-cell office:value-type="string"><text:p>x'
        "</text:p></table:table-cell></table:table-row></table:table>"
    )
    rows = "".join(
        f'<table:table-row><table:table-cell office:value-type="float" office:value="{i}"><text:p>{i}</text:p>'
        f"</table:table-cell><table:table-cell>{inner if i == 2 else ''}</table:table-cell></table:table-row>"
        for i in range(1, 5)
    )
    path = make_ods(tmp_path / "nested.ods", ODS.replace("ROWS", rows))
    with zipfile.ZipFile(path) as zf:
        items = list(odsscan.walk(str(path), zf, str(path)))
        restart = max(i for i, item in enumerate(items) if isinstance(item, odsscan.Restart))
        after = [(item.table, item.index, item.repeat) for item in items[restart:] if isinstance(item, odsscan.Row)]
        assert after == [
            ("填报", 0, 1),
            ("填报", 1, 1),
            ("填报", 2, 1),
            ("填报", 3, 1),
            ("填报", 4, 1),
            ("填报", 5, 1048570),
        ]
        assert b"inner" in next(
            item.xml for item in items[restart:] if isinstance(item, odsscan.Row) and item.index == 2
        )
        scans = odsscan.scan_tables(str(path), zf, str(path), lambda name: name)
    assert set(scans) == {"填报"} and scans["填报"].rows == (0, 4) and scans["填报"].columns == (0, 3)
