"""The root `jsj` command: wires the command modules together and turns our errors into one line and an exit code.

Exit codes: `core.errors.ExitStatus` (0 success; 1 an error the user can fix, message on stderr; 2 a usage
error; 3 a --fail-on threshold met; 4 a notice not delivered).
"""

import os
import sys
from collections.abc import Sequence
from typing import Any, Protocol, TypeGuard

import typer
from typer.core import TyperGroup

from jinsanjiao_cli import __version__
from jinsanjiao_cli.cli import (
    assess,
    bulletin,
    dashboard,
    db,
    indicator,
    plan,
    problems,
    record,
    reports,
    serve,
    settings,
    sheets,
    status,
    units,
    users,
)
from jinsanjiao_cli.core.errors import ExitStatus

_debug = {"on": bool(os.environ.get("JSJ_DEBUG"))}


class JsjGroup(TyperGroup):
    """Runs every command inside the error mapping, so CliRunner tests see exactly what users see."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Usage errors (a missing or unknown option, a bad choice) as one `jsj:` line with a hint, exit 2,
        like every other error, instead of click's three lines of usage."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
        from jinsanjiao_cli.text.i18n import set_lang

        set_lang(None)  # JSJ_LANG, for an error found before any command's --lang is read
        try:
            code = super().main(
                args, prog_name, complete_var, standalone_mode=False, windows_expand_args=windows_expand_args, **extra
            )
        except Exception as exc:
            if not _is_usage_error(exc):
                raise
            if type(exc).__name__ == "NoArgsIsHelpError":  # plain `jsj` or `jsj db`: the help is the answer
                typer.echo(exc.format_message())
                sys.exit(ExitStatus.OK)
            from jinsanjiao_cli.render.safe_text import inert_text

            typer.echo(f"jsj: {inert_text(_usage_line(exc))}", err=True)
            sys.exit(ExitStatus.USAGE)
        except typer.Abort:
            from jinsanjiao_cli.text.i18n import t

            typer.echo(t("cli.aborted"), err=True)
            sys.exit(ExitStatus.ERROR)
        sys.exit(code if isinstance(code, int) else ExitStatus.OK)

    def invoke(self, ctx):
        from jinsanjiao_cli.core.errors import JsjError

        try:
            return super().invoke(ctx)
        except JsjError as exc:
            if _debug["on"]:
                raise
            _fail(str(exc), exc.exit_code)
        except BrokenPipeError:
            raise  # `jsj status | head`: handled quietly in main()
        except OSError as exc:
            if _debug["on"]:
                raise
            _fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "), ExitStatus.ERROR)
        except Exception as exc:
            if _debug["on"] or _is_typer_flow(exc):
                raise
            _fail(t_internal(exc), ExitStatus.ERROR)


class _UsageError(Protocol):
    exit_code: int

    def format_message(self) -> str: ...


def _is_usage_error(exc: BaseException) -> TypeGuard[_UsageError]:
    # Typer vendors click, so its UsageError is recognised by what it carries rather than by import.
    return getattr(exc, "exit_code", None) == ExitStatus.USAGE and hasattr(exc, "format_message")


def _usage_line(exc) -> str:
    from jinsanjiao_cli.cli.usage import usage_message
    from jinsanjiao_cli.text.i18n import lang, t

    context = getattr(exc, "ctx", None)
    path = context.command_path if context is not None else "jsj"
    return usage_message(exc) + (" " if lang() == "en" else "") + t("cli.try_help", command=path)


def _is_typer_flow(exc: Exception) -> bool:
    """Exit, Abort and usage errors are how Typer ends a command; they are not bugs."""
    return isinstance(exc, typer.Exit | typer.Abort) or hasattr(exc, "exit_code")


def t_internal(exc: Exception) -> str:
    # A bug, not bad input: still one line, and --debug shows where.
    from jinsanjiao_cli.text.i18n import t

    return t("cli.internal", kind=type(exc).__name__, error=exc)


def _fail(message: str, code: int):
    from jinsanjiao_cli.core.secrets import scrub_secrets
    from jinsanjiao_cli.render.safe_text import inert_text

    # A message may quote a value, a file name or a driver's words: shown, never obeyed by the terminal.
    typer.echo(f"jsj: {inert_text(scrub_secrets(message))}", err=True)
    raise typer.Exit(code)


def _print_traceback() -> None:
    """--debug: the traceback, with any database password taken out (it may sit in a message)."""
    import traceback

    from jinsanjiao_cli.core.secrets import scrub_secrets

    sys.stderr.write(scrub_secrets(traceback.format_exc()))


app = typer.Typer(
    cls=JsjGroup,
    name="jsj",
    help="jsj: track a work plan (工作方案) and its supervision cycle: progress reports against 序时进度, "
    "reporting, problems, bulletins and scores. One database holds one plan; the bundled plan is the default.\n\n"
    "Example: jsj status --as-of 2022-06-30",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    # Plain help and usage errors: Rich-formatted help costs ~40 ms of imports on every `jsj --help`.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jsj {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks instead of one-line errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """Track a work plan: record progress, see it against the schedule, report on it, export ledgers."""
    if debug:
        _debug["on"] = True


plan.attach(app)
record.attach(app)
status.attach(app)
indicator.attach(app)
sheets.attach(app)
reports.attach(app)
problems.attach(app)
assess.attach(app)
bulletin.attach(app)
dashboard.attach(app)
units.attach(app)
settings.attach(app)
users.attach(app)
serve.attach(app)
db.attach(app)


def main() -> None:
    # Whatever slips past the renderers (a file name that is not UTF-8 in some message) is written with its
    # odd characters escaped rather than ending the command in an encoding error.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        # The reader went away (`jsj history | head`): not an error; keep Python from complaining at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(ExitStatus.OK)
    except Exception:  # only with --debug: otherwise JsjGroup has turned every error into one line
        _print_traceback()
        sys.exit(ExitStatus.ERROR)
