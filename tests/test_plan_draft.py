"""`jsj plan draft`: drafts reproduce each plan's structure and units, read the forms offices publish (the
corpus in tests/drafting/), invent nothing, and leave every open question as a TODO at its place."""

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path

import pytest

from jinsanjiao_cli.core.errors import PlanError
from jinsanjiao_cli.plans.drafting import draft_from_file, draft_plan, draft_yaml, split_units
from jinsanjiao_cli.plans.drafting.structure import cn_number
from jinsanjiao_cli.plans.drafting.tables import deadline
from jinsanjiao_cli.plans.plan import Plan, check_plan, load_plan

REPO = Path(__file__).resolve().parent.parent
PLANS = {
    "bundled": (REPO / "data" / "source" / "plan-2021-shanxi-jsj.txt", REPO / "data" / "plan.yaml"),
    "second": (
        REPO / "tests" / "plans" / "county-commerce-2024.txt",
        REPO / "tests" / "plans" / "county-commerce-2024.yaml",
    ),
}


def _corpus_module():
    spec = importlib.util.spec_from_file_location("draft_corpus", REPO / "benchmarks" / "draft_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CORPUS = _corpus_module()


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
    path = tmp_path / "draft.yaml"
    path.write_text(draft_from_file(source).yaml, encoding="utf-8")
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
    assert draft_from_file(path).yaml.replace("plan.docx", "X") == draft_from_file(source).yaml.replace(
        source.name, "X"
    )


def test_a_gb18030_text_is_read(tmp_path):
    source = PLANS["second"][0]
    path = tmp_path / "plan.txt"
    path.write_bytes(source.read_text(encoding="utf-8").encode("gb18030"))
    assert draft_from_file(path).yaml.replace("plan.txt", "X") == draft_from_file(source).yaml.replace(source.name, "X")


# ---------------------------------------------------------------- the corpus of published forms

SHEETS = (".xlsx", ".csv")


def test_the_corpus_covers_every_form():
    names = [source.name for source, _ in CORPUS.cases()]
    assert len(names) >= 15
    assert {Path(name).suffix for name in names} == {".txt", ".docx", ".xlsx", ".csv"}
    assert all(expected.exists() for _, expected in CORPUS.cases())


@pytest.mark.parametrize(("source", "expected"), CORPUS.cases(), ids=lambda p: p.stem)
def test_the_corpus_drafts_as_a_careful_reader_writes(source, expected):
    """Item by item: numbers, parts, sections, titles, texts, counted flags, leads, supports, deadlines."""
    draft = draft_from_file(source).draft
    plan = load_plan(expected)[0]
    items = [(i.no, i.part, i.section, i.title, i.text, i.counted, i.lead, i.support, i.deadline) for i in draft.items]
    assert items == [
        (t.no, t.part, t.section, t.title, t.text, t.counted, t.lead, t.support, t.period and t.period.end)
        for t in plan.tasks
    ]
    with_items = {task.part for task in plan.tasks}
    assert [(p.no, p.numeral, p.title, "\n".join(p.text) or None, p.counted) for p in draft.parts] == [
        (p.no, p.numeral, p.title, p.text, p.counted if p.no in with_items else None) for p in plan.parts
    ]
    assert [(s.no, s.numeral, s.title) for s in draft.sections] == [(s.no, s.numeral, s.title) for s in plan.sections]
    assert draft.units == [unit.name for unit in plan.units]


@pytest.mark.parametrize(("source", "expected"), CORPUS.cases(), ids=lambda p: p.stem)
def test_the_corpus_front_matter(source, expected):
    """Title (over two lines, with 《》 inside), letterhead, addressees, issuer, date, 抄送, horizon."""
    meta, plan = draft_from_file(source).draft.meta, load_plan(expected)[0].plan
    assert (meta.title, meta.end) == (plan.title, plan.period.end)
    if source.suffix not in SHEETS:  # a sheet names no issuer or date: the reader takes them from its notice
        drafted_meta = (meta.issuer, meta.issued_on, meta.recipients, meta.copied_to, meta.disclosure, meta.preamble)
        assert drafted_meta == (
            plan.issuer,
            plan.issued_on,
            plan.recipients,
            plan.copied_to,
            plan.disclosure,
            plan.preamble,
        )


# A task table (a sheet) gives no issuer or date, so its draft keeps those TODOs: only texts pass as drafted.
@pytest.mark.parametrize(
    ("source", "expected"), [case for case in CORPUS.cases() if case[0].suffix not in SHEETS], ids=lambda p: p.stem
)
def test_a_corpus_text_drafts_a_plan_that_passes_check(tmp_path, source, expected):
    assert check_plan(drafted(tmp_path, source)).problems == ()


def test_the_corpus_figures_are_all_right(capsys):
    """The README states these figures; benchmarks/draft_corpus.py prints them."""
    assert CORPUS.main() == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert re.fullmatch(
        r"corpus: 23 sources; items (\d+)/\1 \(100\.0%\); units (\d+)/\2 \(100\.0%\), 0 wrong; "
        r"assignments (\d+)/\3 \(100\.0%\), 0 wrong, 0 left as TODO",
        last,
    ), last
    items, units, assignments = re.findall(r"(\d+)/\1", last)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{items}/{items} items, {units}/{units} units and {assignments}/{assignments} lead/support" in readme


def test_the_corpus_target_candidates():
    draft = draft_from_file(REPO / "tests" / "drafting" / "17-targets.txt").draft
    assert draft.target_candidates == [
        ("tasks[0]", "地区生产总值增长6.2%左右。"),
        ("tasks[1]", "规模以上工业增加值增长7%以上。"),
        ("tasks[2]", "城乡居民人均可支配收入年均增长6.5%，与经济增长基本同步。"),
        ("tasks[3]", "全年引进博士不少于100名。"),
        ("tasks[4]", "工程建设项目全流程审批时间缩短至100个工作日内。"),
        ("tasks[5]", "新增国家级专精特新“小巨人”企业达到15家，高新技术企业数量突破600家，力争新增上市企业2家。"),
    ], "a date (2024年12月底前) or a document number (〔2024〕3号) is no target"


# ---------------------------------------------------------------- unit lists and numbers


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
        ("市发展改革委、市商务局，各县（市、区）人民政府", ["市发展改革委", "市商务局", "各县（市、区）人民政府"]),
        ("市财政局，各区、县级市", ["市财政局", "各区、县级市"]),
        ("各市、县人民政府，省直各委、办、厅、局", ["各市、县人民政府", "省直各委、办、厅、局"]),
        ("市级各有关部门及各县市区政府", ["市级各有关部门", "各县市区政府"]),
        (
            "省商务厅、省供销社等省有关部门和各市（区）人民政府",
            ["省商务厅", "省供销社", "省有关部门", "各市（区）人民政府"],
        ),
        ("市商务局、市财政局等", ["市商务局", "市财政局"]),
        ("省文化和旅游厅、各高等院校", ["省文化和旅游厅", "各高等院校"]),
    ],
)
def test_split_units(written, expected):
    assert split_units(written) == expected


