"""The plan's targets and the statistics behind them: `jsj target`, `jsj indicator list|set`, and the target
lines of `jsj status`. A real-growth target shows its chained volume index against the target path; a
level or share target its latest value against the value to reach."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinsanjiao_cli.core.growth import Missing, ScopeTrack, TargetTrack
from jinsanjiao_cli.core.levels import LevelScope, LevelTrack
from jinsanjiao_cli.core.targets import PLAN_WIDE
from jinsanjiao_cli.core.values import fixed
from jinsanjiao_cli.render import _listing, _table, console, inert, write_csv, write_json
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import clauses, join, t
from jinsanjiao_cli.views.targets import target_document


def scope_label(name: str) -> str:
    return t("level.whole") if name == PLAN_WIDE else name


# ---------------------------------------------------------------- statistics


def indicator_records(rows) -> list[dict]:
    return [
        {
            "target": r["target_key"],
            "scope": r["scope"],
            "year": r["year"],
            "gdp": r["gdp"],
            "growth": r["growth"],
            "value": r["value"],
            "source": r["source"],
            "recorded_at": r["recorded_at"],
            "recorded_by": r["recorded_by"],
        }
        for r in rows
    ]


def show_indicators(rows, infos, output: Format) -> None:
    names = {info.key: info.indicator for info in infos}
    growth = any(info.measure == "real_growth" for info in infos)
    levels = any(info.measure != "real_growth" for info in infos)
    unit = next((info.level_unit for info in infos if info.measure == "real_growth"), "")
    columns: list[tuple[str | Callable[[], str], str, Callable[[Any], str]]] = [
        ("col.target", "left", lambda r: names.get(r["target"], r["target"] or "")),
        ("col.scope", "left", lambda r: scope_label(r["scope"])),
        ("col.year", "right", lambda r: str(r["year"])),
    ]
    if growth:
        columns += [
            (lambda: t("col.level_gdp", unit=unit), "right", lambda r: "" if r["gdp"] is None else f"{r['gdp']:,.2f}"),
            ("col.growth", "right", lambda r: "" if r["growth"] is None else f"{r['growth']:g}"),
        ]
    if levels:
        columns.append(("col.value", "right", lambda r: "" if r["value"] is None else f"{r['value']:,.2f}"))
    columns.append(("col.source", "wrap", lambda r: r["source"] or ""))
    _listing(indicator_records(rows), output, "indicator.none", columns)


def echo_indicator(info, scope: str, year: int, stored) -> None:
    if info.measure == "real_growth":
        gdp = "—" if stored["gdp"] is None else f"{stored['gdp']:g}{info.level_unit or ''}"
        figures = [
            t("indicator.figure", name=t("field.gdp"), value=gdp),
            t("indicator.figure", name=t("field.growth"), value=_rate(stored["growth"])),
        ]
    else:
        value = "—" if stored["value"] is None else f"{stored['value']:g}{info.unit or ''}"
        figures = [t("indicator.figure", name=info.indicator, value=value)]
    console().print(t("indicator.recorded", scope=scope_label(scope), year=year, figures=join(figures)))


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{fixed(value, 2)}%"


def _two(value: float | None) -> str:
    return "—" if value is None else fixed(value, 2)


# ---------------------------------------------------------------- one line per target


def target_line(track, info) -> str:
    if isinstance(track, LevelTrack):
        return _level_line(track, info)
    parts = []
    for scope in track.scopes:
        status = t(f"target.status.{scope.status}")
        if scope.realised_average is None:
            parts.append(t("target.scope_none", scope=scope.scope))
        elif scope.required_average is not None and scope.remaining_years > 0:
            parts.append(
                t(
                    "target.scope_need",
                    scope=scope.scope,
                    avg=_two(scope.realised_average),
                    need=_two(scope.required_average),
                )
            )
        else:
            parts.append(t("target.scope_avg", scope=scope.scope, avg=_two(scope.realised_average), status=status))
    return t(
        "target.line", indicator=info.indicator, rate=info.rate, year=info.target_year, base=track.base_year,
        scopes=clauses(parts),
    )  # fmt: skip


def _level_line(track: LevelTrack, info) -> str:
    unit = track.unit if track.unit != "%" else "%"
    parts = [_level_part(scope, unit) for scope in track.scopes]
    return t(
        "level.line", indicator=info.indicator, year=track.target_year, value=track.target_value, unit=unit,
        scopes=clauses(parts),
    )  # fmt: skip


def _level_part(scope: LevelScope, unit: str) -> str:
    name = scope_label(scope.scope)
    if scope.value is None:
        return t("level.scope_none", scope=name)
    if scope.required_growth is not None:
        return t(
            "level.scope_need",
            scope=name,
            year=scope.year,
            value=scope.value,
            unit=unit,
            need=_two(scope.required_growth),
        )
    if scope.required_per_year is not None:
        return t(
            "level.scope_points", scope=name, year=scope.year, value=scope.value, unit=unit,
            need=_two(scope.required_per_year),
        )  # fmt: skip
    status = t(f"level.status.{scope.status}")
    return t("level.scope", scope=name, year=scope.year, value=scope.value, unit=unit, status=status)


# ---------------------------------------------------------------- `jsj target`


def show_targets(tracks: list, output: Format) -> None:
    """Every target. JSON: the first target's document as 0.1 printed it, plus `targets` with all of them."""
    documents = [target_document(track, info) for track, info in tracks]
    if output is Format.json:
        first = documents[0] if documents else {}
        return write_json({**first, "targets": documents})
    if output is Format.csv:
        return write_csv(
            [{"target": d["key"], "scope": s["scope"], **y} for d in documents for s in d["scopes"] for y in s["years"]]
        )
    out = console()
    if not tracks:
        return out.print(t("targets.none"))
    for track, info in tracks:
        if isinstance(track, LevelTrack):
            _show_level(out, track, info)
        else:
            _show_growth(out, track, info)
    return None


