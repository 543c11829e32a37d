"""Check data/plan.yaml against the source text it encodes, data/source/plan-2021-shanxi-jsj.txt.

The YAML is read with yaml.safe_load only (no jinsanjiao_cli import): these tests pin the data, not the
loader. Every structural fact (parts, sections, items, responsible units) is re-parsed here from the source
text independently, so a dropped unit, a misspelt name or a task filed under the wrong section fails.
"""

import datetime as dt
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).parent.parent / "data"
PLAN_FILE = DATA / "plan.yaml"
SOURCE_FILE = DATA / "source" / "plan-2021-shanxi-jsj.txt"

SOURCE = SOURCE_FILE.read_text(encoding="utf-8")
LINES = SOURCE.splitlines()

CITY_GOVS = ["运城市人民政府", "临汾市人民政府"]
KEY_TASKS = range(1, 17)
SAFEGUARDS = range(17, 20)
PROJECT_KINDS = {
    "park",
    "platform",
    "bridge",
    "road",
    "railway",
    "airport",
    "pipeline",
    "gas_storage",
    "gas_network",
    "telecom",
    "expo",
    "sub_region",
    "pilot_zone",
    "industrial_chain",
    "city_cooperation",
    "ecological_program",
    "water_project",
    "circular_economy",
    "innovation_platform",
    "other",
}
UNIT_LEVELS = {"province", "city", "enterprise"}

PART_RE = re.compile(r"([一二三四五六七八九十]+)、(.+)")
SECTION_RE = re.compile(r"(\([一二三四五六七八九十]+\))(.+)")
ITEM_RE = re.compile(r"(\d+)\.(.+?)。(.*?)(?:\(责任单位:([^()]*)\))?")


@cache
def plan() -> dict:
    return yaml.safe_load(PLAN_FILE.read_text(encoding="utf-8"))


def tasks() -> dict[int, dict]:
    return {t["no"]: t for t in plan()["tasks"]}


def units() -> dict[str, dict]:
    return {u["name"]: u for u in plan()["units"]}


@cache
def source_structure() -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[int, dict]]:
    """Parts, sections and numbered items as the source lays them out, items tagged with part/section no."""
    parts, sections, items = [], [], {}
    for line in LINES:
        if m := PART_RE.fullmatch(line):
            parts.append((m[1], m[2]))
            section = None
        elif m := SECTION_RE.fullmatch(line):
            sections.append((m[1], m[2]))
            section = len(sections)
        elif m := ITEM_RE.fullmatch(line):
            items[int(m[1])] = {
                "line": line,
                "part": len(parts),
                "section": section,
                "title": m[2],
                "text": m[3],
                "responsible": m[4],
            }
    return parts, sections, items


def split_units(raw: str) -> list[str]:
    """Split a list such as "省发展改革委、省商务厅,运城市、临汾市人民政府" into unit names.

    A bare city ("运城市", "临汾") before a city-level unit ("临汾市人民政府") shares that unit's suffix.
    """
    names = []
    for group in re.split(r"[,,]", raw):
        tokens = [t.strip() for t in group.split("、")]
        shared = re.fullmatch(r"([^省市]{2}市)(.+)", tokens[-1])
        for token in tokens[:-1]:
            bare = re.fullmatch(r"([^省市]{2})市?", token)
            names.append(f"{bare[1]}市{shared[2]}" if bare and shared else token)
        names.append(tokens[-1])
    return names


def task_haystack(task: dict) -> str:
    return f"{task['title']}。{task['text']}"


# ---------------------------------------------------------------- sanity of the helpers themselves


def test_split_units_expands_shared_city_suffix():
    assert split_units("省发展改革委、省商务厅,运城市、临汾市人民政府") == [
        "省发展改革委",
        "省商务厅",
        "运城市人民政府",
        "临汾市人民政府",
    ]
    assert split_units("临汾、运城市发展改革委,省直有关部门") == [
        "临汾市发展改革委",
        "运城市发展改革委",
        "省直有关部门",
    ]
    assert split_units("省工信厅、省卫健委") == ["省工信厅", "省卫健委"]


def test_source_parses_into_3_parts_6_sections_19_items():
    parts, sections, items = source_structure()
    assert len(parts) == 3
    assert len(sections) == 6
    assert sorted(items) == list(range(1, 20))


