"""What each chart shows, as plain data, from the documents the commands print as JSON.

A `ChartSpec` holds the categories along one axis, the series drawn over them and, derived from those,
every drawn value as a `Mark`: the id its element carries in the SVG, the category and series it belongs
to, the number, and the hover text. The same numbers make the chart's table (its text alternative), so
the picture, the hover text and the table cannot disagree, and the tests read the marks back from the SVG
and hold them against the JSON.

Nothing here computes a figure of the plan: every value is a field of a document, or a count of the
documents' rows (problems per month, reports per period). The monthly trend comes from
`views.trend.trend_document`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from jinsanjiao_cli.text.i18n import join, t
from jinsanjiao_cli.text.wording import section_row, short_unit

# The lights as the workbook shows them (sheets/workbook.py LIGHT_FILLS and LIGHT_FONTS: cell fill and text
# colour), and grey for a task not started; a test holds these to the workbook's.
LIGHT_FILLS = {"done": "#BDD7EE", "green": "#C6EFCE", "yellow": "#FFEB9C", "red": "#FFC7CE", "grey": "#D9D9D9"}
LIGHT_EDGES = {"done": "#1F4E78", "green": "#006100", "yellow": "#9C5700", "red": "#9C0006", "grey": "#595959"}
INK = "#262626"  # 序时进度 marks and lines
SERIES_COLOURS = ("#1F4E78", "#C55A11", "#548235", "#7030A0", "#2E75B6", "#BF8F00", "#7F6000", "#843C0C")

Kind = Literal["hbar", "columns", "lines"]
Style = Literal["bar", "line", "dashed", "tick"]


@dataclass(frozen=True)
class Mark:
    """One drawn value: the element with this id in the SVG carries the value, its category and series."""

    id: str
    label: str
    series: str
    value: float
    title: str
    extra: tuple[tuple[str, str], ...] = ()  # more data- attributes, e.g. ("expected", "26.01")


@dataclass(frozen=True)
class Series:
    key: str
    name: str
    values: tuple[float | None, ...]  # one per category; None: nothing drawn there
    style: Style = "bar"
    fills: tuple[str, ...] = ()  # one colour, or one per category
    edges: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()  # hover text per category
    extras: tuple[tuple[tuple[str, str], ...], ...] = ()  # data- attributes per category

    def fill(self, index: int) -> str:
        return self.fills[index if len(self.fills) > 1 else 0]

    def edge(self, index: int) -> str:
        edges = self.edges or self.fills
        return edges[index if len(edges) > 1 else 0]


@dataclass(frozen=True)
class ChartSpec:
    key: str  # a name unique in the cockpit: the marks' ids start with it
    kind: Kind
    title: str
    categories: tuple[str, ...] = ()  # as drawn on the axis (short)
    series: tuple[Series, ...] = ()
    stacked: bool = False
    percent: bool = False  # a 0-100 value axis
    bar_labels: tuple[str, ...] = ()  # text at the end of each category's bar(s)
    columns: tuple[str, ...] = ()  # the table: header and rows
    rows: tuple[tuple[str, ...], ...] = ()
    note: str = ""  # a line under the chart (what the axis measures)
    empty: str | None = None  # nothing to draw: the sentence saying why
    marks: tuple[Mark, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "marks", tuple(self._marks()))

    def _marks(self):
        for s in self.series:
            for index, value in enumerate(s.values):
                if value is not None:
                    extra = s.extras[index] if s.extras else ()
                    yield Mark(
                        f"{self.key}-{s.key}-{index}", self.categories[index], s.key, value, s.titles[index], extra
                    )


def _empty(key: str, kind: Kind, title: str, why: str) -> ChartSpec:
    return ChartSpec(key, kind, title, empty=why)


def number(value: float | None) -> str:
    """A figure as the JSON gives it (two decimals), as the bulletin writes it."""
    return "—" if value is None else f"{value:.2f}"


def count(value: float) -> str:
    return f"{value:g}"


def _titles(labels, name: str, values, key: str = "chart.title.pct", shown=number) -> tuple[str, ...]:
    return tuple(
        "" if v is None else t(key, label=label, series=name, value=shown(v))
        for label, v in zip(labels, values, strict=True)
    )


def light_of(item: dict) -> str:
    """The colour name of a status row: its light; grey when nothing has been reported on it yet (a task
    without a report, a unit that has never reported)."""
    reported = item.get("latest_date", item.get("last_report", True))
    return "grey" if item.get("state") == "not_started" or reported is None else item["light"]


def light_name(light: str) -> str:
    """What a colour means, for a legend."""
    return t(f"chart.light.{light}")


def clip(text: str, limit: int) -> str:
    """A long title shortened for an axis (the table and the hover text keep it whole)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------- 1 进度趋势


