"""`jsj init`: create the database and load (or reload) the plan; `jsj plan check|draft`: plan files."""

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from jinsanjiao_cli.i18n import join, register, t
from jinsanjiao_cli.options import DbOption, LangOption

register(
    {
        "plancmd.exists": ("{file} 已存在；如要替换请加 --force", "{file} exists; add --force to replace it"),
        "plancmd.json_needs_output": (
            "--format json 需要 --output：草稿写入该文件，摘要输出到标准输出",
            "--format json needs --output: the draft goes to that file, the summary to stdout",
        ),
        "plancmd.issued": ("印发", "issued by"),
        "plancmd.period": ("实施期", "period"),
        "plancmd.parts": ("部分", "parts"),
        "plancmd.sections": ("节", "sections"),
        "plancmd.items": ("事项", "items"),
        "plancmd.items_value": (
            "计入完成度 {counted} 项，不计入 {not_counted} 项",
            "{counted} counted, {not_counted} not counted",
        ),
        "plancmd.units": ("责任单位", "units"),
        "plancmd.assignments": ("任务分工", "assignments"),
        "plancmd.assignments_value": ("{count} 项（其中牵头 {leads} 项）", "{count} ({leads} as lead)"),
        "plancmd.projects": ("项目", "projects"),
        "plancmd.target": ("目标", "target"),
        "plancmd.growth": ("年均实际增长 {rate:g}%", "real growth of {rate:g}% a year"),
        "plancmd.reach": ("达到 {amount}", "reaching {amount}"),
        "plancmd.reporting": ("报送", "reporting"),
        "plancmd.no_reporting": ("无报送安排", "no reporting schedule"),
        "plancmd.monthly": (
            "每月，{due_day} 日前报送，{first_period} 至 {last_period}，每期 {reports_per_period} 份",
            "monthly, due on day {due_day}, {first_period} to {last_period}, {reports_per_period} reports a period",
        ),
        "plancmd.quarterly": (
            "每季度，季末月 {due_day} 日前报送，{first_period} 至 {last_period}，每期 {reports_per_period} 份",
            "quarterly, due on day {due_day} of the quarter's last month, {first_period} to {last_period}, "
            "{reports_per_period} reports a period",
        ),
    }
)


