"""One word each for the plan's part, section and item (docs/glossary.md): 部分 / 板块 / 事项, in English
part / section / item, in every message. The catalogues are read for a stray word, and the commands that
used to say 节 (plan check, plan draft) or 部分 for a section (status --section) are run."""

import re

import pytest

from conftest import REPO
from jinsanjiao_cli.text.labels import LABELS
from jinsanjiao_cli.text.messages import MESSAGES
from jinsanjiao_cli.text.prose import PROSE

ENTRIES = {key: pair for catalogue in (MESSAGES, LABELS, PROSE) for key, pair in catalogue.items()}

# 节 inside another word that is not a section (字节 = byte; YAML 节点 = node)
NOT_A_SECTION = ("字节", "节点")
# "part" in English for a member of a zip archive (OOXML calls them parts) or a share of a sentence or target:
# the Chinese says 部件 or nothing of a plan's part
NOT_A_PLAN_PART = {key for key in ENTRIES if key.startswith("sheets.")} | {"bulletin.growth", "bulletin.level"}


def _stripped(text: str) -> str:
    for word in NOT_A_SECTION:
        text = text.replace(word, "")
    return text


def test_no_message_calls_a_section_jie():
    stray = {key: zh for key, (zh, _) in ENTRIES.items() if "节" in _stripped(zh)}
    assert stray == {}


def test_section_is_bankuai_and_part_is_bufen_in_both_languages():
    section_en = re.compile(r"\bsections?\b", re.IGNORECASE)
    part_en = re.compile(r"\bparts?\b", re.IGNORECASE)
    mismatched = []
    for key, pair in ENTRIES.items():
        zh, en = (re.sub(r"\{[^}]*\}", "", text) for text in pair)  # a placeholder's name is no word shown
        if ("板块" in zh) != bool(section_en.search(en)):
            mismatched.append((key, zh, en))
        if key not in NOT_A_PLAN_PART and ("部分" in zh) != bool(part_en.search(en)):
            mismatched.append((key, zh, en))
    assert mismatched == []


def test_the_glossary_names_the_three_words():
    glossary = (REPO / "docs" / "glossary.md").read_text(encoding="utf-8")
    for zh, en in (("部分", "part"), ("板块", "section"), ("事项", "item")):
        assert f"| {en} | **{zh}** | **{en}** |" in glossary


def test_plan_check_and_status_say_bankuai(jsj):
    checked = jsj("plan", "check", REPO / "data" / "plan.yaml")
    assert checked.exit_code == 0 and re.search(r"板块\s+6", checked.stdout) and "节" not in checked.stdout
    missing = jsj("status", "--section", "9")
    assert missing.exit_code == 1 and missing.stderr.strip() == "jsj: 没有第 9 板块（共 6 个板块）"
    english = jsj("status", "--section", "9", "--lang", "en")
    assert english.stderr.strip() == "jsj: there is no section 9 (there are 6)"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_draft_counts_sections_in_the_glossary_word(jsj, tmp_path, lang):
    drafted = jsj(
        "plan",
        "draft",
        REPO / "tests" / "plans" / "county-commerce-2024.txt",
        "-o",
        tmp_path / "d.yaml",
        "--lang",
        lang,
    )
    assert drafted.exit_code == 0, drafted.output
    said = drafted.stdout + drafted.stderr
    if lang == "zh":
        assert "4 个部分、3 个板块、14 项事项" in said and "节" not in said
    else:
        assert "4 parts, 3 sections, 14 items" in said