# ---------------------------------------------------------------- the file as YAML


def test_every_mapping_key_is_a_string():
    """YAML 1.1 reads a bare `no:` key as the boolean false; keys must come back as strings."""

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                assert isinstance(key, str), f"{where}: key {key!r} is not a string (quote it)"
                walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}[{i}]")

    walk(plan(), "plan.yaml")


def test_top_level_keys():
    assert plan()["format"] == 1
    assert set(plan()) == {"format", "plan", "parts", "sections", "units", "tasks", "targets", "settings"}


# ---------------------------------------------------------------- metadata


def test_metadata():
    meta = plan()["plan"]
    assert f"\n{meta['title']}\n" in SOURCE
    assert f"《{meta['title']}》" in SOURCE
    assert meta["issuer"] == "山西省发展和改革委员会"
    assert f"\n{meta['issuer']}\n2021年12月19日\n" in SOURCE
    assert meta["issued_on"] == dt.date(2021, 12, 19)
    assert f"(此文{meta['disclosure']})" in SOURCE
    assert meta["preamble"] in LINES
    assert meta["preamble"].startswith("为深入贯彻落实") and meta["preamble"].endswith("制定本工作计划。")


def test_period_runs_from_issue_to_end_of_target_year():
    meta = plan()["plan"]
    assert meta["period"]["start"] == meta["issued_on"]
    assert meta["period"]["end"] == dt.date(2023, 12, 31)
    assert "到2023年" in plan()["parts"][0]["text"]


def test_recipients_and_copies_match_source():
    meta = plan()["plan"]
    first = LINES[0]
    assert first.endswith(":")
    assert meta["recipients"] == split_units(first[:-1])
    (copied,) = [line for line in LINES if line.startswith("抄送:")]
    assert meta["copied_to"] == split_units(copied.removeprefix("抄送:").rstrip("。"))


# ---------------------------------------------------------------- parts and sections


def test_parts_match_source():
    parts, _, _ = source_structure()
    got = plan()["parts"]
    assert [p["no"] for p in got] == [1, 2, 3]
    assert [(p["numeral"], p["title"]) for p in got] == parts
    first = got[0]
    assert first["title"] == "主要目标"
    assert LINES[LINES.index("一、主要目标") + 1] == first["text"]


def test_sections_match_source():
    _, sections, _ = source_structure()
    got = plan()["sections"]
    assert [s["no"] for s in got] == [1, 2, 3, 4, 5, 6]
    assert [(s["numeral"], s["title"]) for s in got] == sections
    assert "(一)积极承接产业转移" in LINES
    assert got[0]["numeral"] + got[0]["title"] == "(一)积极承接产业转移"


# ---------------------------------------------------------------- tasks


def test_tasks_numbered_1_to_19_and_only_the_safeguard_part_is_not_counted():
    got = plan()["tasks"]
    assert [t["no"] for t in got] == list(range(1, 20))
    counted = {p["no"]: p.get("counted", True) for p in plan()["parts"]}
    assert counted == {1: True, 2: True, 3: False}
    assert plan()["parts"][2]["title"] == "保障措施"
    for t in got:
        assert "kind" not in t, "kind follows from the part's counted flag"
        if t["no"] in KEY_TASKS:
            assert t["section"] in range(1, 7)
            assert t["part"] == 2
        else:
            assert t["section"] is None
            assert t["part"] == 3
    assert {t["section"] for t in got if t["no"] in KEY_TASKS} == set(range(1, 7))


@pytest.mark.parametrize("no", range(1, 20))
def test_task_sits_in_the_part_and_section_the_source_gives(no):
    _, _, items = source_structure()
    task = tasks()[no]
    assert (task["part"], task["section"]) == (items[no]["part"], items[no]["section"])


@pytest.mark.parametrize("no", range(1, 20))
def test_task_title_and_text_are_verbatim(no):
    _, _, items = source_structure()
    task = tasks()[no]
    assert task["title"] and task["text"]
    assert task["title"] in SOURCE
    assert task["text"] in SOURCE
    assert "。" not in task["title"]
    assert "(责任单位:" not in task["text"]
    line = f"{no}.{task['title']}。{task['text']}"
    assert line in SOURCE
    if task["responsible_as_written"] is not None:
        line += f"(责任单位:{task['responsible_as_written']})"
    assert line == items[no]["line"], "title+text(+责任单位) must rebuild the whole source line"