@pytest.mark.parametrize(
    ("clause", "lead", "support"),
    [
        (
            "（责任单位：市发展改革委、市商务局，各县（市、区）人民政府）",
            ["市发展改革委"],
            ["市商务局", "各县（市、区）人民政府"],
        ),
        ("（牵头单位：市工信局；配合单位：市财政局、市税务局）", ["市工信局"], ["市财政局", "市税务局"]),
        ("（牵头单位：市财政局，配合单位：市商务局，各区、县级市）", ["市财政局"], ["市商务局", "各区、县级市"]),
        ("（市生态环境局牵头，市住建局、市城管局参与）", ["市生态环境局"], ["市住建局", "市城管局"]),
        ("（市商务局牵头，市财政局配合）", ["市商务局"], ["市财政局"]),
        ("（市商务局、市财政局按职责分工负责）", ["市商务局"], ["市财政局"]),
        ("（市教育局指导）", ["市教育局"], []),
        ("（市商务局、市财政局分别负责）", ["市商务局", "市财政局"], []),  # each for its own share: both lead
        ("（市商务局牵头，北原市、南湖市分别负责）", ["市商务局"], ["北原市", "南湖市"]),
        ("（市商务局、市财政局负责，排在第一位的部门为牵头部门，下同）", ["市商务局"], ["市财政局"]),
        ("（市商务局、市财政局负责。列第一位者为牵头单位）", ["市商务局"], ["市财政局"]),
        ("（负责部门：市教育局、市体育局；适用范围：全市中小学）", ["市教育局"], ["市体育局"]),
        ("〔责任单位：市商务局、南湖海关〕", ["市商务局"], ["南湖海关"]),
        ("【牵头单位：市商务局】", ["市商务局"], []),
        (
            "（市政府办公室牵头，市级各有关部门及各县市区政府按职责分工负责）",
            ["市政府办公室"],
            ["市级各有关部门", "各县市区政府"],
        ),
        ("（市商务局、市财政局，各区人民政府负责）", ["市商务局"], ["市财政局", "各区人民政府"]),
        ("（责任单位：市发展改革委（牵头）、市财政局）", ["市发展改革委"], ["市财政局"]),
        ("（责任单位：市商务局牵头，市财政局参与）", ["市商务局"], ["市财政局"]),
        ("（市商务局等有关部门按职责分工负责）", ["市商务局"], []),
        ("(由市商务局牵头负责)", ["市商务局"], []),
        # A lead named within the list, or after it; 会同: the first leads, the others support.
        ("（责任单位：市财政局、市工信局，其中市工信局牵头）", ["市工信局"], ["市财政局"]),
        ("（市财政局、市工信局，其中市工信局为牵头单位）", ["市工信局"], ["市财政局"]),
        ("（市工信局为牵头单位，市财政局、市税务局配合）", ["市工信局"], ["市财政局", "市税务局"]),
        ("（由市工信局作为牵头部门，市财政局参与）", ["市工信局"], ["市财政局"]),
        ("（市发展改革委会同市财政局负责）", ["市发展改革委"], ["市财政局"]),
        # The first-listed rule after a list without 负责.
        ("（市商务局、市财政局。列第一位者为牵头单位）", ["市商务局"], ["市财政局"]),
        ("（市商务局、市财政局，列第一位者为牵头单位）", ["市商务局"], ["市财政局"]),
        ("（市商务局、市财政局。排名第一的为牵头单位）", ["市商务局"], ["市财政局"]),
        (
            "（市商务局、市财政局，各县（市、区）人民政府。列第一位者为牵头单位）",
            ["市商务局"],
            ["市财政局", "各县（市、区）人民政府"],
        ),
    ],
)
def test_responsibility_clauses(clause, lead, support):
    item = draft_plan(["一、任务", f"1.做某事。具体内容{clause}。"]).items[0]
    assert (item.lead, item.support, item.text) == (lead, support, "具体内容。")


