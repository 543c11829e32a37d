"""`jsj problem add|list|update|close|reopen`: the problem list (问题清单) and closure (销号)."""

from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import AsOfOption, DbOption, Format, FormatOption, LangOption

problem_app = typer.Typer(
    no_args_is_help=True,
    help="Problems that block a task and need someone to act, tracked until they are closed (销号).",
)

ByOption = Annotated[str | None, typer.Option("--by", help="Who records it (default: the OS user).")]
DateOption = Annotated[str | None, typer.Option("--date", "-d", help="The date (default: today).")]


def _today_or(text: str | None):
    import datetime as dt

    from jinsanjiao_cli.core.values import parse_date

    return parse_date(text, "--date") if text else dt.date.today()


def _who(by: str | None) -> str:
    from jinsanjiao_cli.core.values import check_text
    from jinsanjiao_cli.ledger import stamps

    return check_text(by, "--by", one_line=True) or stamps.current_user()


@problem_app.command("add")
def add(
    task: Annotated[int, typer.Argument(help="Task number.")],
    unit: Annotated[str, typer.Option("--unit", "-u", help="The responsible unit raising it.")],
    text: Annotated[str, typer.Option("--text", help="The problem, in a sentence or two.")],
    needs: Annotated[
        list[str] | None, typer.Option("--needs", help="A unit asked to act (repeat for several).")
    ] = None,
    major: Annotated[bool, typer.Option("--major", help="Major: to be reported to the provincial government.")] = False,
    due: Annotated[str | None, typer.Option("--due", help="The date by which it should be solved.")] = None,
    date: DateOption = None,
    by: ByOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Raise a problem on a task; prints its number.

    Example: jsj problem add 9 --unit 省商务厅 --text "项目用地指标不足" --needs 省财政厅 --major --due 2022-09-30
    """
    from jinsanjiao_cli.actions import problems
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.values import parse_date
    from jinsanjiao_cli.ledger import store
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import t

    ledger = open_db(db)
    problem_id = problems.raise_problem(
        ledger,
        task,
        store.find_unit(ledger, unit),
        text,
        needs=[store.find_unit(ledger, name) for name in needs or []],
        major=major,
        due=parse_date(due, "--due") if due else None,
        raised=_today_or(date),
        by=_who(by),
    )
    console().print(t("problem.added", id=problem_id, task=task))


@problem_app.command("list")
def list_(
    closed: Annotated[bool, typer.Option("--closed", help="Only closed problems.")] = False,
    every: Annotated[bool, typer.Option("--all", help="Open and closed problems.")] = False,
    open_: Annotated[bool, typer.Option("--open", help="Only open problems (the default).")] = False,
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="Problems this unit raised or is asked to act on.")
    ] = None,
    task: Annotated[int | None, typer.Option("--task", "-t", help="Only this task.")] = None,
    major: Annotated[bool, typer.Option("--major", help="Only major problems.")] = False,
    as_of: AsOfOption = None,
    output: FormatOption = Format.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """List problems: major first, then overdue ones. Open ones by default.

    Example: jsj problem list --unit 省商务厅 --format json
    """
    from jinsanjiao_cli.actions import reading
    from jinsanjiao_cli.cli.common import as_of_date, open_db
    from jinsanjiao_cli.render.problems import show_problems

    state = None if every else ("closed" if closed else "open")
    found = reading.problem_list(open_db(db), as_of_date(as_of), state=state, unit=unit, task=task, major=major)
    show_problems(found, output)


@problem_app.command("update")
def update(
    problem_id: Annotated[int, typer.Argument(help="The problem's number.")],
    note: Annotated[str, typer.Option("--note", "-n", help="What happened.")],
    date: DateOption = None,
    by: ByOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Add a dated progress note to a problem.

    Example: jsj problem update 3 --note "已与省自然资源厅对接"
    """
    from jinsanjiao_cli.actions import problems
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import t

    problems.note(open_db(db), problem_id, note, _today_or(date), _who(by))
    console().print(t("problem.updated", id=problem_id))


@problem_app.command("close")
def close(
    problem_id: Annotated[int, typer.Argument(help="The problem's number.")],
    note: Annotated[str, typer.Option("--note", "-n", help="How it was solved (required).")],
    evidence: Annotated[str | None, typer.Option("--evidence", help="Evidence: a document number, a file…")] = None,
    date: DateOption = None,
    by: ByOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Close a problem (销号) with a note; who and when are recorded.

    Example: jsj problem close 3 --note "用地指标已下达" --evidence "晋自然资函〔2022〕12号"
    """
    from jinsanjiao_cli.actions import problems
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import t

    problems.close(open_db(db), problem_id, note, evidence, _today_or(date), _who(by))
    console().print(t("problem.closed", id=problem_id))


@problem_app.command("reopen")
def reopen(
    problem_id: Annotated[int, typer.Argument(help="The problem's number.")],
    note: Annotated[str, typer.Option("--note", "-n", help="Why it is open again (required).")],
    date: DateOption = None,
    by: ByOption = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Reopen a closed problem, with a note.

    Example: jsj problem reopen 3 --note "指标未落实到项目"
    """
    from jinsanjiao_cli.actions import problems
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import t

    problems.reopen(open_db(db), problem_id, note, _today_or(date), _who(by))
    console().print(t("problem.reopened", id=problem_id))


def attach(app: typer.Typer) -> None:
    app.add_typer(problem_app, name="problem")
