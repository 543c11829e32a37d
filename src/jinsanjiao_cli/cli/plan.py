"""`jsj init`: create the database and load (or reload) the plan; `jsj plan check|draft`: plan files."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption, LangOption
from jinsanjiao_cli.core.errors import ExitStatus
from jinsanjiao_cli.text.i18n import join, t


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
    from jinsanjiao_cli import render
    from jinsanjiao_cli.actions.plan import init_ledger
    from jinsanjiao_cli.ledger.paths import database_location, is_default_location

    location = database_location(db)
    render.echo_init(location, init_ledger(location, plan_file, parents=is_default_location(db)))


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
    from jinsanjiao_cli.plans.plan import check_plan, plan_summary
    from jinsanjiao_cli.render import console, write_json
    from jinsanjiao_cli.render.terminal import inert

    report = check_plan(plan_file)
    if report.plan is None:
        for problem in report.problems:
            typer.echo(inert(problem.located(report.file)), err=True)
        raise typer.Exit(ExitStatus.ERROR)
    summary = plan_summary(report.plan)
    if output is SummaryFormat.json:
        write_json(summary)
    else:
        console().print(_summary_table(summary))


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
    from jinsanjiao_cli.core.errors import JsjError, PlanError
    from jinsanjiao_cli.plans.drafting import draft_from_file, summary_line
    from jinsanjiao_cli.plans.plan_yaml import shown

    if summary_format is SummaryFormat.json and output is None:
        raise JsjError(t("plancmd.json_needs_output"))
    drafted = draft_from_file(source)
    if output is None:
        sys.stdout.write(drafted.yaml)
        typer.echo(summary_line(drafted.summary, None), err=True)
        return
    if output.exists() and not force:
        raise PlanError(t("plancmd.exists", file=shown(output)))
    from jinsanjiao_cli.render.outfiles import write_text

    write_text(output, drafted.yaml)
    if summary_format is SummaryFormat.json:
        from jinsanjiao_cli.render import write_json

        write_json({"source": drafted.summary["source"], "output": shown(output), **drafted.summary})
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


def attach(app: typer.Typer) -> None:
    app.command()(init)
    app.add_typer(plan_app, name="plan")