def test_units_on_lines_of_their_own():
    lines = [
        "牵头领导：分管副市长",
        "牵头单位：市发展改革委",
        "责任单位：市财政局，各区人民政府",
        "完成时限：2024年底前",
    ]
    item = draft_plan(["一、任务", "1.做某事。", *lines, "2.再做一事。", "主要责任单位：市商务局、市财政局"]).items
    assert [(i.lead, i.support, i.deadline_written) for i in item] == [
        (["市发展改革委"], ["市财政局", "各区人民政府"], "2024年底前"),
        (["市商务局"], ["市财政局"], None),
    ]


@pytest.mark.parametrize(("numeral", "number"), [("一", 1), ("十", 10), ("十一", 11), ("二十", 20), ("五十三", 53)])
def test_chinese_numerals(numeral, number):
    assert cn_number(numeral) == number


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("2024年6月底前", dt.date(2024, 6, 30)),
        ("2024年12月31日前", dt.date(2024, 12, 31)),
        ("2024年底", dt.date(2024, 12, 31)),
        ("2024年第三季度", dt.date(2024, 9, 30)),
        ("2024年上半年", dt.date(2024, 6, 30)),
        ("2024—2025年", dt.date(2025, 12, 31)),
        ("2024-08-31", dt.date(2024, 8, 31)),
        ("2024年2月底前", dt.date(2024, 2, 29)),
        ("长期坚持", None),
        ("2024年起持续推进", None),
        ("2024年2月30日", None),
    ],
)
def test_deadlines(written, day):
    assert deadline(written) == day


