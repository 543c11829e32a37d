"""sheets.rows: each parse rule with hand-chosen values, then whole sheets from real files."""

import datetime
import re
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from jinsanjiao_cli.core import values
from jinsanjiao_cli.core.errors import BadFile
from jinsanjiao_cli.io.sheets.reader import Grid
from jinsanjiao_cli.io.sheets.rows import (
    FIELDS,
    NoHeader,
    ParsedSheet,
    ReportRow,
    RowProblem,
    decide_reading,
    find_header,
    parse_file,
    parse_grid,
    read_report,
)
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.text.i18n import t

FIXTURES = Path(__file__).parent / "fixtures"
D = datetime.date


@pytest.fixture(autouse=True)
def _zh():
    before = i18n.lang()
    i18n.set_lang("zh")
    yield
    i18n.set_lang(before)


def grid(*rows, sheet="填报") -> Grid:
    return Grid(file="r.xlsx", sheet=sheet, rows=[list(r) for r in rows])


HEADER = ["序号", "责任单位", "填报日期", "完成进度", "最新进展"]


def parse(*rows, header=HEADER) -> ParsedSheet:
    return parse_grid(grid(header, *rows))


# The value rules of core/values.py, raising their reason as the sheet shows it (as the reference parser
# below applies them, cell by cell).


def _raising(value):
    if isinstance(value, values.Invalid):
        raise ValueError(value.reason())
    return value


def parse_date(value):
    return _raising(values.date_value(value))


def parse_progress(value, *, reading="points", formats=False, percent=False):
    return _raising(values.progress_value(value, reading, percent if formats else None))


def parse_task_no(value):
    return _raising(values.whole_number(value))


def normalise_text(value):
    return _raising(values.line_text(value))


# --------------------------------------------------------------------------------------------------
# Single values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("  省发改委 ", "省发改委"),
        ("运城市  发改委", "运城市 发改委"),
        ("运城市\n发改委", "运城市 发改委"),
        ("省\u3000商务厅", "省 商务厅"),  # ideographic space
        ("（运城市）", "（运城市）"),  # full-width punctuation is kept as written
        ("ＡＢＣ１２３", "ＡＢＣ１２３"),
        ("６０％", "６０％"),
        ("e\u0301", "\u00e9"),  # NFC
        ("", None),
        ("   ", None),
        (None, None),
        (1.0, "1"),
        (2.5, "2.5"),
        (7, "7"),
        (D(2022, 6, 30), "2022-06-30"),
    ],
)
def test_normalise_text(value, expected):
    assert normalise_text(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        D(2022, 6, 30),
        datetime.datetime(2022, 6, 30, 23, 59),
        "2022-06-30",
        "2022-6-30",
        "2022/6/30",
        "2022/06/30",
        "2022.6.30",
        "2022年6月30日",
        "2022年06月30日",
        "2022 年 6 月 30 日",
        "２０２２年６月３０日",
        "２０２２－０６－３０",
        "２０２２／６／３０",
        " 2022-06-30 ",
        "2022-06-30 10:15:00",
        "2022-06-30T10:15",
    ],
)
def test_parse_date_accepts(value):
    assert parse_date(value) == D(2022, 6, 30)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2022-02-30", "日期不存在"),
        ("2022-13-01", "日期不存在"),
        ("2022年2月29日", "日期不存在"),
        ("2022-06", "不是可识别的日期"),
        ("30/06/2022", "不是可识别的日期"),
        ("2022-6/30", "不是可识别的日期"),
        ("22-6-30", "不是可识别的日期"),
        ("下周", "不是可识别的日期"),
        ("44742", "是数字而不是日期"),  # an Excel serial number in a CSV
        (44742, "是数字而不是日期"),
        (44742.0, "是数字而不是日期"),
        (True, "不是可识别的日期"),
        (datetime.time(10, 0), "不是可识别的日期"),
        (None, "缺少必填值"),
        ("  ", "缺少必填值"),
    ],
)
def test_parse_date_rejects(value, words):
    with pytest.raises(ValueError, match=words):
        parse_date(value)


def test_parse_date_leap_day():
    assert parse_date("2024-02-29") == D(2024, 2, 29)


@pytest.mark.parametrize(
    ("value", "reading", "expected"),
    [
        (60, "points", 60.0),
        (60.0, "points", 60.0),
        ("60", "points", 60.0),
        ("60%", "points", 60.0),
        ("６０％", "points", 60.0),
        (" 60 % ", "points", 60.0),
        ("60.5", "points", 60.5),
        (0, "points", 0.0),
        (1, "points", 1.0),  # a column of 0 and 1 only
        (100, "points", 100.0),
        ("100%", "points", 100.0),
        (0.6, "fraction", 60.0),
        ("0.6", "fraction", 60.0),
        (0.575, "fraction", 57.5),
        (0.07, "fraction", 7.0),
        (1, "fraction", 100.0),
        (0, "fraction", 0.0),
        ("0.5%", "fraction", 0.5),  # text with % is always percentage points
        ("60%", "fraction", 60.0),
        (0.5, "points_header", 0.5),
        ("0.5", "points_header", 0.5),
        ("0.5%", "points", 0.5),
    ],
)
def test_parse_progress_accepts(value, reading, expected):
    result = parse_progress(value, reading=reading)
    assert result == expected and isinstance(result, float)


