"""`jsj plan draft`: the draft of each plan's own text reproduces its structure, and invents nothing."""

import re
from pathlib import Path

import pytest

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.io.plan import Plan, check_plan, load_plan
from jinsanjiao_cli.plan_draft import draft_from_file, draft_plan, draft_yaml, split_units

REPO = Path(__file__).resolve().parent.parent
PLANS = {
    "bundled": (REPO / "data" / "source" / "plan-2021-shanxi-jsj.txt", REPO / "data" / "plan.yaml"),
    "second": (
        REPO / "tests" / "plans" / "county-commerce-2024.txt",
        REPO / "tests" / "plans" / "county-commerce-2024.yaml",
    ),
}


def structure(plan: Plan) -> dict:
    """What a draft must reproduce: the layout, every item's text and its responsible units."""
    return {
        "meta": (plan.plan.title, plan.plan.issuer, plan.plan.issued_on, plan.plan.period),
        "addressed": (plan.plan.recipients, plan.plan.copied_to, plan.plan.disclosure, plan.plan.preamble),
        "parts": [(p.no, p.numeral, p.title, p.text, p.counted) for p in plan.parts],
        "sections": [(s.no, s.numeral, s.title) for s in plan.sections],
        "items": [
            (t.no, t.part, t.section, t.kind, t.title, t.text, t.responsible_as_written, t.lead, t.support)
            for t in plan.tasks
        ],
        "units": [u.name for u in plan.units],
    }


def drafted(tmp_path: Path, source: Path) -> Path:
    _, text = draft_from_file(source)
    path = tmp_path / "draft.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("which", PLANS)
def test_the_draft_reproduces_the_encoded_plan(tmp_path, which):
    source, encoded = PLANS[which]
    report = check_plan(drafted(tmp_path, source))
    assert report.problems == (), "the draft passes plan check with its TODOs left empty"
    assert structure(report.plan) == structure(load_plan(encoded)[0])


@pytest.mark.parametrize("which", PLANS)
def test_the_draft_invents_nothing(tmp_path, which):
    source, _ = PLANS[which]
    text = drafted(tmp_path, source).read_text(encoding="utf-8")
    plan = check_plan(tmp_path / "draft.yaml").plan
    assert all(unit.full_name == unit.name and unit.level == "other" and not unit.aliases for unit in plan.units)
    assert not any(task.projects for task in plan.tasks) and plan.targets == []
    assert text.count("    full_name:  # TODO:") == len(plan.units)
    assert text.count("    projects: []  # TODO:") == len(plan.tasks)


def test_target_sentences_are_flagged_as_comments(tmp_path):
    text = drafted(tmp_path, PLANS["second"][0]).read_text(encoding="utf-8")
    comments = text[text.index("targets: []") :]
    assert "# TODO: sentences that state a target" in comments
    assert "#   parts[0]: 到2026年，全省县域商业体系基本健全" in comments
    bundled = drafted(tmp_path, PLANS["bundled"][0]).read_text(encoding="utf-8")
    assert "年均增速10%" in bundled[bundled.index("targets: []") :]


def test_a_docx_source_drafts_like_its_text(tmp_path):
    import docx

    source = PLANS["second"][0]
    document = docx.Document()
    for paragraph in source.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(paragraph)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    assert draft_from_file(path)[1].replace("plan.docx", "X") == draft_from_file(source)[1].replace(source.name, "X")


def test_a_gb18030_text_is_read(tmp_path):
    source = PLANS["second"][0]
    path = tmp_path / "plan.txt"
    path.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    assert draft_from_file(path)[1].replace("plan.txt", "X") == draft_from_file(source)[1].replace(source.name, "X")