# ---------------------------------------------------------------- never a silent gap


def lead_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.startswith("    lead:")]


def test_what_the_text_leaves_open_becomes_a_todo_at_its_item():
    text = draft_yaml(
        draft_plan(
            [
                "一、重点任务",
                "1.甲事项。内容。（市商务局牵头，视情推进）",
                "2.乙事项。内容。（市财政局、市税务局配合）",
                "3.丙事项。内容。（市商务局、市财政局）",
                "4.丁事项。由市商务局牵头推进。",
                "5.戊事项。内容。",
                "6.己事项。内容。（市商务局、市财政局负责，排名不分先后）",
            ],
            "open.txt",
        )
    )
    assert lead_lines(text) == [
        "lead: []  # TODO: fill in lead and support: the clause “市商务局牵头，视情推进” could not be read",
        "lead: []  # TODO: fill in lead: “市财政局、市税务局配合” names only supporting units",
        "lead: []  # TODO: fill in lead and support: “市商务局、市财政局” names the units (listed under units:), "
        "not who leads",
        "lead: []  # TODO: fill in lead and support: the units may be in “由市商务局牵头推进”",
        "lead: []  # TODO: fill in lead (and support): the text names no responsible unit here",
        "lead: []  # TODO: fill in lead and support: “市商务局、市财政局负责，排名不分先后” "
        "does not say which unit leads",
    ]
    assert "（市商务局牵头，视情推进）" in text, "a clause not read whole stays in the item's text"
    assert "  title:  # TODO: the plan's title" in text
    assert "  issued_on:  # TODO: the signature date" in text
    assert "    start:  # TODO: when the tasks start" in text


@pytest.mark.parametrize(
    "clause",
    [
        "（责任单位：市财政局、市工信局，其中由市工信局统筹推进）",
        "（市财政局、市工信局，其中市工信局负责牵头抓总）",
        "（市财政局、市工信局，由市工信局牵头统筹）",
    ],
)
def test_a_connective_word_is_never_taken_for_a_unit(clause):
    """A clause the drafter cannot read with certainty assigns nothing: its units are listed, a TODO quotes it."""
    item = draft_plan(["一、任务", f"1.做某事。{clause}"]).items[0]
    assert (item.lead, item.support, item.open_reason) == ([], [], "unread")
    assert set(item.named) <= {"市财政局", "市工信局"}, "no unit made of a connective word"


def test_a_rule_stated_once_reads_the_brackets_that_only_list_units():
    lines = [
        "某县重点工作安排",
        "一、任务",
        "1.甲事项。（县商务局、县财政局）",  # before the note: not read by it
        "（列第一位者为牵头单位，下同）",
        "2.乙事项。（县商务局、县财政局，各乡（镇）人民政府）",
        "二、保障",
        "注：排在第一位的为牵头单位。",
        "3.丙事项。（县水利局）",
    ]
    draft = draft_plan(lines)
    assert [(item.lead, item.support, item.open_reason) for item in draft.items] == [
        ([], [], "bare"),
        (["县商务局"], ["县财政局", "各乡（镇）人民政府"], None),
        (["县水利局"], [], None),
    ]
    assert [item.text for item in draft.items] == ["（县商务局、县财政局）", "", ""]
    assert [part.text for part in draft.parts] == [[], []], "a note is a rule, not prose of the part"
    # The units of a bare bracket are listed under units:, the lead left to a person.
    assert draft.units == ["县商务局", "县财政局", "各乡（镇）人民政府", "县水利局"]


def test_a_rule_in_a_clause_reads_bare_brackets_only_when_it_says_so_for_what_follows():
    said_once = [
        "一、任务",
        "1.甲事项。（县商务局、县财政局。列第一位者为牵头单位）",
        "2.乙事项。（县财政局、县商务局）",
    ]
    said_below = [*said_once[:1], said_once[1].replace("牵头单位）", "牵头单位，下同）"), said_once[2]]
    assert draft_plan(said_once).items[1].open_reason == "bare"
    assert draft_plan(said_below).items[1].lead == ["县财政局"]