@pytest.mark.parametrize(
    ("value", "percent", "expected"),
    [(0.45, True, 45.0), (1, True, 100.0), (1.0, False, 1.0), (0.45, False, 0.45), (0, True, 0.0), (30, False, 30.0)],
)
def test_parse_progress_by_cell_format(value, percent, expected):
    # rule 2: a number's format decides, whatever the column's reading
    for reading in ("points", "fraction", "points_header"):
        assert parse_progress(value, reading=reading, formats=True, percent=percent) == expected
    assert parse_progress("70", reading="points", formats=True, percent=True) == 70.0  # text: rule 3


@pytest.mark.parametrize(("value", "shown"), [(0.45, "0.45"), ("0.45", "0.45"), (0.455, "0.455"), (0.01, "0.01")])
def test_parse_progress_refuses_what_points_cannot_settle(value, shown):
    percent = {"0.45": "45", "0.455": "45.5", "0.01": "1"}[shown]
    with pytest.raises(ValueError) as err:
        parse_progress(value, reading="points")
    how = f"请写作 {percent} 或 {percent}%（若指 {shown}%，请写作 {shown}%）"
    assert str(err.value) == f"{shown} 不能确定是 {shown}% 还是 {percent}%，{how}"
    i18n.set_lang("en")
    with pytest.raises(ValueError, match=rf"^{shown} could be {shown}% or {percent}%; write {percent} or {percent}%"):
        parse_progress(value, reading="points")


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (120, "超出 0-100"),
        ("120%", "超出 0-100"),
        (-1, "超出 0-100"),
        ("-5", "超出 0-100"),
        (100.01, "超出 0-100"),
        ("abc", "不是数字"),
        ("约60%", "不是数字"),
        ("60%%", "不是数字"),
        ("nan", "不是数字"),
        ("inf", "不是数字"),
        (float("nan"), "不是数字"),
        (True, "不是数字"),
        (D(2022, 6, 30), "不是数字"),
        (None, "缺少必填值"),
        ("", "缺少必填值"),
    ],
)
def test_parse_progress_rejects(value, words):
    with pytest.raises(ValueError, match=words):
        parse_progress(value, reading="points")


@pytest.mark.parametrize("value", [1, 1.0, "1", "１", " 1 ", "1.0", "+1"])
def test_parse_task_no_accepts(value):
    assert parse_task_no(value) == 1


@pytest.mark.parametrize("value", [1.5, "1.5", "abc", 0, "0", -1, "-1", True, "一", D(2022, 1, 1), "1e0"])
def test_parse_task_no_rejects(value):
    with pytest.raises(ValueError, match="不是正整数"):
        parse_task_no(value)


def test_parse_task_no_missing():
    with pytest.raises(ValueError, match="缺少必填值"):
        parse_task_no(None)


# --------------------------------------------------------------------------------------------------
# Header


def test_title_rows_above_header_are_ignored():
    sheet = parse_grid(
        grid(
            ["附件2"],
            ["2022年上半年进展填报表", "2022年上半年进展填报表"],
            [],
            HEADER,
            [1, "省发改委", D(2022, 6, 30), 60, "进展"],
        )
    )
    assert sheet.header_row == 4
    assert sheet.columns == {"task_no": 0, "unit": 1, "date": 2, "progress": 3, "note": 4}
    assert [r.row for r in sheet.rows] == [5]


def test_english_headers_case_and_spaces():
    header = ["Task No", "UNIT", "Date", "Progress (%)", "Note", "Status", "Project", "Reported By", "ID"]
    sheet = parse([3, "Yuncheng", "2022-06-30", "60", "ok", "on track", "P1", "Li", 12], header=header)
    assert set(sheet.columns) == set(FIELDS) - {"issue", "period"}  # every field but the optional 存在问题 and 报送期
    row = sheet.rows[0]
    assert (row.task_no, row.unit, row.date, row.progress, row.note) == (3, "Yuncheng", D(2022, 6, 30), 60.0, "ok")
    assert (row.status, row.project, row.by, row.record_id) == ("on track", "P1", "Li", 12)