def _show_growth(out, track: TargetTrack, info) -> None:
    from rich.text import Text

    out.print(Text(inert(target_line(track, info)), style="bold"))
    for scope in track.scopes:
        out.print(_growth_table(scope, info.level_unit or ""))
        out.print(_growth_summary(scope))
        if scope.missing:
            out.print(t("target.missing", items=_missing_text(scope.missing)), style="yellow")
    out.print(t("target.nominal_note"), style="dim")


def _show_level(out, track: LevelTrack, info) -> None:
    from rich.text import Text

    out.print(Text(inert(target_line(track, info)), style="bold"))
    columns = [(t("col.scope"), "wrap"), (t("col.year"), "right"), (t("col.value"), "right")]
    columns.append((t("col.target"), "right"))
    if track.measure == "level":
        columns.append((t("col.reached"), "right"))
    table = _table(None, columns)
    for scope in track.scopes:
        for year, value in scope.rows:
            cells = [scope_label(scope.scope), str(year), f"{value:,.2f}", f"{track.target_value:,.2f}"]
            if track.measure == "level":
                cells.append(_num(100 * value / track.target_value if track.target_value else None))
            table.add_row(*cells)
    out.print(table)


def _missing_text(missing: tuple[Missing, ...]) -> str:
    return join([t("target.missing_item", scope=m.scope, year=m.year, field=t(f"field.{m.field}")) for m in missing])


def _growth_summary(scope: ScopeTrack) -> str:
    return t(
        "target.summary",
        years=scope.years_chained,
        avg=_rate(scope.realised_average),
        rate=scope.target_rate,
        remaining=scope.remaining_years,
        need=_rate(scope.required_average if scope.remaining_years else None),
        status=t(f"target.status.{scope.status}"),
    )


def _growth_table(scope: ScopeTrack, unit: str):
    table = _table(
        scope.scope,
        [
            (t("col.year"), "right"),
            (t("col.level_gdp", unit=unit), "right"),
            (t("col.growth"), "right"),
            (t("col.nominal"), "right", 2),
            (t("col.index"), "right"),
            (t("col.target_index"), "right"),
            (t("col.gap"), "right"),
        ],
    )
    for row in scope.rows:
        table.add_row(
            str(row.year),
            "" if row.gdp is None else f"{row.gdp:,.2f}",
            _num(row.real_growth),
            _num(row.nominal_growth),
            _num(row.volume_index),
            _num(row.target_index),
            _num(row.gap),
        )
    return table


def _num(value: float | None) -> str:
    return "" if value is None else fixed(value, 2)