@pytest.mark.parametrize(
    ("line", "title", "text"),
    [
        (
            "1.加快高速公路建设（省交通运输厅牵头，省财政厅配合），新开工项目10个以上，建成通车里程8000公里。",
            "加快高速公路建设",
            "新开工项目10个以上，建成通车里程8000公里。",
        ),
        ("1.推进老旧小区改造（责任单位：市住建局）。年内完成200个。", "推进老旧小区改造", "年内完成200个。"),
        ("1.推进管网更新。年内完成（责任单位：市住建局），并同步改造。", "推进管网更新", "年内完成，并同步改造。"),
        ("1.加快管网更新（牵头单位：市城管局）", "加快管网更新", ""),
    ],
)
def test_a_clause_within_the_first_sentence_ends_the_title(line, title, text):
    item = draft_plan(["一、任务", line]).items[0]
    assert (item.title, item.text) == (title, text)
    assert item.lead


def test_groups_and_lists_naming_some_units_only_are_left_to_a_person():
    text = draft_yaml(
        draft_plan(
            ["一、任务", "1.甲事项。（市大数据局牵头，市直有关部门配合）", "2.乙事项。（市发展改革委等部门负责）"]
        )
    )
    assert (
        "  - name: 市直有关部门  # TODO: a group, not a unit: name the units it means, here and in the tasks' "
        "lead/support\n"
    ) in text
    assert "  - name: 市大数据局\n" in text
    assert (
        "    support: []\n    # TODO: “市发展改革委等部门负责” names some of the units only (等): list the others "
        "in lead/support, and under units:\n"
    ) in text


def test_a_table_without_an_issue_date_gives_each_task_its_end():
    text = draft_from_file(REPO / "tests" / "drafting" / "23-task-table-no-date.csv").yaml
    assert (
        "    period: {start: null, end: 2022-06-30}  # TODO: start: the plan's start, as plan.period.start "
        "(the issue date); end: 完成时限 2022年6月底\n"
    ) in text
    assert "    # 完成时限 2023年底前: the plan's end, so the task runs over the plan's period\n" in text
    assert "  preamble:  # TODO" in text, "the note row above the header is the rule, not a preamble"


def test_a_guiding_unit_supports_the_one_responsible():
    draft = draft_plan(["一、任务", "1.甲事项。（各区人民政府负责，市教育局指导）", "2.乙事项。（市教育局指导）"])
    assert [(item.lead, item.support) for item in draft.items] == [
        (["各区人民政府"], ["市教育局"]),
        (["市教育局"], []),
    ]


def test_prose_under_a_section_heading_is_placed_by_a_person():
    text = draft_yaml(draft_plan(["一、重点任务", "（一）某节", "本节说明文字。", "1.做事。（责任单位：省商务厅）"]))
    assert (
        "# TODO: text under a section heading before its first item; place it or drop it:\n#   line 3: 本节说明文字。"
        in text
    )


def test_safeguards_and_deadlines_are_confirmed_by_a_person(tmp_path):
    text = draft_from_file(REPO / "tests" / "drafting" / "14-task-table.docx").yaml
    assert (
        "    period:  # TODO: 完成时限 “长期坚持” names no day to meet: give {start: …, end: …} or leave it empty"
        in text
    )
    assert "    period: {start: 2024-03-18, end: 2024-06-30}  # 完成时限: 2024年6月底前" in text
    text = draft_from_file(REPO / "tests" / "drafting" / "13-safeguards-goals.txt").yaml
    assert (
        '  - {"no": 3, numeral: 三, title: 组织实施, counted: false}  # TODO: confirm: 组织实施 reads as safeguards, '
        "so its items are drafted as not counted"
    ) in text
    assert '  - "no": 4  # written （一） in the text' in text