@pytest.mark.parametrize(
    ("names", "field", "winner"),
    [
        (["备注", "最新进展"], "note", 1),
        (["最新进展", "备注"], "note", 0),
        (["进展", "进展情况"], "note", 1),
        (["序号", "任务编号"], "task_no", 1),
        (["单位", "责任单位"], "unit", 1),
        (["时间", "填报日期"], "date", 1),
        (["进度", "完成进度"], "progress", 1),
        (["项目", "重点项目"], "project", 1),
        (["id", "记录编号"], "record_id", 1),
    ],
)
def test_more_specific_header_wins(names, field, winner):
    base = {"task_no": "编号", "unit": "unit", "progress": "progress"}
    base.pop(field, None)
    header = list(base.values()) + names
    sheet = parse_grid(grid(header))
    assert sheet.columns[field] == len(base) + winner


def test_header_variants_full_width_star_newline_remark():
    header = ["＊序号", "责任\n单位", "填报日期（年-月-日）", "完成进度(%)", "TASK", "备注"]
    sheet = parse_grid(grid(header, [2, "运城市", "2022.6.30", "0.5", "x", "n"]))
    assert sheet.columns["task_no"] == 0  # 序号 ranks above "task"
    assert sheet.columns["date"] == 2 and sheet.columns["progress"] == 3 and sheet.columns["note"] == 5
    assert not sheet.progress_as_fraction  # the header says %
    assert sheet.rows[0].progress == 0.5
    assert sheet.headers["unit"] == "责任 单位"


def test_no_header_names_file_sheet_and_expected_names():
    with pytest.raises(NoHeader) as err:
        parse_grid(grid(["姓名", "年龄"], ["张三", 30]))
    message = str(err.value)
    assert isinstance(err.value, BadFile)
    assert "r.xlsx" in message and "填报" in message and "30" in message
    assert "序号" in message and "责任单位" in message and "完成进度" in message


def test_header_needs_task_unit_and_progress():
    with pytest.raises(NoHeader):
        parse_grid(grid(["序号", "责任单位", "填报日期", "最新进展"]))


def test_header_beyond_row_30_is_not_found():
    rows = [["说明"]] * 30 + [HEADER]
    with pytest.raises(NoHeader):
        parse_grid(grid(*rows))
    assert parse_grid(grid(*rows[1:])).header_row == 30


# --------------------------------------------------------------------------------------------------
# Ledger

LEDGER_HEADER = [
    "序号",
    "重点任务",
    "牵头",
    "配合",
    "责任单位",
    "完成时限",
    "完成进度(%)",
    "序时进度",
    "状态",
    "最新进展",
    "填报日期",
]


def test_ledger_ignores_status_and_computed_columns():
    sheet = parse(
        [1, "任务一", "省发改委", "省商务厅", "省发改委", "2022年底", 60, 50, "正常", "推进中", "2022-06-30"],
        [1, "任务一", "省发改委", "省商务厅", "省商务厅", "2022年底", None, 50, "未填报", None, None],
        header=LEDGER_HEADER,
    )
    assert sheet.kind == "ledger"
    assert "status" not in sheet.columns
    assert sheet.columns == {"task_no": 0, "unit": 4, "progress": 6, "note": 9, "date": 10}
    assert sheet.rows == [ReportRow(3 - 1, 1, "省发改委", D(2022, 6, 30), 60.0, None, "推进中", None, None, None)]
    assert sheet.skipped_blank == 1  # a unit with no report yet


def test_report_sheet_keeps_status():
    sheet = parse([1, "省发改委", "2022-06-30", 60, "", "正常推进"], header=[*HEADER, "状态"])
    assert sheet.kind == "report" and sheet.rows[0].status == "正常推进"


# --------------------------------------------------------------------------------------------------
# Skipping and required values


def test_blank_and_unfilled_rows_are_skipped_and_counted():
    sheet = parse(
        [],
        [None, None, None, None, None],
        ["", "  ", None, " ", ""],
        [3, "省发改委", None, None, None],  # unfilled template row
        [3, "运城市", None, None, "   "],
        [3, "临汾市", "2022-06-30", 50, None],
    )
    assert sheet.skipped_blank == 5
    assert [r.unit for r in sheet.rows] == ["临汾市"]
    assert sheet.problems == []


def test_missing_required_values_are_problems():
    sheet = parse(
        [1, "省发改委", "2022-06-30", None, "有进展没进度"],
        [1, "省发改委", None, 60, None],
        [1, "省发改委", None, None, "只有进展"],
        [None, None, "2022-06-30", 50, None],
        [1, "省发改委", "2022-06-30", 50, None],
    )
    got = [(p.row, p.column, p.reason) for p in sheet.problems]
    assert got == [
        (2, "完成进度", "缺少必填值"),
        (3, "填报日期", "缺少必填值"),
        (4, "填报日期", "缺少必填值"),
        (4, "完成进度", "缺少必填值"),
        (5, "序号", "缺少必填值"),
        (5, "责任单位", "缺少必填值"),
    ]
    assert [r.row for r in sheet.rows] == [6]  # rows with a problem are left out of rows
    assert sheet.problem_rows() == [2, 3, 4, 5]


def test_no_date_column_means_no_date_and_no_problem():
    sheet = parse([1, "省发改委", 60], header=["序号", "责任单位", "完成进度"])
    assert "date" not in sheet.columns
    assert sheet.rows[0].date is None and sheet.problems == []