def trend(document: dict, *, sections: bool = True, key: str = "trend") -> ChartSpec:
    """The plan's completion at each month end beside 序时进度, and each section's as further lines."""
    months = document["months"]
    labels = tuple(_month_label(m["date"]) for m in months)
    plan = tuple(m["completion"] for m in months)
    expected = tuple(m["expected"] for m in months)
    series = [
        _line("plan", t("chart.s.plan"), plan, labels, SERIES_COLOURS[0], "line"),
        _line("expected", t("chart.s.expected"), expected, labels, INK, "dashed"),
    ]
    if sections:
        for index, section in enumerate(document["sections"]):
            values = tuple(m["sections"][index] for m in months)
            colour = SERIES_COLOURS[1 + index % (len(SERIES_COLOURS) - 1)]
            row = f"s{section['no']}" if section["part"] is None else f"p{section['part']}"
            title = section_row(section["no"], section["part"], section["title"])[1]
            series.append(_line(row, clip(title, 10), values, labels, colour, "line"))
    columns = (t("chart.c.month"), *(s.name for s in series))
    rows = tuple((m["date"], *(number(s.values[i]) for s in series)) for i, m in enumerate(months))
    return ChartSpec(key, "lines", t("chart.trend"), labels, tuple(series), percent=True, columns=columns, rows=rows)


def _month_label(iso: str) -> str:
    """2022-06-30 → 2022-06 for a month end; an as-of date inside a month stays whole."""
    day = dt.date.fromisoformat(iso)
    return iso[:7] if (day + dt.timedelta(days=1)).day == 1 else iso


def _line(key: str, name: str, values, labels, colour: str, style: Style) -> Series:
    return Series(key, name, tuple(values), style, (colour,), titles=_titles(labels, name, values))


# ---------------------------------------------------------------- 2 各单位 / 各重点任务, 3 各板块


def units(status: dict) -> ChartSpec:
    """The units as ranked bars of completion, coloured by light, each with its 序时进度 marked."""
    rows = status["units"]
    names = [u["name"] for u in rows]
    table = tuple((str(u["rank"]), u["name"], number(u["completion"]), number(u["expected"]), u["label"]) for u in rows)
    columns = (t("chart.c.rank"), t("chart.c.unit"), t("chart.s.completion"), t("chart.s.expected"), t("chart.c.state"))
    return _progress_bars("units", t("chart.units"), rows, names, [short_unit(n) for n in names], columns, table)


def tasks(status: dict) -> ChartSpec:
    """The key tasks in the plan's order, drawn as the units are."""
    rows = status["tasks"]
    names = [f"{t('chart.task_label', no=task['no'])} {task['title']}" for task in rows]
    shown = [clip(name, 14) for name in names]
    table = tuple((str(x["no"]), x["title"], number(x["completion"]), number(x["expected"]), x["label"]) for x in rows)
    columns = (t("chart.c.task"), "", t("chart.s.completion"), t("chart.s.expected"), t("chart.c.state"))
    return _progress_bars("tasks", t("chart.tasks"), rows, names, shown, columns, table)


def sections(status: dict) -> ChartSpec:
    rows = status["sections"]
    shown = [section_row(s["no"], s["part"], s["title"]) for s in rows]
    names = [title for _, title in shown]
    table = tuple(
        (no, title, number(s["completion"]), number(s["expected"]), s["label"])
        for (no, title), s in zip(shown, rows, strict=True)
    )
    columns = (t("chart.c.section"), "", t("chart.s.completion"), t("chart.s.expected"), t("chart.c.state"))
    return _progress_bars("sections", t("chart.sections"), rows, names, [clip(n, 12) for n in names], columns, table)