@pytest.mark.parametrize("no", KEY_TASKS)
def test_key_task_units_are_the_source_responsible_list(no):
    _, _, items = source_structure()
    task = tasks()[no]
    raw = items[no]["responsible"]
    assert raw, f"item {no} has no (责任单位:…) in the source"
    assert task["responsible_as_written"] == raw
    expected = split_units(raw)
    assert task["lead"] == expected[:1], "the first unit listed is the lead"
    assert task["support"] == expected[1:]
    for name in CITY_GOVS:
        assert name in task["lead"] + task["support"]


def test_safeguard_units():
    _, _, items = source_structure()
    for no in SAFEGUARDS:
        assert items[no]["responsible"] is None
        assert tasks()[no]["responsible_as_written"] is None
        assert tasks()[no]["support"] == []
        assert tasks()[no]["projects"] == []
    subject = re.match(r"(.+?)是.+?的责任主体", tasks()[17]["text"])
    assert subject, "item 17 names its 责任主体"
    assert tasks()[17]["lead"] == split_units(subject[1]) == CITY_GOVS
    assert tasks()[18]["lead"] == []
    assert tasks()[19]["lead"] == []


# ---------------------------------------------------------------- units


def test_units_are_exactly_those_referenced():
    referenced = [name for t in plan()["tasks"] for name in t["lead"] + t["support"]]
    assert set(referenced) == set(units())


def test_15_distinct_units_in_items_1_to_16_of_the_source():
    _, _, items = source_structure()
    from_source = {name for no in KEY_TASKS for name in split_units(items[no]["responsible"])}
    assert len(from_source) == 15
    assert from_source == set(units())
    assert len(plan()["units"]) == 15


def test_unit_fields():
    for unit in plan()["units"]:
        assert unit["name"] in SOURCE, unit["name"]
        assert unit["full_name"], unit["name"]
        assert unit["level"] in UNIT_LEVELS, unit["name"]
        assert isinstance(unit["aliases"], list), unit["name"]
    assert units()["省发展改革委"]["full_name"] == "山西省发展和改革委员会"
    for name in CITY_GOVS:
        assert units()[name]["level"] == "city"
        city = name.removesuffix("人民政府")
        assert {city, city.removesuffix("市"), f"{city}政府"} <= set(units()[name]["aliases"])


def test_unit_names_and_aliases_do_not_clash():
    names = [u["name"] for u in plan()["units"]]
    assert len(names) == len(set(names))
    full_names = {u["name"]: u["full_name"] for u in plan()["units"]}
    owner: dict[str, str] = {}
    for unit in plan()["units"]:
        assert len(unit["aliases"]) == len(set(unit["aliases"])), unit["name"]
        for alias in unit["aliases"]:
            assert alias != unit["name"], f"{unit['name']}: alias repeats the name"
            others = {n for n in names if n != unit["name"]}
            others |= {f for n, f in full_names.items() if n != unit["name"]}
            assert alias not in others, f"alias {alias!r} of {unit['name']} is another unit's name"
            assert owner.setdefault(alias, unit["name"]) == unit["name"], f"alias {alias!r} given twice"


# ---------------------------------------------------------------- projects


@pytest.mark.parametrize("no", range(1, 20))
def test_projects_are_traceable(no):
    task = tasks()[no]
    haystack = task_haystack(task)
    names = [p["name"] for p in task["projects"]]
    assert len(names) == len(set(names)), "project names repeat within the task"
    for project in task["projects"]:
        assert set(project) == {"name", "written", "kind", "action"}, project
        written = project["written"]
        if written is None:
            assert project["name"] in haystack, f"{project['name']!r} is not verbatim in item {no}"
        else:
            assert written in haystack, f"{written!r} is not verbatim in item {no}"
            assert written != project["name"], "written is only for names that are not verbatim"
        assert project["kind"] in PROJECT_KINDS, project
        action = project["action"]
        assert action and action.strip(), project
        for fragment in filter(None, action.split("…")):
            assert fragment in haystack, f"action fragment {fragment!r} is not in item {no}"


