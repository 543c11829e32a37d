"""`jsj bulletin`: the progress bulletin written through the CLI, read back with python-docx.

The layout (GB/T 9704-2012) is checked on the real bulletin; the numbers of 一、总体进展 are checked
against `jsj status --format json` for the same dates; the Markdown must hold the same numbers.
"""

import io
import json
import os
import re

import docx
import pytest
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from jinsanjiao_cli.text.wording import short_unit

AS_OF = "2022-06-30"
SINCE = "2022-05-25"
TITLE = "晋陕豫黄河金三角承接产业转移示范区(山西片区)建设工作进展通报"
TITLE_LINES = "晋陕豫黄河金三角承接产业转移示范区\n(山西片区)建设工作进展通报"  # broken where sense allows


@pytest.fixture
def reported(built):
    built(report_june)


def report_june(jsj) -> None:
    for args in (
        ("9", "-u", "运城", "-p", "30", "-d", "2022-05-01", "-n", "运城段开工"),
        ("9", "-u", "临汾", "-p", "20", "-d", "2022-06-01", "-n", "临汾段征地完成"),
        ("2", "-u", "省商务厅", "-p", "100", "-d", "2022-06-20", "-n", "机制已建立"),
        ("1", "-u", "省发展改革委", "-p", "40", "-d", "2022-06-22"),
        ("5", "-u", "省商务厅", "-p", "35", "-d", "2022-06-24", "-n", "举办推介会两场"),
    ):
        assert jsj("record", *args).exit_code == 0
    assert jsj("indicator", "set", "运城", "2020", "--gdp", "1643.6").exit_code == 0
    assert jsj("indicator", "set", "运城", "2021", "--gdp", "2231.2", "--growth", "9.1").exit_code == 0
    major = ("--major", "--due", "2022-06-20")
    added = jsj("problem", "add", "9", "-u", "临汾", "--text", "用地指标不足", "-d", "2022-06-10", *major)
    assert added.exit_code == 0
    assert jsj("problem", "add", "5", "-u", "省商务厅", "--text", "推介经费未落实", "-d", "2022-06-12").exit_code == 0


@pytest.fixture
def word(reported, jsj, tmp_path):
    out = tmp_path / "b.docx"
    result = jsj("bulletin", out, "--as-of", AS_OF, "--since", SINCE, "--issue-no", "6")
    assert result.exit_code == 0, result.output
    assert str(out) in result.stdout
    return docx.Document(str(out))


def status_json(jsj, *args) -> dict:
    return json.loads(jsj("status", "--as-of", AS_OF, "--format", "json", *args).stdout)


def section_text(paragraphs: list[str], heading: str, next_heading: str | None) -> list[str]:
    start = paragraphs.index(heading)
    end = paragraphs.index(next_heading) if next_heading else len(paragraphs)
    return paragraphs[start + 1 : end]


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)]


def east_asian(run) -> str:
    return run.element.rPr.rFonts.get(qn("w:eastAsia"))


# -- layout