def test_repeated_header_rows_are_skipped():
    sheet = parse([1, "省发改委", "2022-06-30", 60, None], HEADER, [2, "运城市", "2022-06-30", 70, None])
    assert sheet.skipped_header == 1 and [r.task_no for r in sheet.rows] == [1, 2]


def test_all_problems_are_collected_in_row_then_column_order():
    sheet = parse(
        ["abc", "省发改委", "2022-02-30", 120, "x"],
        [1.5, None, "昨天", "六十", "x"],
        [2, "运城市", "2022-06-30", "60%", "ok"],
        [0, "临汾市", 44742, -3, "x"],
    )
    got = [(p.row, p.column, p.value, p.reason) for p in sheet.problems]
    assert got == [
        (2, "序号", "abc", "不是正整数"),
        (2, "填报日期", "2022-02-30", "日期不存在"),
        (2, "完成进度", 120, "超出 0-100"),
        (3, "序号", 1.5, "不是正整数"),
        (3, "责任单位", None, "缺少必填值"),
        (3, "填报日期", "昨天", "不是可识别的日期（请写成 2022-06-30 或 2022年6月30日）"),
        (3, "完成进度", "六十", "不是数字（应填 0-100 的百分数，如 60 或 60%）"),
        (5, "序号", 0, "不是正整数"),
        (5, "填报日期", 44742, "是数字而不是日期（请把单元格设为日期格式，或写成 2022-06-30）"),
        (5, "完成进度", -3, "超出 0-100"),
    ]
    assert [r.row for r in sheet.rows] == [4]


def test_bad_record_id_is_a_problem():
    sheet = parse(
        [1, "省发改委", "2022-06-30", 60, None, "x1"], [1, "运城市", "2022-06-30", 60, None, 7], header=[*HEADER, "ID"]
    )
    assert [(p.row, p.column) for p in sheet.problems] == [(2, "ID")]
    assert sheet.rows[0].record_id == 7


def test_text_fields_are_normalised_and_notes_kept():
    sheet = parse(
        [" ３ ", " 运城市 （发改委） ", "2022-06-30", "６０％", "  第一段，完成。\r\n第二段  "],
        header=HEADER,
    )
    row = sheet.rows[0]
    assert row.task_no == 3 and row.unit == "运城市 （发改委）" and row.progress == 60.0
    assert row.note == "第一段，完成。\n第二段"  # full-width punctuation and line breaks are kept


# --------------------------------------------------------------------------------------------------
# The fraction rule


@pytest.mark.parametrize(
    ("values", "header", "fraction", "expected"),
    [
        ([0.6, 0.25, 1], "完成进度", True, [60.0, 25.0, 100.0]),
        ([0.6, "0.5%"], "完成进度", True, [60.0, 0.5]),
        (["0.6", 0.3], "完成进度", True, [60.0, 30.0]),  # number-like text counts
        ([0.6, "60%"], "完成进度", True, [60.0, 60.0]),
        ([0, 1], "完成进度", False, [0.0, 1.0]),  # nothing strictly between 0 and 1
        ([1, 1], "完成进度", False, [1.0, 1.0]),
        ([60, 45.5], "完成进度", False, [60.0, 45.5]),
        ([0.6], "完成进度(%)", False, [0.6]),
        ([0.6], "完成比例（%）", False, [0.6]),
        ([0.6], "Progress (%)", False, [0.6]),
        (["50%", "20%"], "完成进度", False, [50.0, 20.0]),
    ],
)
def test_fraction_rule(values, header, fraction, expected):
    rows = [[i + 1, "单位", "2022-06-30", v, None] for i, v in enumerate(values)]
    sheet = parse(*rows, header=["序号", "责任单位", "填报日期", header, "最新进展"])
    assert sheet.problems == []
    assert sheet.progress_as_fraction is fraction
    assert [r.progress for r in sheet.rows] == expected


def test_fraction_rule_ignores_skipped_rows_and_bad_values():
    sheet = parse(
        [1, "甲", "2022-06-30", 0.5, None],  # cannot be settled: a problem
        [2, "乙", None, None, None],  # skipped
        [3, "丙", "2022-06-30", "很多", None],  # not a number: not counted
        [4, "丁", "2022-06-30", 1.2, None],  # > 1, so not fractions; 1.2 percentage points
        [5, "戊", "2022-06-30", "0.3%", None],  # text with %: points, settled
    )
    assert not sheet.progress_as_fraction
    assert [(r.row, r.progress) for r in sheet.rows] == [(5, 1.2), (6, 0.3)]
    assert [(p.row, p.letter, p.value) for p in sheet.problems] == [(2, "D", 0.5), (4, "D", "很多")]
    assert [(r.column, r.field, r.reading) for r in sheet.readings] == [("D", "progress", "points")]