def init(
    plan_file: Annotated[
        Path | None,
        typer.Option("--plan", help="Plan YAML to load. Default: $JSJ_PLAN, else the bundled data/plan.yaml."),
    ] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Create the database and load the plan (--plan, else $JSJ_PLAN, else the bundled plan); run again to
    update the plan in place.

    Recorded progress is kept. A plan change that would orphan recorded progress (a removed task, unit
    assignment or project that has reports) is refused and nothing changes.

    Example: jsj init --plan data/plan.yaml --db ~/jsj.sqlite3
    """
    from jinsanjiao_cli import render, store
    from jinsanjiao_cli.paths import database_location, default_plan_path
    from jinsanjiao_cli.plan import load_plan
    from jinsanjiao_cli.plan_store import load_plan_into

    plan, digest = load_plan(plan_file or default_plan_path())
    location = database_location(db)
    ledger = store.open_ledger(location, with_plan=False)  # creates and migrates
    summary = load_plan_into(ledger, plan, digest)
    render.echo_init(location, summary)


# ---------------------------------------------------------------- jsj plan check | draft

plan_app = typer.Typer(
    help="Check a plan file, or draft one from an official plan text.\n\nExample: jsj plan check data/plan.yaml",
    no_args_is_help=True,
)


class SummaryFormat(str, Enum):
    table = "table"
    json = "json"


@plan_app.command("check")
def check(
    plan_file: Annotated[Path, typer.Argument(metavar="FILE", help="The plan YAML to check.")],
    output: Annotated[SummaryFormat, typer.Option("--format", "-f", help="Output format.")] = SummaryFormat.table,
    lang: LangOption = None,
) -> None:
    """Check a plan file and summarise it; no database is touched.

    Every problem is printed on stderr, one a line as FILE:LINE: PATH: MESSAGE, and the exit code is 1.
    A valid plan gets its summary: parts, sections, items, units, assignments, projects, targets and the
    reporting schedule (--format json gives the same as data).

    Example: jsj plan check data/plan.yaml --format json
    """
    from jinsanjiao_cli.plan import check_plan, plan_summary

    report = check_plan(plan_file)
    if report.plan is None:
        for problem in report.problems:
            typer.echo(problem.located(report.file), err=True)
        raise typer.Exit(1)
    summary = plan_summary(report.plan)
    if output is SummaryFormat.json:
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    else:
        from rich.console import Console

        Console(highlight=False).print(_summary_table(summary))


@plan_app.command("draft")
def draft(
    source: Annotated[
        Path,
        typer.Argument(
            metavar="SOURCE",
            help="The plan text (.txt in UTF-8 or GB18030, .docx) or its task table (.xlsx, .xls, .ods, .csv).",
        ),
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the draft here, not to stdout.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")] = False,
    summary_format: Annotated[
        SummaryFormat, typer.Option("--format", "-f", help="The summary as a line, or as JSON (needs --output).")
    ] = SummaryFormat.table,
    lang: LangOption = None,
) -> None:
    """Draft a plan.yaml from an official plan text or task table.

    What the source leaves open is marked # TODO: at the key it concerns, never filled with an invented value.

    Reads the title, issuer and date, parts (一、), sections ((一)), items numbered 1. or (一), and each item's
    units from its responsibility clause ((责任单位:…), (牵头单位:…;配合单位:…), (…牵头,…配合), 牵头单位:… lines),
    the first as lead unless the text says otherwise; task tables in a .docx or a sheet, with 完成时限 as the
    task's deadline. The summary (on stderr when the draft goes to stdout) counts what was found and the TODOs
    left by kind; --format json gives it as data.

    Example: jsj plan draft data/source/plan-2021-shanxi-jsj.txt -o plan.yaml --format json
    """
    from jinsanjiao_cli.errors import JsjError, PlanError
    from jinsanjiao_cli.io.drafting import draft_from_file, summary_line
    from jinsanjiao_cli.plan_yaml import shown

    if summary_format is SummaryFormat.json and output is None:
        raise JsjError(t("plancmd.json_needs_output"))
    drafted = draft_from_file(source)
    if output is None:
        sys.stdout.write(drafted.yaml)
        typer.echo(summary_line(drafted.summary, None), err=True)
        return
    if output.exists() and not force:
        raise PlanError(t("plancmd.exists", file=shown(output)))
    from jinsanjiao_cli.outfiles import write_text

    write_text(output, drafted.yaml)
    if summary_format is SummaryFormat.json:
        summary = {"source": drafted.summary["source"], "output": shown(output), **drafted.summary}
        sys.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
    else:
        typer.echo(summary_line(drafted.summary, shown(output)))


def _summary_table(summary: dict):
    """Two columns, label and value; every value is plan text, shown literally (never as Rich markup)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE, show_header=False, title=Text(summary["title"]), title_justify="left")
    table.add_column(no_wrap=True)
    table.add_column(overflow="fold")
    for key, value in _summary_rows(summary):
        table.add_row(t(f"plancmd.{key}"), Text(value))
    return table


def _summary_rows(summary: dict) -> list[tuple[str, str]]:
    items = summary["items"]
    rows = [
        ("issued", f"{summary['issuer']} {summary['issued_on']}"),
        ("period", f"{summary['period']['start']} – {summary['period']['end']}"),
        ("parts", str(summary["parts"])),
        ("sections", str(summary["sections"])),
        ("items", t("plancmd.items_value", counted=items["counted"], not_counted=items["not_counted"])),
        ("units", str(summary["units"])),
        ("assignments", t("plancmd.assignments_value", count=summary["assignments"], leads=summary["leads"])),
        ("projects", str(summary["projects"])),
    ]
    rows += [("target", _target_text(target)) for target in summary["targets"]] or [("target", "—")]
    return [*rows, ("reporting", _reporting_text(summary["reporting"]))]


def _target_text(target: dict) -> str:
    if target["measure"] == "real_growth":
        goal = t("plancmd.growth", rate=target["annual_growth"])
    else:
        goal = t("plancmd.reach", amount=_amount(target["value"], target["unit"]))
    areas = join(target["scopes"]) + (f"; {target['zone']}" if target["zone"] else "")
    text = f"{target['key']}: {target['indicator']} {goal} ({target['target_year']})"
    return f"{text} [{areas}]" if areas else text


def _amount(value: float, unit: str) -> str:
    # 120家, 90%: Chinese units and the percent sign follow the number directly; a Latin unit is spaced.
    return f"{value:g}{unit}" if unit == "%" or not unit.isascii() else f"{value:g} {unit}"


def _reporting_text(reporting: dict | None) -> str:
    if reporting is None:
        return t("plancmd.no_reporting")
    return t(f"plancmd.{reporting['frequency']}", **reporting)


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.add_typer(plan_app, name="plan")