def test_a_counted_item_without_a_lead_fails_check_saying_what_to_fill_in(jsj, tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(
        "某市工作方案\n一、重点任务\n1.甲事项。到2025年完成。\n某市人民政府\n2024年5月6日\n", encoding="utf-8"
    )
    out = tmp_path / "plan.yaml"
    assert jsj("plan", "draft", source, "-o", out).exit_code == 0
    checked = jsj("plan", "check", out, "--lang", "en")
    assert checked.exit_code == 1
    assert checked.stderr.endswith(
        "tasks[0].lead: a counted item needs a lead unit: write it in lead (and list it under units), "
        "or mark the item's part counted: false\n"
    )


def test_checking_a_fresh_draft_says_what_is_missing_in_the_plan_words(jsj, tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("某市工作方案\n一、重点任务\n1.甲事项。（责任单位：市商务局）\n", encoding="utf-8")
    out = tmp_path / "plan.yaml"
    assert jsj("plan", "draft", source, "-o", out).exit_code == 0
    checked = jsj("plan", "check", out)
    assert checked.exit_code == 1
    assert checked.stderr.splitlines() == [
        f"{out}:7: plan.issuer: 缺少此项，须填写",
        f"{out}:8: plan.issued_on: 缺少日期：请写成 YYYY-MM-DD",
        f"{out}:13: plan.period.start: 缺少日期：请写成 YYYY-MM-DD",
        f"{out}:14: plan.period.end: 缺少日期：请写成 YYYY-MM-DD",
    ]
    out.write_text(out.read_text(encoding="utf-8").replace("  issued_on:", "  issued_on: true  #"), encoding="utf-8")
    assert f"{out}:8: plan.issued_on: 不是有效日期（值true）：请写成 YYYY-MM-DD" in jsj("plan", "check", out).stderr


def test_a_text_without_parts_has_one_part():
    draft = draft_plan(
        [
            "某某市数字经济发展工作方案",
            "为加快发展数字经济，制定本方案。",
            "1.建设平台。内容。",
            "某某市人民政府",
            "2024年5月6日",
        ]
    )
    assert [(p.numeral, p.title) for p in draft.parts] == [(None, "某某市数字经济发展工作方案")]
    assert (draft.meta.issuer, str(draft.meta.issued_on)) == ("某某市人民政府", "2024-05-06")
    assert [item.text for item in draft.items] == ["内容。"], "the signature after the body is not item text"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["某市推进数字经济发展", "三年行动方案", "为…，制定本方案。"], "某市推进数字经济发展三年行动方案"),
        (
            ["某市数字经济三年行动方案", "（2024—2026年）", "为…，制定本方案。"],
            "某市数字经济三年行动方案（2024—2026年）",
        ),
        (
            ["某市人民政府文件", "某政发〔2024〕3号", "某市数字经济发展方案", "为…，制定本方案。"],
            "某市数字经济发展方案",
        ),
    ],
)
def test_a_title_without_a_notice(lines, title):
    draft = draft_plan([*lines, "一、任务", "1.做事。（责任单位：市商务局）"])
    assert (draft.meta.title, draft.meta.preamble) == (title, "为…，制定本方案。")


def test_a_text_without_items_says_where_they_were_expected():
    with pytest.raises(PlanError) as raised:
        draft_plan(["某市工作方案", "一、总体要求", "坚持稳中求进。", "二、重点任务", "推进各项工作。"], "x.txt")
    assert str(raised.value) == (
        "x.txt：没有找到编号事项（如“1.”或“（一）”）：第 2、4 行的部分标题之下应有事项；未写出草稿"
    )
    with pytest.raises(PlanError) as raised:
        draft_plan(["只是一段文字。", "还有一段。"], "no.txt")
    assert str(raised.value) == "no.txt：没有找到编号事项（如“1.”或“（一）”）：第 1–2 行应有事项；未写出草稿"