def test_a4_and_the_standards_margins(word):
    section = word.sections[0]
    measured = [section.page_width, section.page_height]
    measured += [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    for length, mm in zip(measured, (210, 297, 37, 35, 28, 26), strict=True):
        assert abs(length.mm - mm) < 0.1


def test_fonts_sizes_and_line_pitch(word):
    by_text = {p.text: p for p in word.paragraphs}
    title = by_text[TITLE_LINES]
    assert {east_asian(r) for r in title.runs} == {"方正小标宋简体"} and title.runs[0].font.size == Pt(22)
    for heading in ("一、总体进展", "四、考评情况", "七、需协调解决的问题"):
        runs = by_text[heading].runs
        assert {east_asian(r) for r in runs} == {"黑体"} and runs[0].font.size == Pt(16)
    body = next(p for p in word.paragraphs if p.text.startswith("截至2022年6月30日"))
    assert {east_asian(r) for r in body.runs} == {"仿宋_GB2312"}
    assert all(r.font.size == Pt(16) for r in body.runs)
    layout = body.paragraph_format
    assert layout.line_spacing_rule == WD_LINE_SPACING.EXACTLY and abs(layout.line_spacing.pt - 28.95) < 0.01
    assert layout.first_line_indent == Pt(32)  # two characters of 16 pt


def test_second_level_headings_group_lagging_tasks_by_section_and_problems_by_severity(word, jsj):
    """GB/T 9704: （一）（二）… in 楷体_GB2312 at the body's size, where a section has several subjects."""
    paragraphs = [p.text for p in word.paragraphs]
    status = status_json(jsj, "--since", SINCE)
    behind = [t for t in status["tasks"] if t["light"] in ("yellow", "red")]
    titles = {s["no"]: s["title"] for s in status["sections"]}
    held = list(dict.fromkeys(titles[t["section"]] for t in behind))
    lagging = section_text(paragraphs, "五、滞后任务", "六、报送情况")
    numerals = "一二三四五六"
    headings = [p for p in lagging if p.startswith("（")]
    assert headings == [f"（{numerals[i]}）{title}" for i, title in enumerate(held)]
    assert len(word.tables) == 2 + len(held)
    problems = section_text(paragraphs, "七、需协调解决的问题", None)
    assert [p for p in problems if p.startswith("（")] == ["（一）重大问题", "（二）一般问题"]
    by_text = {p.text: p for p in word.paragraphs}
    for heading in (*headings, "（一）重大问题", "（二）一般问题"):
        runs = by_text[heading].runs
        assert {east_asian(r) for r in runs} == {"楷体_GB2312"} and runs[0].font.size == Pt(16), heading
    markdown = jsj("bulletin", "-", "--format", "md", "--as-of", AS_OF, "--since", SINCE).stdout
    for heading in (*headings, "（一）重大问题", "（二）一般问题"):
        assert f"\n### {heading}\n" in markdown


def test_one_subject_needs_no_second_level_heading(jsj):
    assert jsj("problem", "add", "5", "-u", "省商务厅", "--text", "推介经费未落实", "-d", "2022-01-10").exit_code == 0
    markdown = jsj("bulletin", "-", "--format", "md", "--as-of", "2022-01-20").stdout
    assert "###" not in markdown  # nothing lags yet; one kind of problem
    assert "\n1\\. 任务5（省商务厅）：推介经费未落实。" in markdown


def test_page_field_in_the_footer(word):
    footer = word.sections[0].footer.paragraphs[0]
    assert [text.text for text in footer._p.iter(qn("w:instrText"))] == [" PAGE "]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")


def test_tables_repeat_their_header_row_and_the_ranking_has_one_row_per_unit(word, jsj):
    ranking, scores, *lagging = word.tables
    assert len(lagging) > 1  # one per section holding lagging tasks
    for table in (ranking, scores, *lagging):
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    units = status_json(jsj, "--since", SINCE)["units"]
    assert len(ranking.rows) == 1 + len(units)
    for row, unit in zip(ranking.rows[1:], units, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[:4] == [str(unit["rank"]), unit["name"], str(unit["tasks"]), f"{unit['completion']:.2f}"]
        assert cells[5] == ("0.00" if unit["delta"] == 0 else f"{unit['delta']:+.2f}")


# -- content: the same numbers as `jsj status`


def test_overall_progress_numbers_equal_the_status_json(word, jsj):
    paragraphs = [p.text for p in word.paragraphs]
    overall = section_text(paragraphs, "一、总体进展", "二、各板块进展")
    status = status_json(jsj, "--since", SINCE)
    plan, counts = status["plan"], status["plan"]["light_counts"]
    # 截至2022年6月30日，全计划完成进度X%，序时进度Y%…较2022年5月25日（上期）提高Z个百分点。
    first = overall[0]
    assert numbers(first) == [2022, 6, 30, plan["completion"], plan["expected"], 2022, 5, 25, abs(plan["delta"])]
    assert "提高" in first and plan["delta"] > 0
    # 16项重点任务中，已完成a项，序时推进b项，进度滞后c项，严重滞后或逾期d项。
    assert numbers(overall[1]) == [
        len(status["tasks"]),
        counts["done"],
        counts["green"],
        counts["yellow"],
        counts["red"],
    ]
    # the growth target: 运城 chained 2021 only; the realised average and the gap to 10%
    growth = overall[2]
    yuncheng = status["target"]["scopes"][0]
    assert f"运城市2021年实际增长{yuncheng['realised_average']:.2f}%" in growth
    assert f"低于目标{10 - yuncheng['realised_average']:.2f}个百分点" in growth
    assert "余下2年需年均增长10.45%" in growth  # as `jsj status` says it
    assert "临汾市2020年地区生产总值" in growth  # what is still missing is named


def test_sections_lagging_tasks_reporting_and_problems(word, jsj):
    paragraphs = [p.text for p in word.paragraphs]
    status = status_json(jsj, "--since", SINCE)
    sections = section_text(paragraphs, "二、各板块进展", "三、各单位推进情况")
    assert len(sections) == len(status["sections"])
    four = next(s for s in status["sections"] if s["no"] == 4)
    assert sections[3].startswith(f"4. 完善基础设施建设：2项任务，完成进度{four['completion']:.2f}%")
    # 五、滞后任务: every yellow or red task, with the note's author
    lagging = [row for table in word.tables[2:] for row in table.rows[1:]]
    behind = [t for t in status["tasks"] if t["light"] in ("yellow", "red")]
    assert [row.cells[0].text for row in lagging] == [str(t["no"]) for t in behind]
    nine = next(row for row in lagging if row.cells[0].text == "9")
    assert [cell.text for cell in word.tables[2].rows[0].cells][6:] == ["填报日期", "最新进展"]
    assert nine.cells[6].text == "6月1日" and nine.cells[7].text == "临汾段征地完成（临汾市）"
    # 六、报送情况 for 2022-06 (due 06-25): 62 owed, 3 on time; 临汾's report of 1 June made May up
    reports = json.loads(jsj("reports", "--as-of", AS_OF, "--format", "json").stdout)
    owed = sum(u["owed"] for u in reports["units"])
    made = sum(u["reported"] for u in reports["units"])
    assert (owed, made) == (62, 3)
    reporting = section_text(paragraphs, "六、报送情况", "七、需协调解决的问题")
    assert f"应报送{owed}份，按时报送{made}份，迟报0份，逾期未报59份，按时报送率4.84%。" in reporting[0]
    assert "省商务厅" not in reporting[1] or "足额" in reporting[1]
    # 七、需协调解决的问题: what moved in the period, then the open problems, major first
    problems = section_text(paragraphs, "七、需协调解决的问题", None)
    assert problems[0] == "2022年5月25日以来新提出问题2个，销号0个；截至2022年6月30日尚未销号2个。"
    assert problems[1:3] == ["（一）重大问题", "1. 任务9（临汾市）：用地指标不足。时限2022年6月20日，已逾期。"]
    assert problems[3] == "（二）一般问题" and problems[4].startswith("1. 任务5（省商务厅）：推介经费未落实。")


def test_markdown_holds_the_same_numbers(word, jsj):
    result = jsj("bulletin", "-", "--format", "md", "--as-of", AS_OF, "--since", SINCE, "--issue-no", "6")
    assert result.exit_code == 0
    markdown = result.stdout
    assert markdown.startswith(f"# {TITLE}\n")
    for paragraph in word.paragraphs:
        text = paragraph.text.strip()
        if text and not text.startswith(("一", "二", "三", "四", "五", "六", "七", "图")):
            plain = markdown.replace("\\", "")
            assert numbers(text) == [] or all(f"{n:g}" in plain or str(n) in plain for n in numbers(text)), text
    for table in word.tables:
        for row in table.rows:
            line = "| " + " | ".join(cell.text for cell in row.cells) + " |"
            assert line in markdown.replace("\\", ""), line


# -- empty cases, names, refusals


def test_no_report_yet_and_before_the_first_due_date(jsj, tmp_path):
    result = jsj("bulletin", "-", "--format", "md", "--as-of", "2022-01-10")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "各单位尚未报送进展" in text
    assert "首个报送期2022年1月尚未到期（应于2022年1月25日前报送）" in text
    assert "目前无需协调解决的问题" in text
    assert "地区生产总值年均增长10%的目标：运城市尚无统计数据" in text
    # one month before, the plan had not begun: no change to report
    assert "计划尚未开始实施，无环比数据" in text


def test_no_statistics_and_no_schedule_on_another_plan(jsj, tmp_path, monkeypatch):
    from conftest import REPO

    source = (REPO / "tests" / "plans" / "county-commerce-2024.yaml").read_text(encoding="utf-8")
    # the same plan with no reporting schedule and no targets
    text = re.sub(r"  reporting: .*\n", "  reporting: null\n", source)
    text = re.sub(r"\ntargets:\n(?:[ #].*\n)*", "\ntargets: []\n", text)
    plan = tmp_path / "bare.yaml"
    plan.write_text(text, encoding="utf-8")
    monkeypatch.setenv("JSJ_DB", str(tmp_path / "other.sqlite3"))
    assert jsj("init", "--plan", plan).exit_code == 0, jsj("plan", "check", plan).output
    result = jsj("bulletin", "-", "--format", "md", "--as-of", "2024-07-31")
    assert result.exit_code == 0, result.output
    assert "本计划未设定报送周期" in result.stdout and "本计划未设定量化目标" in result.stdout
    assert "示例省县域商业体系建设工作进展通报" in result.stdout


def test_default_name_is_the_as_of_date(reported, jsj, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert jsj("bulletin", "--as-of", AS_OF).exit_code == 0
    assert jsj("bulletin", "--as-of", AS_OF, "--format", "md").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("jsj-bulletin")) == [
        "jsj-bulletin-2022-06-30.docx",
        "jsj-bulletin-2022-06-30.md",
    ]


def test_refusals(jsj, tmp_path):
    stdout_docx = jsj("bulletin", "-", "--as-of", AS_OF)
    assert stdout_docx.exit_code != 0 and "--format md" in stdout_docx.output
    late_since = jsj("bulletin", tmp_path / "b.docx", "--as-of", AS_OF, "--since", "2022-07-01")
    assert late_since.exit_code != 0 and not (tmp_path / "b.docx").exists()
    nowhere = jsj("bulletin", tmp_path / "missing" / "b.docx", "--as-of", AS_OF)
    assert nowhere.exit_code != 0 and "missing" in nowhere.output and "Traceback" not in nowhere.output


def test_english(reported, jsj):
    result = jsj("bulletin", "-", "--format", "md", "--as-of", AS_OF, "--since", SINCE, "--lang", "en")
    assert result.exit_code == 0
    assert "## 1\\. Overall progress" in result.stdout and "Of the 16 key tasks" in result.stdout
    assert "构建综合交通枢纽" in result.stdout  # the plan's own text stays as written


def test_default_since_is_the_previous_periods_due_date(reported, jsj):
    text = jsj("bulletin", "-", "--format", "md", "--as-of", AS_OF).stdout
    assert "较2022年5月25日（上期）" in text


def test_a_problem_closed_after_the_date_is_open_and_overdue_in_that_bulletin(reported, jsj):
    # problem 1 (due 2022-06-20) is closed on 2022-07-05: as of 2022-06-30 it was still open and overdue
    assert jsj("problem", "close", "1", "--note", "指标已落实", "-d", "2022-07-05").exit_code == 0
    text = jsj("bulletin", "-", "--format", "md", "--as-of", AS_OF).stdout
    assert "### （一）重大问题\n\n1\\. 任务9（临汾市）：用地指标不足。时限2022年6月20日，已逾期。" in text
    later = jsj("bulletin", "-", "--format", "md", "--as-of", "2022-07-10").stdout
    assert "用地指标不足" not in later


# -- 四、考评情况 and the figures


def test_the_assessment_section_ranks_the_units_by_score(word, jsj):
    paragraphs = [p.text for p in word.paragraphs]
    section = section_text(paragraphs, "四、考评情况", "五、滞后任务")
    scores = json.loads(jsj("assess", "--as-of", AS_OF, "--format", "json").stdout)
    weights = scores["weights"]
    first, second, third = scores["units"][:3]
    last = scores["units"][-1]
    # Reported on 2022-06-30 by four units only: the other eleven share the lowest score, 0 (no P: not asked
    # to act on any problem due), and are counted as one group rather than cut at three.
    bottom = [u for u in scores["units"] if u["score"] == last["score"]]
    assert len(bottom) == 11 and last["score"] == 0 and all(u["P"] is None for u in bottom)
    assert section[0] == (
        f"按进度（权重{weights['progress']:g}）、报送（权重{weights['reporting']:g}）、"
        f"问题办理（权重{weights['problems']:g}）综合考评，得分居前的是"
        f"{first['name']}（{first['score']:.2f}分）、{second['name']}（{second['score']:.2f}分）、"
        f"运城市（{third['score']:.2f}分）；得分同为最低（0.00分）的有11个单位："
        + "、".join(u["name"] for u in bottom)
        + "。"
    )
    table = word.tables[1]
    assert [c.text for c in table.rows[0].cells] == ["排名", "责任单位", "进度C", "报送R", "问题P", "得分"]
    assert [[c.text for c in row.cells] for row in table.rows[1:]] == [
        [
            str(u["rank"]),
            u["name"],
            f"{u['C']:.2f}",
            f"{u['R']:.2f}",
            "—" if u["P"] is None else f"{u['P']:.2f}",
            f"{u['score']:.2f}",
        ]
        for u in scores["units"]
    ]
    assert "表2 考评得分" in paragraphs and "表3 积极承接产业转移滞后任务" in paragraphs


def cjk_font_or_skip() -> None:
    from jinsanjiao_cli.render.charts.fonts import cjk_font

    if cjk_font("进度趋势各单位推进情况") is None:
        if os.environ.get("JSJ_REQUIRE_BROWSER"):  # CI installs fonts-noto-cjk with the browser
            pytest.fail("JSJ_REQUIRE_BROWSER is set but no CJK font is installed (fonts-noto-cjk)", pytrace=False)
        pytest.skip("no font with Chinese glyphs on this machine (apt-get install fonts-noto-cjk)")


def figures_of(word) -> list[tuple[int, float, str, str]]:
    """Each picture: its paragraph's index, its width in cm, its description and the next paragraph's text."""
    found = []
    for index, paragraph in enumerate(word.paragraphs):
        for inline in paragraph._p.iter(qn("wp:inline")):
            width = int(inline.find(qn("wp:extent")).get("cx")) / 360_000
            descr = inline.find(qn("wp:docPr")).get("descr")
            found.append((index, width, descr, word.paragraphs[index + 1].text))
    return found


def test_the_figures_with_their_captions_and_widths(word, jsj):
    cjk_font_or_skip()
    found = figures_of(word)
    assert [caption for *_, caption in found] == ["图1 进度趋势", "图2 各单位推进情况", "图3 考评得分"]
    assert all(14 <= width <= 16 for _, width, *_ in found)
    headings = [p.text for p in word.paragraphs]
    places = [
        headings.index(h)
        for h in ("一、总体进展", "二、各板块进展", "三、各单位推进情况", "四、考评情况", "五、滞后任务")
    ]
    trend, units, scores = (index for index, *_ in found)
    assert places[0] < trend < places[1] and places[2] < units < places[3] < scores < places[4]
    status = status_json(jsj)
    top = status["units"][0]
    assert found[1][2].startswith(f"各单位推进情况。完成进度：{short_unit(top['name'])}{top['completion']:.2f}%、")
    assert f"2022-06 {status['plan']['completion']:.2f}%" not in found[0][2]  # Chinese: no space
    assert f"2022-06{status['plan']['completion']:.2f}%" in found[0][2]
    picture = word.inline_shapes[0]
    assert picture.width == docx.shared.Cm(15)
    from PIL import Image

    blobs = [word.part.related_parts[rel].blob for rel in _image_rels(word)]
    sizes = [Image.open(io.BytesIO(blob)).size for blob in blobs]
    assert all(width == 1181 for width, _ in sizes)  # 15 cm at 200 dpi


def _image_rels(word) -> list[str]:
    return [blip.get(qn("r:embed")) for blip in word.element.body.iter(qn("a:blip"))]


def test_without_a_cjk_font_the_bulletin_has_no_figures_and_says_so(reported, jsj, tmp_path, monkeypatch):
    from jinsanjiao_cli.render.charts import fonts

    monkeypatch.setattr(fonts, "cjk_font", lambda text: None)
    out = tmp_path / "b.docx"
    result = jsj("bulletin", out, "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert result.stderr == ("本机未找到含中文字形的字体，通报未附图表（安装 fonts-noto-cjk 等中文字体后即可附图）\n")
    assert result.stdout == f"已写入 {out}\n"
    written = docx.Document(str(out))
    assert figures_of(written) == [] and not any(p.text.startswith("图1") for p in written.paragraphs)
    assert "四、考评情况" in [p.text for p in written.paragraphs]


def test_no_charts_leaves_them_out_without_a_word(reported, jsj, tmp_path):
    out = tmp_path / "b.docx"
    result = jsj("bulletin", out, "--as-of", AS_OF, "--no-charts")
    assert result.exit_code == 0 and result.stderr == ""
    assert figures_of(docx.Document(str(out))) == []


def test_markdown_has_the_assessment_and_no_figures(reported, jsj):
    text = jsj("bulletin", "-", "--format", "md", "--as-of", AS_OF).stdout
    assert "## 四、考评情况" in text and "表2 考评得分" in text
    assert "图1" not in text and "![" not in text