def _progress_bars(key: str, title: str, rows: list[dict], names, shown, columns, table) -> ChartSpec:
    completion = tuple(r["completion"] for r in rows)
    expected = tuple(r["expected"] for r in rows)
    lights = [light_of(r) for r in rows]
    bars = Series(
        "completion",
        t("chart.s.completion"),
        completion,
        "bar",
        tuple(LIGHT_FILLS[x] for x in lights),
        tuple(LIGHT_EDGES[x] for x in lights),
        _titles(names, t("chart.s.completion"), completion),
        tuple((("light", x), ("name", n)) for x, n in zip(lights, names, strict=True)),
    )
    ticks = Series(
        "expected", t("chart.s.expected"), expected, "tick", (INK,), (), _titles(names, t("chart.s.expected"), expected)
    )
    return ChartSpec(
        key,
        "hbar",
        title,
        tuple(shown),
        (bars, ticks),
        percent=True,
        bar_labels=tuple(number(v) for v in completion),
        columns=columns,
        rows=table,
    )


# ---------------------------------------------------------------- 4 报送情况


def reporting(document: dict | None) -> ChartSpec:
    """For each period due, the reports made on time, made late and still missing, summed over the units.
    `late` is read where the document has it (迟报) and counts 0 where it does not."""
    title = t("chart.reporting")
    if document is None:
        return _empty("reporting", "columns", title, t("chart.empty.reporting"))
    periods = due_periods(document)
    if not periods:
        return _empty("reporting", "columns", title, t("chart.empty.not_due"))
    counts = [period_counts(document, label) for label in periods]
    names = (t("chart.s.on_time"), t("chart.s.late"), t("chart.s.missing"))
    series = tuple(
        Series(
            key,
            name,
            tuple(float(c[position + 1]) for c in counts),
            "bar",
            (LIGHT_FILLS[light],),
            (LIGHT_EDGES[light],),
            tuple(
                t("chart.title.count", label=p, series=name, value=c[position + 1])
                for p, c in zip(periods, counts, strict=True)
            ),
        )
        for position, (key, name, light) in enumerate(
            zip(("on_time", "late", "missing"), names, ("green", "yellow", "red"), strict=True)
        )
    )
    rows = tuple((p, *(str(n) for n in c)) for p, c in zip(periods, counts, strict=True))
    columns = (t("chart.c.period"), t("chart.c.owed"), *names)
    return ChartSpec("reporting", "columns", title, tuple(periods), series, stacked=True, columns=columns, rows=rows)


def due_periods(document: dict) -> list[str]:
    """The periods whose due date has passed: the history's periods up to the document's period (the latest
    due, when one is)."""
    current = document["period"]
    if current["due"] > document["as_of"]:
        return []
    labels = [p["period"] for p in document["history"][0]["periods"]] if document.get("history") else []
    return labels[: labels.index(current["label"]) + 1] if current["label"] in labels else []


def period_counts(document: dict, label: str) -> tuple[int, int, int, int]:
    """(owed, on time, late, missing) for one period, summed over the units' history."""
    owed = on_time = late = 0
    for unit in document["history"]:
        for period in unit["periods"]:
            if period["period"] == label:
                owed += period["owed"]
                on_time += period["reported"]
                late += period.get("late") or 0
    return owed, on_time, late, max(owed - on_time - late, 0)


# ---------------------------------------------------------------- 5 问题


def problems_monthly(problems: list[dict], as_of: str) -> ChartSpec:
    """Problems raised and closed in each month, from the month of the first one raised to the as-of date
    (`problem list --all` as of that date: a problem closed later is still open here)."""
    title = t("chart.problems_monthly")
    if not problems:
        return _empty("problems-monthly", "columns", title, t("chart.empty.problems"))
    months = _months(min(p["raised"] for p in problems)[:7], as_of[:7])
    opened = tuple(float(sum(p["raised"][:7] == m for p in problems)) for m in months)
    closed = tuple(
        float(sum(p["state"] == "closed" and (p["closed_at"] or "")[:7] == m for p in problems)) for m in months
    )
    series = (
        _counts("opened", t("chart.s.opened"), opened, months, "yellow"),
        _counts("closed", t("chart.s.closed"), closed, months, "green"),
    )
    rows = tuple((m, count(o), count(c)) for m, o, c in zip(months, opened, closed, strict=True))
    columns = (t("chart.c.month"), t("chart.s.opened"), t("chart.s.closed"))
    return ChartSpec("problems-monthly", "columns", title, tuple(months), series, columns=columns, rows=rows)