@pytest.mark.parametrize("values", [[0.45, 30], ["0.45", "30"], [30, 0.45], [0.45, "60", 0.2]])
def test_a_number_between_0_and_1_beside_numbers_above_1_is_refused(values):
    rows = [[i + 1, "单位", "2022-06-30", v, None] for i, v in enumerate(values)]
    sheet = parse(*rows)
    refused = [p for p in sheet.problems if p.value in (0.45, "0.45", 0.2)]
    assert len(refused) == len(sheet.problems) == sum(1 for v in values if v in (0.45, "0.45", 0.2))
    assert "0.45 不能确定是 0.45% 还是 45%，请写作 45 或 45%" in refused[0].reason
    assert [r.progress for r in sheet.rows] == [float(v) for v in values if v not in (0.45, "0.45", 0.2)]


def test_decide_reading_stops_at_the_first_number_above_1():
    def numbers():
        yield 0.5
        yield 60
        raise AssertionError("read too far")

    assert decide_reading("完成进度", numbers()) == ("points", "sheets.reading.points")
    assert decide_reading("完成进度(%)", numbers()) == ("points_header", "sheets.reading.points_header")
    assert decide_reading("完成进度", [0.5, 1, 0]) == ("fraction", "sheets.reading.fraction")
    assert decide_reading("完成进度", [0, 1]) == ("points", "sheets.reading.points_whole")
    assert decide_reading("完成进度", []) == ("points", "sheets.reading.points_whole")


# --------------------------------------------------------------------------------------------------
# RowProblem text


def test_row_problem_text_zh_and_en():
    problem = RowProblem("r.xlsx", "填报", 5, "完成进度", 120.0, "超出 0-100", "D")
    assert str(problem) == "r.xlsx，工作表“填报”，第5行，列 完成进度（D），值“120”：超出 0-100"
    i18n.set_lang("en")
    problem = RowProblem("r.csv", None, 5, "完成进度", None, "a required value is missing", "D")
    assert str(problem) == "r.csv, row 5, column 完成进度 (D): a required value is missing"


def test_problem_reasons_in_english():
    i18n.set_lang("en")
    sheet = parse([1, "甲", "2022-02-30", "abc", None])
    assert [p.reason for p in sheet.problems] == [
        "no such date",
        "not a number (write a percentage 0-100, e.g. 60 or 60%)",
    ]
    assert str(sheet.problems[0]).startswith("r.xlsx, sheet '填报', row 2, column 填报日期 (C), value '2022-02-30': ")


# --------------------------------------------------------------------------------------------------
# Whole files


def test_xlsx_end_to_end(tmp_path):
    book = openpyxl.Workbook()
    notes = book.active
    notes.title = "填表说明"
    notes["A1"] = "请在“填报”表中填写"
    ws = book.create_sheet("填报")
    ws["A1"] = "2022年上半年重点任务进展"
    ws.merge_cells("A1:F1")
    ws.append(["序号", "责任单位", "填报日期", "完成进度", "最新进展", "填报人"])
    ws.append([3, "省发改委", datetime.date(2022, 6, 30), 0.6, "方案已印发", "张三"])
    ws.append([None, "运城市", datetime.datetime(2022, 6, 28, 9, 0), 0.455, "推进中", "李四"])
    ws.append([None, "临汾市", None, None, None, None])
    ws.merge_cells("A3:A5")
    ws.append([7, "省商务厅", datetime.date(2022, 7, 1), 1, "已完成", "王五"])
    for row in range(3, 7):
        ws.cell(row, 4).number_format = "0.0%"
        ws.cell(row, 3).number_format = "yyyy年m月d日"
    hidden = book.create_sheet("旧版")
    hidden.append(["序号", "责任单位", "完成进度"])
    hidden.sheet_state = "hidden"
    book.move_sheet("旧版", offset=-2)  # first in the workbook, but hidden
    path = tmp_path / "report.xlsx"
    book.save(path)

    grid, sheet = read_report(path)
    assert grid.sheet == sheet.sheet == "填报"
    assert sheet.header_row == 2 and sheet.kind == "report" and sheet.progress_as_fraction
    assert [(r.row, r.task_no, r.unit, r.date, r.progress, r.by) for r in sheet.rows] == [
        (3, 3, "省发改委", D(2022, 6, 30), 60.0, "张三"),
        (4, 3, "运城市", D(2022, 6, 28), 45.5, "李四"),
        (6, 7, "省商务厅", D(2022, 7, 1), 100.0, "王五"),
    ]
    assert sheet.skipped_blank == 1 and sheet.problems == []
    assert parse_file(path, sheet="旧版").rows == []


def test_xls_fixture_end_to_end():
    sheet = parse_file(FIXTURES / "report.xls")
    assert sheet.sheet == "填报" and sheet.progress_as_fraction
    assert [(r.row, r.task_no, r.unit, r.progress) for r in sheet.rows] == [
        (3, 3, "省发改委", 60.0),
        (4, 3, "运城市", 45.5),
        (5, 3, "临汾市", 100.0),
        (6, 7, "省商务厅", 25.0),
    ]
    assert sheet.skipped_blank == 2


