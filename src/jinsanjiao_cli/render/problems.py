"""Tables for the problem list: `jsj problem list`, and the problems of a task in `jsj status --task`."""

from __future__ import annotations

from jinsanjiao_cli.render import _table, console, write_csv, write_json
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import join, t


def _flags(problem: dict) -> str:
    flags = [t(f"problem.state.{problem['state']}")]
    if problem["major"]:
        flags.append(t("problem.major"))
    if problem["overdue"]:
        flags.append(t("problem.overdue"))
    return join(flags)


def problems_table(problems: list[dict], title: str | None = None):
    table = _table(
        title,
        [
            (t("col.id"), "right"),
            (t("col.no"), "right", 3),  # the units stay before the task's number goes
            (t("col.unit"), "wrap"),
            (t("col.problem"), "wrap"),
            (t("col.needs"), "wrap", 2),  # the units asked to act outlast the date and number
            (t("col.raised"), "left", 4),
            (t("col.problem_due"), "left"),
            (t("col.problem_state"), "left"),
        ],
    )
    for p in problems:
        table.add_row(
            str(p["id"]),
            str(p["task"]),
            p["unit"],
            p["text"],
            join(p["needs"]),
            p["raised"],
            p["due"] or "",
            _flags(p),
        )
    return table


def _flat(problem: dict) -> dict:
    return {**problem, "needs": problem["needs"], "updates": len(problem["updates"])}


def show_problems(problems: list[dict], output: Format) -> None:
    if output is Format.json:
        return write_json(problems)
    if output is Format.csv:
        return write_csv([_flat(p) for p in problems])
    if not problems:
        return console().print(t("problems.none"))
    console().print(problems_table(problems))
    return None
