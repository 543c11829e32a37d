"""The progress bulletin (工作进展通报): an OfficialDocument composed from the same documents `jsj status`,
`jsj reports`, `jsj problem list` and `jsj assess` print as JSON, so every figure in it is one a script can
check.

Every sentence is generated from those numbers; nothing is placeholder text. Figures are given to two
decimals, as the JSON gives them, so 一、总体进展 and `jsj status --format json` never disagree.

Sections, as the office circulates them:
一、总体进展      the plan against 序时进度, the key tasks by light, the change since --since, the targets;
                 图1 the trend (the plan and 序时进度 at each month end)
二、各板块进展    one sentence per section
三、各单位推进情况 the ranking table (rank, unit, tasks, completion, light, change) and the top and bottom three;
                 图2 the units' bars
四、考评情况      the assessment (`jsj assess`): the weights, the top and bottom three by score, the table of
                 scores with C, R and P; 图3 the scores split into their weighted parts
五、滞后任务      each yellow or red key task: lead unit, completion, 序时进度, latest note and its author
六、报送情况      the last period due: on time, late (迟报, named apart with the days late) and overdue
七、需协调解决的问题 the problems raised and closed in the period, then the open problems, major ones first

The 主送 line and the 版记 (抄送, 印发机关 and 印发日期) come from the plan, as GB/T 9704-2012 lays them out.
The figures are PNG images drawn by the caller (`render.charts`) and handed in as `BulletinFigure`s; they
are numbered 图1, 图2 … in reading order. Without them (no CJK font, `--no-charts`, Markdown) the bulletin
is the same text without figures.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping
from typing import NamedTuple

from jinsanjiao_cli.core.values import fixed, round_half_up
from jinsanjiao_cli.render.officialdoc import Image, OfficialDocument, Record, Section, Table
from jinsanjiao_cli.text.i18n import clauses, join, lang, t
from jinsanjiao_cli.text.wording import count_zh, long_date, month_day, period_name, section_row, short_unit
from jinsanjiao_cli.views.bulletin import BulletinInputs

# A plan's title ends with what it is (工作计划, 实施方案 …) and often a bracketed span of years; the
# bulletin's title keeps the subject and says what the bulletin is.
_TITLE_KIND = re.compile(r"(?:工作计划|工作方案|实施方案|行动计划|行动方案|计划|方案)$")
_TITLE_YEARS = re.compile(r"[（(][^（()）]*[）)]$")


class BulletinFigure(NamedTuple):
    """A chart drawn for the bulletin: the PNG, its title (the caption without its number) and its text
    alternative."""

    png: bytes
    title: str
    alt: str


FIGURE_CM = 15.0  # inside the 15.6 cm type area


def bulletin_title(plan_title: str) -> str:
    """晋陕豫…(山西片区)建设工作计划 → 晋陕豫…(山西片区)建设工作进展通报."""
    subject = plan_title.strip()
    subject = _TITLE_YEARS.sub("", subject).strip()
    if lang() == "en":
        return f"{subject}: {t('bulletin.title_suffix')}"
    subject = _TITLE_KIND.sub("", subject)
    subject = subject.removesuffix("工作")
    return break_title(subject + t("bulletin.title_suffix"))


TITLE_LINE = 20  # characters of 22 pt in the 156 mm type area


def break_title(title: str) -> str:
    """A title too long for one line, broken where its sense allows (GB/T 9704-2012 7.3.3): before a
    bracket or before 建设/工作进展通报, choosing the most even of the breaks that leave two lines that fit."""
    if len(title) <= TITLE_LINE:
        return title
    places = {i for i, char in enumerate(title) if char in "(（" and i > 0}
    places |= {i for word in ("建设", "工作进展通报") if (i := title.rfind(word)) > 0}
    fitting = [i for i in places if i <= TITLE_LINE and len(title) - i <= TITLE_LINE]
    if not fitting:
        return title
    at = min(fitting, key=lambda i: abs(len(title) - 2 * i))
    return title[:at] + "\n" + title[at:]


def compose(inputs: BulletinInputs, figures: Mapping[str, BulletinFigure] | None = None) -> OfficialDocument:
    """The bulletin; `figures` by chart ("trend", "units", "assessment"), placed where the text speaks of them."""
    status = inputs.status
    as_of = dt.date.fromisoformat(status["as_of"])
    subtitle = []
    if inputs.issue_no is not None:
        subtitle.append(t("bulletin.issue", no=inputs.issue_no))
    subtitle.append("　　".join(part for part in (inputs.issuer, long_date(as_of)) if part))
    numbers = itertools.count(1)

    def figure(key: str) -> list[Image]:
        drawn = (figures or {}).get(key)
        if drawn is None:
            return []
        caption = t("bulletin.figure", no=next(numbers), title=drawn.title)
        return [Image(drawn.png, FIGURE_CM, caption, drawn.alt)]

    return OfficialDocument(
        title=bulletin_title(status["plan"]["title"]),
        subtitle=tuple(subtitle),
        recipients=t("bulletin.recipients", units=join(list(inputs.recipients))) if inputs.recipients else None,
        blocks=(
            Section(t("bulletin.h1"), 1, (*overall(status), *figure("trend"))),
            Section(t("bulletin.h2"), 1, tuple(sections(status))),
            Section(t("bulletin.h3"), 1, (*units(status), *figure("units"))),
            Section(t("bulletin.h_assessment"), 1, (*assessment(inputs.assessment), *figure("assessment"))),
            Section(t("bulletin.h4"), 1, tuple(lagging(status))),
            Section(t("bulletin.h5"), 1, tuple(reporting(inputs))),
            Section(t("bulletin.h6"), 1, tuple(problems(inputs.problems, inputs.problem_counts, status))),
        ),
        lang="en" if lang() == "en" else "zh",
        record=record(inputs, as_of),
    )


def record(inputs: BulletinInputs, as_of: dt.date) -> Record | None:
    """The 版记: 抄送 as the plan lists it, printed by the plan's issuer on the bulletin's date."""
    if not inputs.issuer:
        return None
    copied = t("bulletin.copied_to", units=_listed(inputs.copied_to)) if inputs.copied_to else None
    return Record(inputs.issuer, t("bulletin.printed_on", date=long_date(as_of)), copied)


def _listed(names: tuple[str, ...]) -> str:
    """抄送机关 are separated by full-width commas (GB/T 9704-2012 7.4.2)."""
    return ("，" if lang() != "en" else ", ").join(names)


# ---------------------------------------------------------------- 一、总体进展


def number(value: float | None) -> str:
    """A figure as the JSON gives it: two decimals."""
    return "—" if value is None else fixed(value, 2)


def signed(value: float | None) -> str:
    """A change in a table cell: +1.25, −0.50, 0.00; — where there is no earlier value."""
    if value is None:
        return "—"
    figure = round_half_up(value, 2)
    return f"{figure:+.2f}" if figure != 0 else "0.00"


def change(delta: float) -> str:
    if round_half_up(delta, 2) == 0:
        return t("bulletin.flat")
    return t("bulletin.up" if delta > 0 else "bulletin.down", points=number(abs(delta)))


def overall(status: dict) -> list[str]:
    plan = status["plan"]
    opening = ""
    if plan["period_ended"]:
        opening = t("bulletin.ended", end=long_date(dt.date.fromisoformat(plan["period_end"])))
    as_of = long_date(dt.date.fromisoformat(status["as_of"]))
    sentence = t(
        "bulletin.plan",
        date=as_of,
        completion=number(plan["completion"]),
        expected=number(plan["expected"]),
        label=plan["label"],
    )
    if status["since"] is not None:
        since = long_date(dt.date.fromisoformat(status["since"]))
        if plan["delta"] is None:
            sentence += t("bulletin.plan_no_delta", since=since)
        else:
            sentence += t("bulletin.plan_delta", since=since, change=change(plan["delta"]))
    counts = plan["light_counts"]
    lights = t(
        "bulletin.lights",
        count=len(status["tasks"]),
        done=counts["done"],
        green=counts["green"],
        yellow=counts["yellow"],
        red=counts["red"],
    )
    targets = [target_sentence(target) for target in status["targets"]] or [t("bulletin.no_targets")]
    return [paragraph for paragraph in (opening + sentence, lights, *targets) if paragraph]


def target_sentence(target: dict) -> str:
    if target["measure"] == "real_growth":
        parts = [_growth_part(scope, target) for scope in target["scopes"]]
        # a zone's chain misses what its cities miss: name each missing figure once
        missing = list(dict.fromkeys(_missing_item(m) for scope in target["scopes"] for m in scope["missing"]))
        if missing:
            parts.append(t("bulletin.missing", items=join(missing)))
        return t(
            "bulletin.growth", indicator=target["indicator"], rate=f"{target['target_rate']:g}", parts=_parts(parts)
        )
    unit = target["unit"] or ""
    parts = [_level_part(scope, unit) for scope in target["scopes"]]
    return t(
        "bulletin.level",
        indicator=target["indicator"],
        year=target["target_year"],
        value=f"{target['target_value']:g}",
        unit=unit,
        parts=_parts(parts),
    )


def _growth_part(scope: dict, target: dict) -> str:
    average = scope["realised_average"]
    if average is None or not scope["years_chained"]:
        return t("bulletin.scope_no_data", scope=scope["scope"])
    gap = average - target["target_rate"]
    if round_half_up(gap, 2) == 0:
        relation = t("bulletin.on_target")
    else:
        relation = t("bulletin.above" if gap > 0 else "bulletin.below", points=number(abs(gap)))
    first = target["base_year"] + 1
    last = target["base_year"] + scope["years_chained"]
    if scope["required_average"] is not None and scope["remaining_years"]:  # as `jsj status` says it
        relation += t("bulletin.growth_need", years=scope["remaining_years"], need=number(scope["required_average"]))
    if first == last:
        return t("bulletin.growth_year", scope=scope["scope"], year=first, average=number(average), relation=relation)
    return t(
        "bulletin.growth_scope",
        scope=scope["scope"],
        first=first,
        last=last,
        average=number(average),
        relation=relation,
    )


def _missing_item(missing: dict) -> str:
    return t(
        "bulletin.missing_item", scope=missing["scope"], year=missing["year"], field=t(f"field.{missing['field']}")
    )


def _level_part(scope: dict, unit: str) -> str:
    name = t("level.whole") if scope["scope"] == "*" else scope["scope"]
    if scope["value"] is None:
        return t("bulletin.scope_no_data", scope=name)
    status = t(f"level.status.{scope['status']}")
    return t(
        "bulletin.level_scope", scope=name, year=scope["year"], value=f"{scope['value']:g}", unit=unit, status=status
    )


# ---------------------------------------------------------------- 二、三、五


def _delta_clause(delta: float | None, since: str | None) -> str:
    if since is None or delta is None:
        return ""
    return t("bulletin.section_delta", change=change(delta))


def sections(status: dict) -> list[str]:
    """One sentence per section, and per part without sections (its own row, so the rows add up to the plan)."""
    return [
        t(
            "bulletin.section" if s["part"] is None else "bulletin.part_row",
            no=s["no"],
            part=count_zh(s["part"]) if s["part"] is not None and lang() != "en" else s["part"],
            title=s["title"],
            tasks=s["tasks"],
            completion=number(s["completion"]),
            expected=number(s["expected"]),
            label=s["label"],
            delta=_delta_clause(s["delta"], status["since"]),
        )
        for s in status["sections"]
    ]


def units(status: dict) -> list:
    ranked = status["units"]
    table = Table(
        columns=tuple(t(f"bulletin.col.{key}") for key in ("rank", "unit", "tasks", "completion", "light", "delta")),
        rows=tuple(
            (
                str(u["rank"]),
                u["name"],
                str(u["tasks"]),
                number(u["completion"]),
                u["label"],
                signed(u["delta"]) if status["since"] is not None else "—",
            )
            for u in ranked
        ),
        align=("center", "left", "center", "right", "center", "right"),
        widths=(1, 4, 1.2, 1.8, 1.8, 2),
        caption=t("bulletin.units_table"),
        whole=(4,),  # 进度滞后 on one line
    )
    return [table, _top_and_bottom(ranked)]


def _top_and_bottom(ranked: list[dict]) -> str:
    """The top three and the bottom three; where more units share the lowest figure, all of them, since
    picking three of equals would be arbitrary."""
    if not any(u["completion"] for u in ranked):
        return t("bulletin.no_progress")
    lowest = ranked[-1]["completion"]
    top = [u for u in ranked[:3] if u["completion"] > lowest]
    tied = [u for u in ranked if u["completion"] == lowest]
    if len(ranked) < 6:
        return t("bulletin.top_only", top=_named(top))
    if len(tied) > 3:
        bottom = t("bulletin.tied_bottom", count=len(tied), completion=number(lowest), units=join(_short(tied)))
        # 居前三位 only where three units are ahead of the tied ones
        key = "bulletin.top_and_tied" if len(top) == 3 else "bulletin.top_few_and_tied"
        return t(key, top=_named(top), bottom=bottom)
    return t("bulletin.top_bottom", top=_named(top), bottom=_named(ranked[-3:]))


def _named(group: list[dict]) -> str:
    return join(
        [t("bulletin.unit_figure", unit=short_unit(u["name"]), completion=number(u["completion"])) for u in group]
    )


def _short(group: list[dict]) -> list[str]:
    return [short_unit(u["name"]) for u in group]


def lagging(status: dict) -> list:
    """The yellow and red key tasks in one table; where they fall in several sections, one second-level
    heading （一）（二）… per section (GB/T 9704's 楷体 level), each over its own table."""
    behind = [task for task in status["tasks"] if task["light"] in ("yellow", "red")]
    if not behind:
        return [t("bulletin.none_lagging")]
    yellow = sum(task["light"] == "yellow" for task in behind)
    intro = t("bulletin.lagging", count=len(behind), yellow=yellow, red=len(behind) - yellow)
    as_of = dt.date.fromisoformat(status["as_of"])
    groups = _by_section(behind, status["sections"])
    if len(groups) < 2:
        return [intro, _lagging_table(behind, as_of, t("bulletin.lagging_table"))]
    headed: list = [intro]
    for index, (title, tasks) in enumerate(groups):
        caption = t("bulletin.lagging_table_of", no=3 + index, section=title)
        headed.append(Section(subheading(index, title), 2, (_lagging_table(tasks, as_of, caption),)))
    return headed


def subheading(index: int, title: str) -> str:
    """A second-level heading as GB/T 9704 numbers it: （一）title, or (1) title in English."""
    if lang() == "en":
        return f"({index + 1}) {title}"
    return f"（{count_zh(index + 1)}）{title}"


def _by_section(tasks: list[dict], sections: list[dict]) -> list[tuple[str, list[dict]]]:
    """The tasks grouped by their row of the sections' summary (a section, or a part without sections), in
    the summary's order."""
    groups = []
    for row in sections:
        mine = [
            task
            for task in tasks
            if (
                task["section"] == row["no"]
                if row["part"] is None
                else task["section"] is None and task["part"] == row["part"]
            )
        ]
        if mine:
            groups.append((section_row(row["no"], row["part"], row["title"])[1], mine))
    return groups


def _lagging_table(tasks: list[dict], as_of: dt.date, caption: str) -> Table:
    keys = ("no", "task", "lead", "completion", "expected", "light", "latest_date", "latest")
    return Table(
        columns=tuple(t(f"bulletin.col.{key}") for key in keys),
        rows=tuple(
            (
                str(task["no"]),
                task["title"],
                task["lead_unit"] or "",
                number(task["completion"]),
                number(task["expected"]),
                task["label"],
                month_day(dt.date.fromisoformat(task["latest_date"]), as_of) if task["latest_date"] else "—",
                _latest(task),
            )
            for task in tasks
        ),
        align=("center", "left", "left", "right", "right", "center", "center", "left"),
        widths=(0.9, 3, 2.2, 1.5, 1.5, 1.6, 1.6, 4),
        caption=caption,
        whole=(5, 6),  # 进度滞后 and 7月24日 are never broken
    )


def _latest(task: dict) -> str:
    if not task["latest_note"]:
        return t("bulletin.no_note") if task["latest_date"] is None else ""
    return t("bulletin.note", note=task["latest_note"], unit=short_unit(task["latest_unit"] or ""))


# ---------------------------------------------------------------- 四、考评情况


def assessment(document: dict | None) -> list:
    """The weights and the ranking by score in a sentence, then the table of scores (as `jsj assess`)."""
    if document is None or not document["units"]:
        return [t("bulletin.no_scores")]
    weights = {key: f"{value:g}" for key, value in document["weights"].items()}
    scored = document["units"]
    table = Table(
        columns=tuple(t(f"bulletin.col.{key}") for key in ("rank", "unit", "C", "R", "P", "score")),
        rows=tuple(
            (str(u["rank"]), u["name"], number(u["C"]), number(u["R"]), number(u["P"]), number(u["score"]))
            for u in scored
        ),
        align=("center", "left", "right", "right", "right", "right"),
        widths=(1, 4, 1.6, 1.6, 1.6, 1.6),
        caption=t("bulletin.assessment_table"),
    )
    return [t("bulletin.assessment", ranking=_score_ranking(scored), **weights), table]


def _score_ranking(scored: list[dict]) -> str:
    """The highest and the lowest scores, up to three each, named only where the cut is clear: units that
    share a score across the cut are left out (picking some of equals would be arbitrary), and where more
    units share the lowest score, they are counted and named as a group."""
    if len({u["score"] for u in scored}) == 1:
        return t("bulletin.score_all_tied", score=number(scored[0]["score"]))
    if len(scored) < 6:
        return t("bulletin.score_order", units=_scores(scored))
    top, bottom = _clear_cut(scored), _clear_cut(scored[::-1])[::-1]
    parts = [t("bulletin.score_top", units=_scores(top))] if top else []
    if bottom:
        parts.append(t("bulletin.score_bottom", units=_scores(bottom)))
    else:
        lowest = scored[-1]["score"]
        tied = [short_unit(u["name"]) for u in scored if u["score"] == lowest]
        parts.append(t("bulletin.score_tied_bottom", score=number(lowest), count=len(tied), units=join(tied)))
    return t("bulletin.score_separator").join(parts)


def _clear_cut(ranked: list[dict], size: int = 3) -> list[dict]:
    """The first `size` units, less those tied with the first unit left out."""
    cut = ranked[:size]
    if len(ranked) > size and ranked[size]["score"] == cut[-1]["score"]:
        cut = [u for u in cut if u["score"] != cut[-1]["score"]]
    return cut


def _scores(group: list[dict]) -> str:
    return join([t("bulletin.unit_score", unit=short_unit(u["name"]), score=number(u["score"])) for u in group])


# ---------------------------------------------------------------- 六、七


def reporting(inputs: BulletinInputs) -> list[str]:
    if inputs.first_period is None:
        return [t("bulletin.no_schedule")]
    document = inputs.reporting
    if document is None:
        first = inputs.first_period
        return [t("bulletin.none_due", period=period_name(first["label"]), due=_long(first["due"]))]
    period = document["period"]
    listed = [u for u in document["units"] if u["owed"]]
    owed = sum(u["owed"] for u in listed)
    reported = sum(u["reported"] for u in listed)
    summary = t(
        "bulletin.reporting",
        period=period_name(period["label"]),
        due=_long(period["due"]),
        owed=owed,
        reported=reported,
        late=sum(u["late"] for u in listed),
        overdue=sum(u["overdue"] for u in listed),
        rate=number(100.0 * reported / owed if owed else None),  # the on-time rate (docs/formulas.md)
    )
    complete = [short_unit(u["name"]) for u in listed if u["reported"] == u["owed"]]
    missing = [
        t("bulletin.overdue_unit", unit=short_unit(u["name"]), count=u["overdue"]) for u in listed if u["overdue"]
    ]
    paragraphs = [
        summary,
        t("bulletin.reported_units", units=join(complete)) if complete else t("bulletin.no_reported_units"),
    ]
    if document["late"]:
        paragraphs.append(t("bulletin.late_units", units=join(_late_units(document["late"]))))
    paragraphs.append(t("bulletin.overdue_units", units=join(missing)) if missing else t("bulletin.no_overdue"))
    return paragraphs


def _late_units(late: list[dict]) -> list[str]:
    """Each unit that reported late, with how late each of its late reports was: 临汾市（迟3、5天）."""
    days: dict[str, list[str]] = {}
    for item in late:
        days.setdefault(item["unit"], []).append(str(item["days_late"]))
    separator = "、" if lang() != "en" else ", "
    return [t("bulletin.late_unit", unit=short_unit(unit), days=separator.join(found)) for unit, found in days.items()]


def problems(open_problems: list[dict], counts=None, status: dict | None = None) -> list:
    """The open problems, major ones first; where there are both, under the second-level headings
    （一）重大问题 and （二）一般问题, each numbered from 1."""
    paragraphs: list = [_problem_counts(counts, status)] if counts is not None and status is not None else []
    if not open_problems:
        return [*paragraphs, t("bulletin.no_problems")]
    major = [p for p in open_problems if p["major"]]
    other = [p for p in open_problems if not p["major"]]
    if not major or not other:
        return [*paragraphs, *_problem_list(open_problems, marked=True)]
    return [
        *paragraphs,
        Section(subheading(0, t("bulletin.problems_major")), 2, tuple(_problem_list(major, marked=False))),
        Section(subheading(1, t("bulletin.problems_other")), 2, tuple(_problem_list(other, marked=False))),
    ]


def _problem_list(listed: list[dict], *, marked: bool) -> list[str]:
    """One paragraph per problem; `marked`: 【重大】 before a major one, where no heading says it is."""
    paragraphs = []
    for index, p in enumerate(listed, start=1):
        needs = t("bulletin.problem_needs", units=join([short_unit(n) for n in p["needs"]])) if p["needs"] else ""
        due = ""
        if p["due"]:
            due = t("bulletin.problem_overdue" if p["overdue"] else "bulletin.problem_due", due=_long(p["due"]))
        text = p["text"].rstrip("。.")
        paragraphs.append(
            t(
                "bulletin.problem",
                index=index,
                major=t("bulletin.problem_major") if p["major"] and marked else "",
                task=p["task"],
                unit=short_unit(p["unit"]),
                text=text + ("。" if lang() != "en" else "."),
                needs=needs,
                due=due,
            )
        )
    return paragraphs


def _problem_counts(counts, status: dict) -> str:
    """How the problem list moved in the bulletin's period: raised, closed, and open at its end."""
    date = _long(status["as_of"])
    if status["since"] is None:
        return t("bulletin.problem_counts_all", date=date, raised=counts.raised, closed=counts.closed, open=counts.open)
    since = _long(status["since"])
    return t(
        "bulletin.problem_counts", since=since, date=date, raised=counts.raised, closed=counts.closed, open=counts.open
    )


# ---------------------------------------------------------------- wording


def _long(iso: str) -> str:
    return long_date(dt.date.fromisoformat(iso))


def _parts(parts: list[str]) -> str:
    return clauses(parts)