# Words that mark a named project, platform, event or chain. Each occurrence in items 1-16 must fall
# within some project's name/written, or within one of the generic phrases listed for that item below.
MARKERS = re.compile(
    r"大桥|机场|铁路|高速|管道|储气|加气站|5G|博览会|洽谈会|推进会|旅游节|工程|产业园|工业园|基地|"
    r"示范区|示范带|产业链|—|城市群|智创城|集聚区|孵化器|行动|“[^”]+”"
)
NOT_NAMED = {
    1: ["产业园区"],
    3: ["产业链关键环节", "产业链条", "产业链全景图", "产业链稳定性", "“链长制”", "“链主”"],
    4: ["“放管服效”", "“全程网办”", "“菜单”"],
    5: ["示范区自身优势", "示范区这一金字招牌"],
    9: ["铁路多式联运", "5G工业互联网"],
    # 吉县—延长、: the same pipeline as 吉县—延长长输管道, which the item names again later
    10: ["高速公路服务区", "吉县—延长、"],
    12: ["等资源循环利用产业链"],  # the tail of the 煤炭—焦油深加工—精细化产品—碳材料 chain
    14: ["科技孵化器"],
    15: ["示范区大企业", "“平台+数据+应用+服务”"],
    16: ["“两高”", "能耗双控行动方案"],
}


def _spans(haystack: str, needles: list[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for needle in needles for m in re.finditer(re.escape(needle), haystack) if needle]


@pytest.mark.parametrize("no", KEY_TASKS)
def test_every_named_thing_in_the_item_is_a_project(no):
    task = tasks()[no]
    haystack = task_haystack(task)
    named = [p["written"] or p["name"] for p in task["projects"]] + [p["name"] for p in task["projects"]]
    covered = _spans(haystack, named) + _spans(haystack, NOT_NAMED.get(no, []))
    for marker in MARKERS.finditer(haystack):
        start, end = marker.span()
        assert any(s < end and start < e for s, e in covered), (
            f"item {no}: {marker[0]!r} at …{haystack[max(0, start - 8) : end + 8]}… is in no project"
        )


def test_not_named_phrases_occur():
    for no, phrases in NOT_NAMED.items():
        for phrase in phrases:
            assert phrase in task_haystack(tasks()[no]), (no, phrase)


def test_some_known_projects():
    by_task = {no: {p["name"]: p for p in t["projects"]} for no, t in tasks().items()}
    assert by_task[9]["临猗黄河大桥及引线"]["kind"] == "bridge"
    assert by_task[9]["运三铁路"]["written"] == "运三、韩河侯晋铁路"
    assert by_task[9]["芮城通用机场"]["kind"] == "airport"
    assert {"双十工程", "四大保护行动"} <= set(by_task[11])
    assert {"智创城", "双创基地孵化器", "创新生态集聚区"} <= set(by_task[14])
    assert {"太原", "晋中", "西安", "郑州"} <= set(by_task[6])
    assert all(p["kind"] == "expo" for p in by_task[5].values()) and len(by_task[5]) == 4


# ---------------------------------------------------------------- targets and settings


def test_gdp_target():
    (target,) = plan()["targets"]
    goal = plan()["parts"][0]["text"]
    assert target["key"] == "gdp_growth"
    assert target["measure"] == "real_growth"
    assert target["annual_growth"] == 10
    assert target["target_year"] == 2023
    assert target["text"] in goal
    assert f"年均增速{target['annual_growth']}%" in target["text"]
    assert goal.startswith(f"到{target['target_year']}年")
    assert [s["name"] for s in target["scopes"]] == ["运城市", "临汾市"]
    assert target["zone"]["name"] in SOURCE
    scope_aliases = [a for s in target["scopes"] for a in s["aliases"]] + target["zone"]["aliases"]
    assert len(scope_aliases) == len(set(scope_aliases))


def test_settings():
    settings = plan()["settings"]
    assert settings["base_year"] == 2020 < plan()["targets"][0]["target_year"]
    assert 0 <= settings["lights"]["yellow_behind"] <= settings["lights"]["red_behind"]
    assert settings["role_weights"] == {"lead": 1, "support": 1}
    assert settings["reporting"] == {"frequency": "monthly", "due_day": 25}
    assert settings["assessment"] == {"weights": {"progress": 0.60, "reporting": 0.25, "problems": 0.15}}
