"""Tables for the problem list: `jsj problem list`, and the problems of a task in `jsj status --task`."""

from __future__ import annotations

from jinsanjiao_cli.render import _table, console, write_csv, write_json
from jinsanjiao_cli.render.format import Format
from jinsanjiao_cli.text.i18n import join, register, t

register(
    {
        "problems.none": ("没有符合条件的问题", "no problems match"),
        "problems.title": ("需协调解决的问题", "Problems needing coordination"),
        "col.problem": ("问题", "Problem"),
        "col.needs": ("需协调单位", "Asked to act"),
        "col.raised": ("提出日期", "Raised"),
        "col.problem_due": ("解决时限", "Due"),
        "col.problem_state": ("状态", "State"),
        "problem.state.open": ("未销号", "open"),
        "problem.state.closed": ("已销号", "closed"),
        "problem.major": ("重大", "major"),
        "problem.overdue": ("逾期", "overdue"),
    }
)


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
            (t("col.no"), "right"),
            (t("col.unit"), "wrap", 3),
            (t("col.problem"), "wrap"),
            (t("col.needs"), "wrap", 5),
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