# ---------------------------------------------------------------- unit lists


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            "省发展改革委、省商务厅,运城市、临汾市人民政府",
            ["省发展改革委", "省商务厅", "运城市人民政府", "临汾市人民政府"],
        ),
        ("临汾、运城市发展改革委,省直有关部门", ["临汾市发展改革委", "运城市发展改革委", "省直有关部门"]),
        ("省商务厅、省供销社\uff0c北原、南湖市人民政府", ["省商务厅", "省供销社", "北原市人民政府", "南湖市人民政府"]),
        ("省交通厅、铁路局、北原市人民政府", ["省交通厅", "铁路局", "北原市人民政府"]),
        ("甲县、乙县人民政府\uff1b省财政厅", ["甲县人民政府", "乙县人民政府", "省财政厅"]),
        ("省发展改革委、 省商务厅、", ["省发展改革委", "省商务厅"]),
        ("省工信厅", ["省工信厅"]),
    ],
)
def test_split_units(written, expected):
    assert split_units(written) == expected


# ---------------------------------------------------------------- layouts the text leaves open

MINIMAL = [
    "各有关单位:",
    "一、重点任务",
    "1.做第一件事。具体内容。(牵头单位:省商务厅;配合单位:省财政厅)",
    "2.做第二件事",
    "(一)某节",
    "本节说明文字。",
    "3.做第三件事。内容。(责任单位:省商务厅)",
]


def test_what_the_text_leaves_open_becomes_a_todo():
    text = draft_yaml(draft_plan(MINIMAL, "minimal.txt"))
    assert "  title:  # TODO: the plan's title" in text
    assert "  issued_on:  # TODO: the signature date" in text
    assert "    start:  # TODO: when the tasks start" in text
    assert "lead: []  # TODO: the item gives its units in another form than (责任单位:…)" in text
    assert "lead: []  # TODO: the text names no 责任单位 for this item" in text
    assert (
        "# TODO: text under a section heading before its first item; place it or drop it:\n#   本节说明文字。" in text
    )
    item_2 = text[text.index('  - "no": 2') :]
    assert 'title: 做第二件事\n    text: ""' in item_2


def test_a_text_without_a_cover_letter_takes_its_first_line_as_title():
    draft = draft_plan(
        [
            "某某市数字经济发展工作方案",
            "为加快发展数字经济,制定本方案。",
            "一、重点任务",
            "1.建设平台。内容。",
            "某某市人民政府",
            "2024年5月6日",
        ],
        "x.txt",
    )
    assert (draft.meta.title, draft.meta.preamble) == ("某某市数字经济发展工作方案", "为加快发展数字经济,制定本方案。")
    assert (draft.meta.issuer, str(draft.meta.issued_on)) == ("某某市人民政府", "2024-05-06")
    assert [item.text for item in draft.items] == ["内容。"], "the signature after the body is not item text"


def test_a_text_without_parts_is_refused():
    with pytest.raises(PlanError, match=r"no\.txt: .*一、"):
        draft_plan(["只是一段文字。"], "no.txt")


@pytest.mark.parametrize("name", ["plan.pdf", "plan.docx"])
def test_unreadable_sources_are_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7 not a plan")
    with pytest.raises(PlanError, match=re.escape(name)):
        draft_from_file(path)


# ---------------------------------------------------------------- jsj plan draft


def test_plan_draft_writes_stdout_or_a_file(jsj, tmp_path):
    source = PLANS["second"][0]
    printed = jsj("plan", "draft", source)
    assert printed.exit_code == 0 and printed.stdout == draft_from_file(source)[1]
    out = tmp_path / "plan.yaml"
    written = jsj("plan", "draft", source, "-o", out, "--lang", "en")
    assert written.exit_code == 0, written.stderr
    assert written.stdout.startswith(f"drafted {out}: 4 parts, 3 sections, 14 items, 10 units;")
    assert out.read_text(encoding="utf-8") == printed.stdout
    assert jsj("plan", "check", out).exit_code == 0


def test_plan_draft_does_not_overwrite_without_force(jsj, tmp_path):
    out = tmp_path / "plan.yaml"
    out.write_text("mine", encoding="utf-8")
    refused = jsj("plan", "draft", PLANS["second"][0], "-o", out)
    assert refused.exit_code == 1 and refused.stderr == f"jsj: {out} 已存在；如要替换请加 --force\n"
    assert out.read_text(encoding="utf-8") == "mine"
    assert jsj("plan", "draft", PLANS["second"][0], "-o", out, "--force").exit_code == 0