@pytest.mark.parametrize("name", ["plan.pdf", "plan.docx"])
def test_unreadable_sources_are_one_line(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF-1.7 not a plan")
    with pytest.raises(PlanError, match=re.escape(name)):
        draft_from_file(path)


def test_a_sheet_without_a_task_header_is_refused(jsj, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("序号,名称\n1,甲\n", encoding="utf-8")
    refused = jsj("plan", "draft", path, "--lang", "en")
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"jsj: {path}: no task-table header in the first 30 rows (a 重点工作 or 主要任务 column is needed, "
        "and a 牵头单位, 责任单位 or 配合单位 column)\n"
    )


# ---------------------------------------------------------------- jsj plan draft


def test_plan_draft_writes_stdout_or_a_file(jsj, tmp_path):
    source = PLANS["second"][0]
    printed = jsj("plan", "draft", source, "--lang", "en")
    assert printed.exit_code == 0 and printed.stdout == draft_from_file(source).yaml
    assert printed.stderr.startswith("drafted: 4 parts, 3 sections, 14 items (11 counted), 10 units,")
    out = tmp_path / "plan.yaml"
    written = jsj("plan", "draft", source, "-o", out, "--lang", "en")
    assert written.exit_code == 0, written.stderr
    assert written.stdout == (
        f"drafted {out}: 4 parts, 3 sections, 14 items (11 counted), 10 units, 13 leads, 35 assignments, "
        "2 target candidates; 47 TODOs: not-counted parts 1, unit details 30, projects 14, targets 1, settings 1\n"
    )
    assert out.read_text(encoding="utf-8") == printed.stdout
    assert jsj("plan", "check", out).exit_code == 0


def test_plan_draft_summary_as_json(jsj, tmp_path):
    out = tmp_path / "plan.yaml"
    source = REPO / "tests" / "drafting" / "15-task-table.xlsx"
    result = jsj("plan", "draft", source, "-o", out, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "source": str(source),
        "output": str(out),
        "parts": 2,
        "sections": 0,
        "items": {"total": 4, "counted": 4, "not_counted": 0},
        "units": 9,
        "leads": 4,
        "assignments": 10,
        "counted_without_lead": 0,
        "target_candidates": 0,
        "todos": {
            "total": 38,
            "meta": 4,
            "counted": 0,
            "lead": 0,
            "clause": 0,
            "deadline": 2,
            "placement": 0,
            "unit": 27,
            "projects": 4,
            "targets": 0,
            "settings": 1,
        },
    }
    text = out.read_text(encoding="utf-8")
    assert text.count("# TODO:") == 38 + 1, "the 38 and the header's `# TODO:`"
    # No issue date: the deadline is the task's end, its start the plan's; one at the plan's end needs no period.
    assert (
        "    period: {start: null, end: 2024-08-31}  # TODO: start: the plan's start, as plan.period.start "
        "(the issue date); end: 完成时限 2024-08-31\n"
    ) in text
    assert "    # 完成时限 2024年底: the plan's end, so the task runs over the plan's period\n" in text


def test_plan_draft_json_needs_an_output_file(jsj):
    refused = jsj("plan", "draft", PLANS["second"][0], "--format", "json")
    assert refused.exit_code == 1
    assert refused.stderr == "jsj: --format json 需要 --output：草稿写入该文件，摘要输出到标准输出\n"
    assert refused.stdout == ""


def test_plan_draft_without_items_writes_nothing(jsj, tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text("某市工作方案\n\n一、总体要求\n坚持稳中求进。\n", encoding="utf-8")
    out = tmp_path / "plan.yaml"
    refused = jsj("plan", "draft", source, "-o", out, "--lang", "en")
    assert refused.exit_code == 1
    assert refused.stderr == (
        f"jsj: {source}: no numbered items (such as 1. or （一）) found: they were expected under the part "
        "headings on line 3; no draft was written\n"
    )
    assert not out.exists()


def test_plan_draft_does_not_overwrite_without_force(jsj, tmp_path):
    out = tmp_path / "plan.yaml"
    out.write_text("mine", encoding="utf-8")
    refused = jsj("plan", "draft", PLANS["second"][0], "-o", out)
    assert refused.exit_code == 1 and refused.stderr == f"jsj: {out} 已存在；如要替换请加 --force\n"
    assert out.read_text(encoding="utf-8") == "mine"
    assert jsj("plan", "draft", PLANS["second"][0], "-o", out, "--force").exit_code == 0
