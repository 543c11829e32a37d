"""The reader's and parser's messages: full-width punctuation in Chinese, ASCII in English, every problem
located by column letter, and one word for 板块."""

import re
import string

import pytest

from jinsanjiao_cli.io.sheets.reader import Grid
from jinsanjiao_cli.io.sheets.rows import RowProblem, parse_grid
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.text.messages import MESSAGES

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
FULL_WIDTH = "，：；（）"


@pytest.fixture(autouse=True)
def _zh():
    before = i18n.lang()
    i18n.set_lang("zh")
    yield
    i18n.set_lang(before)


# The reader's and parser's own messages (sheets.*); the whole catalogue's punctuation is issue 16's.
SHEET_KEYS = sorted(key for key in MESSAGES if key.startswith("sheets."))


@pytest.mark.parametrize("key", SHEET_KEYS)
def test_chinese_messages_use_full_width_punctuation_and_english_ascii(key):
    zh, en = MESSAGES[key]
    bare_zh = PLACEHOLDER.sub("", zh)
    assert not set(",:;()") & set(bare_zh), (key, zh)
    assert not set(FULL_WIDTH) & set(en), (key, en)
    fields = {name for _, name, _, _ in string.Formatter().parse(zh) if name}
    assert fields == {name for _, name, _, _ in string.Formatter().parse(en) if name}, key


def test_one_word_for_a_section():
    words = {w for key in SHEET_KEYS for w in ("板块", "部分", "领域") if w in MESSAGES[key][0]}
    assert words <= {"板块"}


def test_every_problem_has_its_column_letter_header_value_and_message():
    grid = Grid(
        file="r.csv",
        sheet=None,
        rows=[
            ["说明"],
            ["序号", "责任单位", "填报日期", "完成进度", "最新进展", "ID"],
            ["x", None, "2022-02-30", "0.5", "n", "y"],
            [2, "甲", "2022-06-30", 60, None, None],
        ],
    )
    problems = parse_grid(grid).problems
    assert [(p.row, p.letter, p.column, p.value) for p in problems] == [
        (3, "A", "序号", "x"),
        (3, "B", "责任单位", None),
        (3, "C", "填报日期", "2022-02-30"),
        (3, "D", "完成进度", "0.5"),
        (3, "F", "ID", "y"),
    ]
    assert str(problems[3]) == (
        "r.csv，第3行，列 完成进度（D），值 '0.5'："
        "0.5 不能确定是 0.5% 还是 50%，请写作 50 或 50%（若指 0.5%，请写作 0.5%）"
    )
    i18n.set_lang("en")
    problem = RowProblem("r.xlsx", "填报", 5, "完成进度", None, "a required value is missing", "D")
    assert str(problem) == "r.xlsx, sheet '填报', row 5, column 完成进度 (D): a required value is missing"