def _months(first: str, last: str) -> list[str]:
    """2022-05 … 2022-08: each month from `first` to `last`, as YYYY-MM."""
    year, month = int(first[:4]), int(first[5:7])
    found = []
    while f"{year:04d}-{month:02d}" <= last:
        found.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return found


def _counts(key: str, name: str, values, labels, light: str) -> Series:
    titles = tuple(
        t("chart.title.count", label=label, series=name, value=count(v))
        for label, v in zip(labels, values, strict=True)
    )
    return Series(key, name, tuple(values), "bar", (LIGHT_FILLS[light],), (LIGHT_EDGES[light],), titles)


AGE_LIMITS = (30, 90, 180)  # days: up to 30, 31-90, 91-180, over 180


def problems_age(problems: list[dict], as_of: str) -> ChartSpec:
    """The problems open on the as-of date by how long they have been open, major ones apart (red)."""
    title = t("chart.problems_age")
    open_ = [p for p in problems if p["state"] == "open"]
    if not open_:
        return _empty("problems-age", "columns", title, t("chart.empty.open_problems"))
    day = dt.date.fromisoformat(as_of)
    buckets = [t(f"chart.age.{i}") for i in range(len(AGE_LIMITS) + 1)]
    ages = [(_bucket((day - dt.date.fromisoformat(p["raised"])).days), p["major"]) for p in open_]
    major = tuple(float(sum(b == i and m for b, m in ages)) for i in range(len(buckets)))
    ordinary = tuple(float(sum(b == i and not m for b, m in ages)) for i in range(len(buckets)))
    series = (
        _counts("major", t("chart.s.major"), major, buckets, "red"),
        _counts("ordinary", t("chart.s.ordinary"), ordinary, buckets, "yellow"),
    )
    rows = tuple((b, count(m), count(o)) for b, m, o in zip(buckets, major, ordinary, strict=True))
    columns = (t("chart.c.age"), t("chart.s.major"), t("chart.s.ordinary"))
    return ChartSpec("problems-age", "columns", title, tuple(buckets), series, stacked=True, columns=columns, rows=rows)


def _bucket(days: int) -> int:
    return sum(days > limit for limit in AGE_LIMITS)


# ---------------------------------------------------------------- 6 目标


def targets(status: dict) -> list[ChartSpec]:
    """One chart per target: each scope's figure per year against what the target requires (the growth
    path's index, or the value to reach)."""
    found = status["targets"]
    if not found:
        return [_empty("target", "lines", t("chart.target", indicator=""), t("chart.empty.targets"))]
    return [target(document, f"target{number_}") for number_, document in enumerate(found, start=1)]


def target(document: dict, key: str) -> ChartSpec:
    title = t("chart.target", indicator=document["indicator"])
    field_ = "volume_index" if document["measure"] == "real_growth" else "value"
    years = sorted({row["year"] for scope in document["scopes"] for row in scope["years"] if row[field_] is not None})
    if not years:
        return _empty(key, "lines", title, t("chart.empty.statistics"))
    growth = field_ == "volume_index"
    labels = tuple(str(year) for year in years)
    series = []
    for index, scope in enumerate(document["scopes"]):
        by_year = {row["year"]: row[field_] for row in scope["years"]}
        values = tuple(by_year.get(year) for year in years)
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        series.append(_value_line(f"scope{index + 1}", _scope_name(scope["scope"]), values, labels, colour, "line"))
    series.append(_required(document, years, labels, growth))
    columns = (t("chart.c.year"), *(s.name for s in series))
    rows = tuple((label, *(_plain(s.values[i]) for s in series)) for i, label in enumerate(labels))
    note = t("chart.index_note", base=document["base_year"]) if growth else (document.get("unit") or "")
    return ChartSpec(key, "lines", title, labels, tuple(series), columns=columns, rows=rows, note=note)


def _required(document: dict, years: list[int], labels, growth: bool) -> Series:
    if growth:
        path = {row["year"]: row["target_index"] for scope in document["scopes"] for row in scope["years"]}
        return _value_line("path", t("chart.s.path"), tuple(path.get(y) for y in years), labels, INK, "dashed")
    value = float(document["target_value"])
    return _value_line("required", t("chart.s.target_value"), (value,) * len(years), labels, INK, "dashed")