def test_gbk_csv_end_to_end(tmp_path):
    text = (
        "2022年上半年进展,,,,\n"
        "序号,责任单位,填报日期,完成进度(%),最新进展\n"
        '1,省发改委,2022年6月30日,60,"完成，待验收"\n'
        "1,运城市,2022/6/30,0.5,起步\n"
        "2,临汾市,44742,60%,\n"
    )
    path = tmp_path / "report.csv"
    path.write_bytes(text.encode("gbk"))
    sheet = parse_file(path)
    assert sheet.sheet is None and sheet.header_row == 2 and not sheet.progress_as_fraction
    assert [(r.task_no, r.unit, r.date, r.progress) for r in sheet.rows] == [
        (1, "省发改委", D(2022, 6, 30), 60.0),
        (1, "运城市", D(2022, 6, 30), 0.5),
    ]
    assert [str(p) for p in sheet.problems] == [
        f"{path}，第5行，列 填报日期（C），值“44742”：是数字而不是日期（请把单元格设为日期格式，或写成 2022-06-30）"
    ]


def test_no_sheet_has_a_header(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "甲"
    book.active["A1"] = "说明"
    book.create_sheet("乙")
    path = tmp_path / "none.xlsx"
    book.save(path)
    with pytest.raises(NoHeader) as err:
        parse_file(path)
    assert "甲、乙" in str(err.value) and "完成进度" in str(err.value)


# --------------------------------------------------------------------------------------------------
# Speed


def test_parse_100000_rows():
    # (the time it takes is measured in benchmarks/bench_sheets.py)
    day = D(2022, 6, 30)
    distinct = [[i % 19 + 1.0, f"单位{i % 60}", day, (i % 100) / 100, f"进展 {i}"] for i in range(1000)]
    g = grid(HEADER, *(distinct * 100))  # 100,000 rows (parse_grid does not modify them)
    sheet = parse_grid(g)
    assert len(sheet.rows) == 100_000 and sheet.progress_as_fraction
    assert sheet.rows[-1].progress == 99.0 and sheet.rows[-1].row == 100_001


# --------------------------------------------------------------------------------------------------
# The column-wise parse (memo per distinct value, fast paths for numbers and dates) against the rules
# applied cell by cell with the public functions


class Text(str):
    """A str subclass: equal to the plain string, but only a plain str can be a blank cell."""


def reference_parse(g: Grid) -> tuple[list[ReportRow], list[tuple], int, int, bool]:
    """The module docstring's rules, row by row and cell by cell (the slow path parse_grid must agree with)."""
    h, columns, ledger = find_header(g)
    if ledger:
        columns.pop("status", None)
    header = g.rows[h]
    headers = {f: " ".join(str(header[c]).split()) for f, c in columns.items()}
    required = t("sheets.reason.required")

    def blank(v):
        return v is None or (type(v) is str and not v.strip())

    def note(v):
        return _raising(values.note_text(v))

    def attempt(f, parse, v, found, optional=False):
        if blank(v):
            if not optional:
                found.append((f, None, required))
            return None
        try:
            return parse(v)
        except ValueError as exc:
            found.append((f, v, str(exc)))
            return None

    kept = []
    skipped_blank = skipped_header = 0
    for r in range(h + 1, len(g.rows)):
        row = g.rows[r]

        def cell(f, row=row):
            i = columns.get(f, -1)
            return row[i] if 0 <= i < len(row) else None

        if blank(cell("date")) and blank(cell("note")) and blank(cell("progress")) and blank(cell("issue")):
            skipped_blank += 1
            continue
        v_task, v_unit = cell("task_no"), cell("unit")
        if type(v_task) is str and v_task == header[columns["task_no"]] and v_unit == header[columns["unit"]]:
            skipped_header += 1
            continue
        found = []
        task = attempt("task_no", parse_task_no, v_task, found)
        unit = normalise_text(v_unit)
        if unit is None:
            found.append(("unit", None, required))
        day = attempt("date", parse_date, cell("date"), found) if "date" in columns else None
        rid = attempt("record_id", parse_task_no, cell("record_id"), found, optional=True)
        text = [normalise_text(cell(f)) for f in ("status", "project", "by")]
        kept.append((r + 1, task, unit, day, text, note(cell("note")), rid, cell("progress"), found))

    reading = reference_reading(headers["progress"], [k[7] for k in kept])
    rows, all_found = [], []
    for row_no, task, unit, day, text, the_note, rid, v_prog, found in kept:
        progress = attempt("progress", lambda v: parse_progress(v, reading=reading), v_prog, found)
        for f, value, reason in found:
            all_found.append((row_no, columns[f], headers[f], repr(value), type(value), reason))
        if not found:
            status, project, by = text
            rows.append(ReportRow(row_no, task, unit, day, progress, status, the_note, project, by, rid))
    all_found.sort(key=lambda p: (p[0], p[1]))
    return rows, all_found, skipped_blank, skipped_header, reading


def reference_reading(header: str, values: list) -> str:
    """Rule 3 as the docstring states it, over the numbers a grid does not state (every number, and text
    that is a plain number without %)."""
    if "%" in unicodedata.normalize("NFKC", header):
        return "points_header"
    numbers = []
    for v in values:
        if type(v) in (int, float):
            numbers.append(float(v))
        elif isinstance(v, str):
            s = unicodedata.normalize("NFKC", v).strip()
            if not s.endswith("%") and re.fullmatch(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", s):
                numbers.append(float(s))
    # within [0, 1] once kept to 2 decimals as a percentage (1.00004 is 100.004%, which is 100)
    if numbers and all(-0.00005 < x < 1.00005 for x in numbers) and any(0 < x < 1 for x in numbers):
        return "fraction"
    return "points"


def assert_same_as_reference(g: Grid) -> ParsedSheet:
    sheet = parse_grid(g)
    rows, found, skipped_blank, skipped_header, reading = reference_parse(g)
    got = [
        (p.row, sheet.columns[f], p.column, repr(p.value), type(p.value), p.reason)
        for p in sheet.problems
        for f in [next(f for f, h in sheet.headers.items() if h == p.column)]
    ]
    assert got == found
    assert sheet.rows == rows
    assert [type(r.progress) for r in sheet.rows] == [float] * len(rows)
    assert (sheet.skipped_blank, sheet.skipped_header, sheet.progress_as_fraction) == (
        skipped_blank,
        skipped_header,
        reading == "fraction",
    )
    assert [r.reading for r in sheet.readings] == [reading]
    return sheet


UTC8 = datetime.timezone(datetime.timedelta(hours=8))
TASKS = [1, 1.0, True, False, "1", " 1 ", "１", "1.0", "+1", 0, 0.0, -0.0, 1.5, "abc", None, "", "  ", 10**16, 1e16]
TASKS += [float("nan"), float("inf"), D(2022, 1, 1), Text("2"), Text("  "), "\u3000", 7, 7.0, "7", "x1", -3, "1e0"]
UNITS = ["省发改委", " 省发改委 ", "省\u3000发改委", "（运城市）", 10**16, 1e16, 1, 1.0, True, None, "", "  "]
UNITS += [Text("甲"), Text(" "), D(2022, 6, 30), datetime.datetime(2022, 6, 30, 9), datetime.time(10), 0.5]
DATES = [D(2022, 6, 30), datetime.datetime(2022, 6, 30, 10), "2022-06-30", "2022/6/30", "２０２２年６月３０日"]
DATES += [datetime.datetime(2022, 7, 1, 1, tzinfo=UTC8), datetime.datetime(2022, 6, 30, 17, tzinfo=datetime.UTC)]
DATES += ["2022-02-30", "44742", 44742, 44742.0, True, None, "", "  ", "下周", Text(" "), Text("2022-06-30")]
DATES += [datetime.time(10), " 2022-06-30 10:15 "]
PROGRESS = [60, 60.0, "60", "60%", " 60 % ", "６０％", 0.5, "0.5", True, 1, 1.0, -0.0, 0.0, float("nan"), 120]
PROGRESS += ["120%", "abc", None, "", "  ", Text("60"), Text(" "), "-5", "inf", 100, 100.01, "0.5%", 10**400 // 10**398]
NOTES = ["  第一段\r\n第二段 ", "a\rb", None, "", "  ", 1.5, Text(" x "), "进展", D(2022, 1, 1)]
RECORD_IDS = [None, "", "  ", 7, 7.0, "7", "x1", True, Text("  "), 0, 1.5]
STATUSES = ["推进中", " 推进中 ", None, "", 3, Text("正常")]


def mixed_grid(progress_values: list[object], header: str, count: int = 5000, seed: int = 7) -> Grid:
    """Rows combining the tricky values above (each many times, across chunks), with blank rows, unfilled
    template rows and repeated header rows among them."""
    import random

    rnd = random.Random(seed)
    head = ["序号", "责任单位", "填报日期", header, "最新进展", "状态", "ID", "填报人"]
    rows = [["说明"], head]
    for i in range(count):
        kind = rnd.random()
        if kind < 0.02:
            rows.append([None] * rnd.randint(0, 8))
        elif kind < 0.03:
            rows.append(list(head))
        elif kind < 0.05:
            rows.append([rnd.choice(TASKS), rnd.choice(UNITS), None, None, rnd.choice(["", " ", None])])
        else:
            row = [rnd.choice(TASKS), rnd.choice(UNITS), rnd.choice(DATES), rnd.choice(progress_values)]
            row += [rnd.choice(NOTES), rnd.choice(STATUSES), rnd.choice(RECORD_IDS), rnd.choice(UNITS)]
            rows.append(row[: rnd.choice([8, 8, 8, 7, 5, 4])] if i % 11 == 0 else row)
    return Grid(file="r.xlsx", sheet="填报", rows=rows)


@pytest.mark.parametrize("header", ["完成进度(%)", "完成进度"])
def test_column_wise_parse_agrees_with_the_cell_rules(header):
    sheet = assert_same_as_reference(mixed_grid(PROGRESS, header))
    assert sheet.rows and sheet.problems and sheet.skipped_blank and sheet.skipped_header


def test_column_wise_parse_agrees_with_the_cell_rules_for_fractions():
    fractions = [0.6, 0.25, "0.5", " 0.75 ", 1, 1.0, True, 0, -0.0, "0.5%", "60%", None, "", "x", 0.123456789123]
    sheet = assert_same_as_reference(mixed_grid(fractions, "完成进度"))
    assert sheet.progress_as_fraction and sheet.rows


def test_column_wise_parse_agrees_without_a_date_column():
    g = mixed_grid(PROGRESS, "完成进度(%)", count=3000)
    for row in g.rows:
        del row[2:3]
    sheet = assert_same_as_reference(g)
    assert "date" not in sheet.columns and sheet.skipped_blank


def test_column_wise_parse_agrees_on_the_english_messages():
    i18n.set_lang("en")
    assert_same_as_reference(mixed_grid(PROGRESS, "完成进度", count=1000, seed=3))


def test_numbers_of_different_types_are_not_mixed_up_by_the_memo():
    # 1 == 1.0 == True, 10**16 == 1e16 and "2" == Text("2"), but they do not all convert alike.
    sheet = parse(
        [1.0, 10**16, "2022-06-30", 1, None],
        [True, 1e16, "2022-06-30", True, None],
        [1, 10**16, "2022-06-30", 1.0, None],
        [Text("  "), "  ", "2022-06-30", "  ", None],
        ["  ", Text("  "), "2022-06-30", Text("  "), None],
    )
    assert [(r.task_no, r.unit) for r in sheet.rows] == [(1, "10000000000000000"), (1, "10000000000000000")]
    assert [(p.row, p.column, p.value, type(p.value), p.reason) for p in sheet.problems] == [
        (3, "序号", True, bool, "不是正整数"),
        (3, "完成进度", True, bool, "不是数字（应填 0-100 的百分数，如 60 或 60%）"),
        (5, "序号", "  ", Text, "缺少必填值"),  # a blank str subclass is a value, reported as such
        (5, "责任单位", None, type(None), "缺少必填值"),
        (5, "完成进度", None, type(None), "缺少必填值"),
        (6, "序号", None, type(None), "缺少必填值"),
        (6, "责任单位", None, type(None), "缺少必填值"),
        (6, "完成进度", "  ", Text, "缺少必填值"),
    ]


def test_column_wise_parse_agrees_on_columns_of_one_type():
    """Chunks whose cells are all floats, all ints, all dates or all datetimes (what xlsx and xls give)
    go through a memo per type: equal values of one type must convert alike (-0.0 and 0.0, equal aware
    datetimes on different dates)."""
    import random

    rnd = random.Random(5)
    aware = [datetime.datetime(2022, 7, 1, 1, tzinfo=UTC8), datetime.datetime(2022, 6, 30, 17, tzinfo=datetime.UTC)]
    floats = [1.0, 2.0, 1.5, -0.0, 0.0, float("nan"), float("inf"), 1e16, 0.5, 60.0, 120.0, -3.0, 100.0]
    ints = [1, 2, 0, -1, 10**16, 60, 120, 100, 7]
    dates = [D(2022, 6, 30), D(2024, 2, 29), D(1900, 1, 1)]
    datetimes = [datetime.datetime(2022, 6, 30, 10), datetime.datetime(2022, 6, 30), *aware]
    head = ["序号", "责任单位", "填报日期", "完成进度", "最新进展", "ID", "状态"]
    rows = [head]
    for numbers, days in ((floats, dates), (ints, datetimes), (floats, datetimes), (ints, dates)):
        for _ in range(4096):
            row = [rnd.choice(numbers), rnd.choice(numbers), rnd.choice(days), rnd.choice(numbers), "进展"]
            rows.append([*row, rnd.choice(numbers), rnd.choice(numbers)])
    sheet = assert_same_as_reference(Grid(file="r.xlsx", sheet="填报", rows=rows))
    assert sheet.rows and sheet.problems
    fractions = [0.5, 0.25, 1.0, 0.0, -0.0, 0.123456789123]
    rows = [head] + [[1.0, "甲", D(2022, 6, 30), rnd.choice(fractions), None] for _ in range(5000)]
    sheet = assert_same_as_reference(Grid(file="r.xlsx", sheet="填报", rows=rows))
    assert sheet.progress_as_fraction and len(sheet.rows) == 5000
