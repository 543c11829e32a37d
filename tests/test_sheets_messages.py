"""Every catalogue's words (messages, labels, prose): full-width punctuation and Chinese quotation marks in
Chinese, ASCII in English; the reader's problems located by column letter; one word for 板块."""

import re
import string

import pytest

from jinsanjiao_cli.io.sheets.reader import Grid
from jinsanjiao_cli.io.sheets.rows import RowProblem, parse_grid
from jinsanjiao_cli.text import i18n
from jinsanjiao_cli.text.labels import LABELS
from jinsanjiao_cli.text.messages import MESSAGES
from jinsanjiao_cli.text.prose import PROSE

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
FULL_WIDTH = "，：；（）“”‘’！？"
# What a Chinese sentence quotes as it must be typed keeps its ASCII: URLs, a shell command, YAML, numbers to
# type as a list, and the program's name at the head of a line (jsj: …).
CODE = re.compile(
    r"[a-z]+:///?[^\s，。；、）]*|pip install '[^']*'|counted: false|键: 值|\d(?:[.\d]*,\d[.\d]*)+|^jsj: "
)
CATALOGUES = {**MESSAGES, **LABELS, **PROSE}


@pytest.fixture(autouse=True)
def _zh():
    before = i18n.lang()
    i18n.set_lang("zh")
    yield
    i18n.set_lang(before)


SHEET_KEYS = sorted(key for key in MESSAGES if key.startswith("sheets."))


@pytest.mark.parametrize("key", sorted(CATALOGUES))
def test_chinese_text_uses_full_width_punctuation_and_english_ascii(key):
    zh, en = CATALOGUES[key]
    bare_zh = CODE.sub("", PLACEHOLDER.sub("", zh))
    if re.search("[\u4e00-\u9fff]", bare_zh):  # a Chinese sentence (a bare code or unit is no sentence)
        assert not set(",:;()!?\"'") & set(bare_zh), (key, zh)
    chinese_numbering = re.compile("（[一二三四五六七八九十]+）")  # quoted in English as a plan writes it
    assert not set(FULL_WIDTH) & set(chinese_numbering.sub("", PLACEHOLDER.sub("", en))), (key, en)
    fields = {name for _, name, _, _ in string.Formatter().parse(zh) if name}
    assert fields == {name for _, name, _, _ in string.Formatter().parse(en) if name}, key


def test_a_quoted_value_takes_chinese_quotation_marks_nested_as_single_ones():
    assert i18n.t("lookup.unknown_unit", name="太原市") == "未知单位“太原市”"
    assert i18n.t("notice.task", no=9, title="推进“双碳”工作") == "第9项“推进‘双碳’工作”"
    assert i18n.t("lookup.unknown_unit", name="a\x1bb") == "未知单位“a\\x1bb”"  # a control character is shown escaped


def test_one_word_for_a_section():
    words = {w for key in SHEET_KEYS for w in ("板块", "部分", "领域") if w in MESSAGES[key][0]}
    assert words <= {"板块"}


def test_two_sections_are_liang_da_ban_kuai():
    from jinsanjiao_cli.text.wording import count_zh, sections_heading

    assert sections_heading(2) == "两大板块" and sections_heading(6) == "六大板块"
    assert count_zh(2) == "二" and count_zh(12) == "十二"  # a count in a number stays 二


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
        "r.csv，第3行，列 完成进度（D），值“0.5”："
        "0.5 不能确定是 0.5% 还是 50%，请写作 50 或 50%（若指 0.5%，请写作 0.5%）"
    )
    i18n.set_lang("en")
    problem = RowProblem("r.xlsx", "填报", 5, "完成进度", None, "a required value is missing", "D")
    assert str(problem) == "r.xlsx, sheet '填报', row 5, column 完成进度 (D): a required value is missing"
