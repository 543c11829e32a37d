"""The settings a ledger may override without editing its plan file (`jsj settings`): pure rules.

A plan file carries its settings (docs/plan-format.md); an office that adopts jsj after the plan has begun,
or that weighs the assessment differently, sets a few of them for its own ledger instead. The list is
short on purpose — the reporting schedule, the lights and the assessment's weights — and each value is
checked when it is set, alone and against the settings in force (a red threshold below the yellow one,
a first period after the last, weights that do not sum to 1 are refused). Overrides are kept as canonical
text (`setting` table) and laid over the plan's values wherever the ledger reads them (`apply`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, NamedTuple

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.schedule import Frequency, month_of, period_after, period_holding, period_label, relabel
from jinsanjiao_cli.core.values import PLAIN_NUMBER, fold
from jinsanjiao_cli.text.i18n import t

Columns = dict[str, Any]  # the plan row's setting columns (report_frequency, yellow_behind, …)


class Key(NamedTuple):
    columns: tuple[str, ...]  # the plan columns the setting stands for
    parse: Callable[[str, Columns], tuple[Any, ...]]  # typed text → the columns' values (BadValue if not)
    show: Callable[[tuple[Any, ...]], str]  # the columns' values as text (canonical, as stored)


def _number(text: str, low: float, high: float) -> float:
    cleaned = fold(text)
    if not PLAIN_NUMBER.fullmatch(cleaned) or not low <= float(cleaned) <= high:
        raise ValueError
    return float(cleaned) + 0.0


def _frequency(text: str, _: Columns) -> tuple[Any, ...]:
    if fold(text).lower() not in ("monthly", "quarterly"):
        raise ValueError
    return (fold(text).lower(),)


def _due_day(text: str, _: Columns) -> tuple[Any, ...]:
    day = _number(text, 1, 31)
    if day != int(day):
        raise ValueError
    return (int(day),)


def _period(text: str, columns: Columns) -> tuple[Any, ...]:
    return (period_label(text, columns["report_frequency"] or "monthly"),)


def _points(text: str, _: Columns) -> tuple[Any, ...]:
    return (_number(text, 0, 100),)


def _share(text: str, _: Columns) -> tuple[Any, ...]:
    return (_number(text, 0, 1),)


def _weights(text: str, _: Columns) -> tuple[Any, ...]:
    parts = [part for part in fold(text).replace("，", ",").split(",")]
    if len(parts) != 3:
        raise ValueError
    return tuple(_number(part, 0, 1) for part in parts)


def _g(values: tuple[Any, ...]) -> str:
    return ",".join(f"{value:g}" for value in values)


def _text(values: tuple[Any, ...]) -> str:
    return str(values[0])


KEYS: dict[str, Key] = {
    "reporting.frequency": Key(("report_frequency",), _frequency, _text),
    "reporting.due_day": Key(("report_due_day",), _due_day, _text),
    "reporting.first_period": Key(("report_first",), _period, _text),
    "reporting.last_period": Key(("report_last",), _period, _text),
    "lights.yellow_behind": Key(("yellow_behind",), _points, _g),
    "lights.red_behind": Key(("red_behind",), _points, _g),
    "assessment.weights": Key(("weight_progress", "weight_reporting", "weight_problems"), _weights, _g),
    "assessment.late_weight": Key(("late_weight",), _share, _g),
}


def apply(columns: Columns, overrides: dict[str, str]) -> Columns:
    """The plan's setting columns with the ledger's overrides laid over them. Period labels follow the
    frequency in force, so a quarterly override turns a plan's 2022-05 into 2022Q2."""
    merged = dict(columns)
    for key, text in overrides.items():
        if key in KEYS and key != "reporting.first_period" and key != "reporting.last_period":
            merged.update(zip(KEYS[key].columns, KEYS[key].parse(text, merged), strict=True))
    frequency: Frequency | None = merged.get("report_frequency")
    for key, column in (("reporting.first_period", "report_first"), ("reporting.last_period", "report_last")):
        label = overrides.get(key, merged.get(column))
        if frequency is not None and label is not None:
            merged[column] = relabel(label, frequency, last=column == "report_last")
    return merged


def check(key: str, text: str, columns: Columns, overrides: dict[str, str]) -> str:
    """The canonical text of a setting as typed, checked alone and against the settings in force."""
    if key not in KEYS:
        raise BadValue(t("settings.unknown_key", setting=key, keys=", ".join(KEYS)))
    in_force = apply(columns, {k: v for k, v in overrides.items() if k != key})
    try:
        canonical = KEYS[key].show(KEYS[key].parse(text, in_force))
    except ValueError as exc:  # a period's own message says the form it expects
        reason = str(exc) or t(f"settings.bad.{key}", value=text)
        raise BadValue(t("settings.bad", setting=key, reason=reason)) from None
    consistent(apply(columns, {**overrides, key: canonical}), key)
    return canonical


def consistent(merged: Columns, key: str) -> None:
    """Refuse settings that contradict each other, naming the setting being set."""
    if merged["red_behind"] < merged["yellow_behind"]:
        raise BadValue(
            t("settings.red_below_yellow", setting=key, red=merged["red_behind"], yellow=merged["yellow_behind"])
        )
    first, last = schedule_bounds(merged)
    if first is not None and last is not None and month_of(first) > month_of(last):
        raise BadValue(t("settings.first_after_last", setting=key, first=first, last=last))
    total = merged["weight_progress"] + merged["weight_reporting"] + merged["weight_problems"]
    if abs(total - 1) > 1e-6:
        raise BadValue(t("settings.weights_sum", setting=key, total=round(total, 9)))


def schedule_bounds(merged: Columns) -> tuple[str | None, str | None]:
    """The first and last periods in force, the defaults filled in from the plan's dates (docs/plan-format.md);
    (None, None) for a plan without a schedule."""
    frequency = merged.get("report_frequency")
    if frequency is None:
        return None, None
    issued, end = (_day(merged[name]) for name in ("issued_on", "period_end"))
    first = merged.get("report_first") or period_after(issued, frequency)
    return first, merged.get("report_last") or period_holding(end, frequency)


def _day(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


def shown(key: str, columns: Columns) -> str | None:
    """A setting's value as text from (merged) columns; None when the plan leaves it to its default."""
    values = tuple(columns.get(column) for column in KEYS[key].columns)
    return None if any(value is None for value in values) else KEYS[key].show(values)