def _value_line(key: str, name: str, values, labels, colour: str, style: Style) -> Series:
    titles = _titles(labels, name, values, "chart.title.value", _plain)
    return Series(key, name, tuple(values), style, (colour,), titles=titles)


def _plain(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def _scope_name(name: str) -> str:
    from jinsanjiao_cli.render.targets import scope_label

    return scope_label(name)


# ---------------------------------------------------------------- 7 考评


PARTS = (("C", "progress"), ("R", "reporting"), ("P", "problems"))
PART_COLOURS = {"C": "#1F4E78", "R": "#5B9BD5", "P": "#A9D18E"}


def assessment(document: dict) -> ChartSpec:
    """The scores as ranked bars, each split into its weighted parts C, R and P, which add up to the score.
    A unit's own effective weights are used where the document gives them; a P of null adds nothing."""
    title = t("chart.assessment")
    rows = document["units"]
    if not rows:
        return _empty("assessment", "hbar", title, t("chart.empty.units"))
    names = [u["name"] for u in rows]
    series = tuple(_part(letter, weight_key, rows, document["weights"]) for letter, weight_key in PARTS)
    columns = (t("chart.c.rank"), t("chart.c.unit"), "C", "R", "P", t("chart.c.score"))
    table = tuple(
        (str(u["rank"]), u["name"], number(u["C"]), number(u["R"]), number(u["P"]), number(u["score"])) for u in rows
    )
    return ChartSpec(
        "assessment",
        "hbar",
        title,
        tuple(short_unit(n) for n in names),
        series,
        stacked=True,
        percent=True,
        bar_labels=tuple(number(u["score"]) for u in rows),
        columns=columns,
        rows=table,
    )


def unit_weights(unit: dict, weights: dict) -> dict:
    return unit.get("weights") or weights


def _part(letter: str, weight_key: str, rows: list[dict], weights: dict) -> Series:
    name = t(f"chart.s.{letter}")
    values, titles, extras = [], [], []
    for unit in rows:
        score, weight = unit[letter], unit_weights(unit, weights)[weight_key]
        part = None if score is None else round(score * weight, 2)
        values.append(part)
        if score is None:
            titles.append(t("chart.title.no_p", label=unit["name"]))
        else:
            titles.append(
                t(
                    "chart.title.part",
                    label=unit["name"],
                    series=name,
                    score=number(score),
                    weight=f"{weight:g}",
                    value=number(part),
                )
            )
        extras.append(
            (
                ("name", unit["name"]),
                ("score", number(score)),
                ("weight", f"{weight:g}"),
                ("total", number(unit["score"])),
            )
        )
    return Series(
        letter, name, tuple(values), "bar", (PART_COLOURS[letter],), titles=tuple(titles), extras=tuple(extras)
    )


def cockpit_specs(status: dict, trend_document: dict, reports: dict | None, problems: list[dict], scores: dict):
    """Every chart of the cockpit, in its order (1 to 7)."""
    as_of = status["as_of"]
    return [
        trend(trend_document),
        units(status),
        tasks(status),
        sections(status),
        reporting(reports),
        problems_monthly(problems, as_of),
        problems_age(problems, as_of),
        *targets(status),
        assessment(scores),
    ]


def alt_text(spec: ChartSpec) -> str:
    """The chart in words, for where it cannot be seen: each series' values by category."""
    shown = number if spec.percent else _plain
    unit = "%" if spec.percent else ""
    parts = [
        t(
            "chart.alt.series",
            name=s.name,
            values=join(
                [
                    t("chart.alt.item", label=label, value=shown(value) + unit)
                    for label, value in zip(spec.categories, s.values, strict=True)
                    if value is not None
                ]
            ),
        )
        for s in spec.series
    ]
    return t("chart.alt", title=spec.title, series=t("chart.alt.separator").join(parts))


def drawn_text(spec: ChartSpec) -> str:
    """Every character a chart may draw: its labels and legend, and the axes' digits and signs."""
    return "".join((*spec.categories, *(s.name for s in spec.series), *spec.bar_labels, spec.note, "0123456789.-%"))
