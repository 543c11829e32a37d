"""Narrow terminals: at 120, 80 and 60 columns no table of any command cuts a date, a number or a phone
number.

Text columns fold and optional columns drop first (render/terminal.py). Each screen is checked three ways:
no line is wider than the terminal, nothing is cut with an ellipsis, and the dates and figures the same
command gives as JSON all appear whole on the screen.
"""

import json
import re
from pathlib import Path

import pytest
from rich.cells import cell_len

from jinsanjiao_cli.core.values import fixed, shown
from jinsanjiao_cli.render.terminal import Column, layout, overhead

LONG_NOTE = "机场航站楼主体结构封顶，飞行区土石方工程完成百分之八十，配套道路同步推进"
PHONE, EMAIL = "0351-12345678", "zhangsan.transport@example.gov.cn"
EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples"
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PERIOD = re.compile(r"\d{4}-\d{2}")


@pytest.fixture
def busy(built):
    built(make_busy)


def make_busy(jsj) -> None:
    for args in (
        ("9", "-u", "临汾", "-p", "20", "-d", "2022-06-01", "-n", LONG_NOTE),
        ("9", "-u", "运城", "-p", "35.5", "-d", "2022-05-18", "-n", "运城段征地完成"),
        ("4", "-u", "省审批服务管理局", "-p", "12", "-d", "2022-04-30", "-n", "已出台实施细则"),
    ):
        assert jsj("record", *args).exit_code == 0
    assert jsj("indicator", "set", "运城", "2021", "--gdp", "2231.2", "--growth", "9.1").exit_code == 0
    assert jsj("indicator", "set", "临汾", "2021", "--gdp", "1858.9", "--growth", "8.6").exit_code == 0
    added = jsj(
        "problem", "add", "9", "--unit", "临汾", "--text", "用地指标不足", "-d", "2022-06-10", "--due", "2022-07-15"
    )
    assert added.exit_code == 0
    assert jsj("unit", "set", "省交通厅", "--contact", "张三", "--phone", PHONE, "--email", EMAIL).exit_code == 0
    assert jsj("unit", "add", "省自然资源厅", "--full-name", "山西省自然资源厅").exit_code == 0
    assert jsj("unit", "set", "省自然资源厅", "--phone", "0351-7654321").exit_code == 0
    assert jsj("record", "9", "-u", "省交通厅", "-p", "12.25", "-d", "2022-06-28", "--period", "2022-06").exit_code == 0
    assert jsj("import", EXAMPLES / "reports-2022-06.csv").exit_code == 0
    assert jsj("settings", "set", "assessment.late_weight", "0.25").exit_code == 0


# Every command that prints a table, with the JSON keys whose figures its table always shows (optional
# columns may go on a narrow terminal; what stays is never cut).
SCREENS = {
    "status": (("status", "--as-of", "2022-06-30"), {"completion", "expected"}),
    "status --since": (
        ("status", "--as-of", "2022-06-30", "--since", "2022-05-01"),
        {"completion", "expected", "delta"},
    ),
    "status --unit": (("status", "--as-of", "2022-06-30", "--unit", "临汾"), {"unit.progress"}),
    "status --task": (("status", "--task", "9", "--as-of", "2022-06-30"), {"progress"}),
    "status --task (safeguard)": (("status", "--task", "17", "--as-of", "2022-06-30"), {"progress"}),
    "target": (("target",), set()),
    "history": (("history",), {"progress"}),
    "history --all": (("history", "--all"), {"progress"}),
    "reports": (("reports", "--as-of", "2022-07-10"), {"rate"}),
    "reports --period all": (("reports", "--as-of", "2022-07-10", "--period", "all"), {"rate"}),
    "remind": (("remind", "--as-of", "2022-07-10"), {"phone"}),
    "remind --upcoming": (("remind", "--as-of", "2022-07-22", "--upcoming"), {"phone"}),
    "problem list": (("problem", "list"), set()),
    "assess": (("assess", "--as-of", "2022-06-30"), {"C", "R", "score"}),
    "batches": (("batches",), {"rows_new"}),
    "unit list": (("unit", "list"), {"phone"}),
    "indicator list": (("indicator", "list"), set()),
    "settings show": (("settings", "show"), set()),
    "db info": (("db", "info"), set()),
}
WIDTHS = [120, 80, 60]


def screen_at(jsj, monkeypatch, width: int, args) -> str:
    monkeypatch.setenv("COLUMNS", str(width))
    result = jsj(*args)
    assert result.exit_code == 0, result.output
    return result.stdout


def json_values(document) -> tuple[set[str], set[float]]:
    """Every date and every number in a JSON document."""
    dates, numbers = set(), set()

    def walk(node, key=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and DATE.fullmatch(node[:10]) and len(node) == 10:
            dates.add(node)
        elif isinstance(node, float) and key in {"completion", "expected", "progress", "delta"}:
            numbers.add(node)

    walk(document)
    return dates, numbers


def json_of(jsj, args):
    printed = jsj(*args, "--format", "json").stdout
    return printed, json.loads(printed)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(SCREENS))
def test_nothing_is_cut_on_a_narrow_terminal(busy, jsj, monkeypatch, width, name):
    args, keys = SCREENS[name]
    text = screen_at(jsj, monkeypatch, width, args)
    printed, document = json_of(jsj, args)
    # an ellipsis on screen is one the plan's own text holds (加快推进…建设), never a cut
    assert text.count("…") <= printed.count("…")
    for line in text.splitlines():
        assert cell_len(line) <= width, (name, width, line)
    # every whole date on the screen is a date the command knows; no date is left half-printed (a period
    # label, 2022-06, stands whole in a column of its own)
    for fragment, after in re.findall(r"(?<![\d-])(\d{4}-\d{2}(?:-\d{0,2})?)(-?)(?!\d)", text):
        assert DATE.fullmatch(fragment) or (PERIOD.fullmatch(fragment) and not after), (name, width, fragment)
    # nor is the tail of a date folded onto the next line of a row (2022-06 over -20)
    for line in table_body_lines(text):
        assert not re.search(r"(?<!\S)-\d{2}(?![\d.])", line), (name, width, line)
    # every figure and phone number the JSON gives appears whole, by the one rounding rule
    flat = text.replace("\n", " ")
    for figure in figures(document, keys):
        assert figure in flat, (name, width, figure)


def table_body_lines(text: str) -> list[str]:
    """The lines of a table's rows: below its heading rule, down to the blank line that ends it (headings
    may fold a period label on purpose, 2023 over -11)."""
    body, inside = [], False
    for line in text.splitlines():
        if "━" in line:
            inside = True
        elif not line.strip():
            inside = False
        elif inside:
            body.append(line)
    return body


def figures(document, keys: set[str]) -> set[str]:
    """The figures under `keys` in a JSON document, as the screen writes them: percentages and changes by
    the one rounding rule, scores to 2 decimals, phone numbers and counts as they are."""
    found: set[str] = set()

    def walk(node, key="", parent=""):
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k, key)
        elif isinstance(node, list):
            for v in node:
                walk(v, key, parent)
        elif (key in keys or f"{parent}.{key}" in keys) and node is not None and not isinstance(node, bool):
            if key == "score":
                found.add(fixed(node, 2))
            elif key == "delta":
                found.add(f"{shown(node):+.1f}" if shown(node) else "0.0")
            elif isinstance(node, float):
                found.add(fixed(node))
            else:
                found.add(str(node))

    walk(document)
    return found


@pytest.mark.parametrize("args", [("status", "--as-of", "2022-06-30", "--since", "2022-05-01"), ("problem", "list")])
def test_at_60_columns_the_column_asked_for_stays(busy, jsj, monkeypatch, args):
    """The Δ of --since, and the units of the problem list, stay on screen before the id columns go."""
    text = screen_at(jsj, monkeypatch, 60, args)
    assert ("Δ" in text) if "--since" in args else ("临汾市人民政府" in text or "临汾" in text), text


@pytest.mark.parametrize("width", [80, 60])
def test_status_shows_every_date_and_figure_whole(busy, jsj, monkeypatch, width):
    args = ("status", "--as-of", "2022-06-30")
    document = json.loads(jsj(*args, "--format", "json").stdout)
    text = screen_at(jsj, monkeypatch, width, args)
    dates = {t["latest_date"] for t in document["tasks"] if t["latest_date"]}
    dates |= {u["last_report"] for u in document["units"] if u["last_report"]}
    assert {"2022-06-01", "2022-05-18", "2022-04-30", "2022-06-28"} <= dates
    flat = text.replace("\n", " ")
    for found in dates:
        assert found in flat
    for task in document["tasks"]:  # one rounding rule: the JSON's 9.25 is 9.3 on screen (round half up)
        assert fixed(task["completion"]) in flat and fixed(task["expected"]) in flat


def test_history_shows_every_date_at_60(busy, jsj, monkeypatch):
    document = json.loads(jsj("history", "--format", "json").stdout)
    text = screen_at(jsj, monkeypatch, 60, ("history",))
    for record in document:
        assert record["date"] in text and fixed(record["progress"]) in text


def test_optional_columns_go_before_anything_is_squeezed():
    columns = [Column("No.", "right"), Column("Title", "wrap"), Column("Note", "wrap", 1), Column("Date", "left")]
    rows = [("12", "A fairly long task title", "A very long note " * 3, "2022-06-30")]
    visible, widths = layout(columns, rows, 60)
    assert visible == [0, 1, 2, 3] and sum(widths) + overhead(4) <= 60
    assert widths[3] == 10 and widths[0] == 3  # the date and the number keep their width
    visible, widths = layout(columns, rows, 31)
    assert visible == [0, 1, 3]  # the note went first
    assert widths[-1] == 10 and sum(widths) + overhead(3) <= 31


def test_a_table_that_fits_keeps_its_natural_widths():
    columns = [Column("序号", "right"), Column("任务", "wrap")]
    assert layout(columns, [("1", "短")], 200) == ([0, 1], [4, 4])


def test_at_80_columns_the_problem_list_keeps_the_units_asked_to_act(busy, jsj, monkeypatch):
    added = jsj("problem", "add", "4", "--unit", "省审批服务管理局", "--text", "系统对接", "--needs", "省交通厅")
    assert added.exit_code == 0, added.output
    text = screen_at(jsj, monkeypatch, 80, ("problem", "list"))
    assert "需协调" in text and "省交通厅" in text, text
