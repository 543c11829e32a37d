"""`jsj user …`: the web portal's accounts (add, list, disable, enable, reset, log)."""

import sys
from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption, FormatOption, LangOption
from jinsanjiao_cli.render.format import Format

user_app = typer.Typer(no_args_is_help=True, help="Accounts of the web portal (jsj serve): units, analysts, viewers.")

PasswordStdin = Annotated[
    bool,
    typer.Option("--password-stdin", help="Read the password from standard input instead of making one up."),
]


def _stdin_password(wanted: bool) -> str | None:
    """The password piped in (its first line), or None to have one made up. Never echoed."""
    if not wanted:
        return None
    return sys.stdin.readline().rstrip("\r\n")


def _show_password(name: str, password: str | None, made: str) -> None:
    from jinsanjiao_cli.text.i18n import t

    if password is None:  # made up here: shown this once, never stored or logged
        typer.echo(t("user.initial_password", name=name, password=made))


@user_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The account's login name.")],
    unit: Annotated[
        str | None, typer.Option("--unit", "-u", help="A unit account: it acts for this unit only.")
    ] = None,
    analyst: Annotated[bool, typer.Option("--analyst", help="An analyst: does what the CLI does.")] = False,
    viewer: Annotated[bool, typer.Option("--viewer", help="A viewer (a leader): reads everything.")] = False,
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Add an account; prints a one-time initial password unless --password-stdin gives one.

    Example: jsj user add jiaotong --unit 省交通厅
    """
    from jinsanjiao_cli.actions import accounts
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.errors import BadValue
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.text.i18n import t

    roles = [role for role, chosen in (("unit", unit is not None), ("analyst", analyst), ("viewer", viewer)) if chosen]
    if len(roles) != 1:
        raise BadValue(t("user.one_role"))
    given = _stdin_password(password_stdin)
    account, password = accounts.add(open_db(db), name, roles[0], unit, given, current_user())  # type: ignore[arg-type]
    typer.echo(t("user.added", name=account.name, role=t(f"user.role.{account.role}"), unit=account.unit or ""))
    _show_password(account.name, given, password)


@user_app.command("list")
def list_(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """List the accounts: role, unit, whether disabled or locked. Never a password.

    Example: jsj user list --format json
    """
    import datetime as dt

    from jinsanjiao_cli.actions import accounts
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger.accounts import stamp
    from jinsanjiao_cli.render.accounts import show_accounts
    from jinsanjiao_cli.views.accounts import accounts_document

    now = stamp(dt.datetime.now(dt.UTC))
    show_accounts(accounts_document(accounts.every(open_db(db)), now), output)


@user_app.command("disable")
def disable(
    name: Annotated[str, typer.Argument(help="The account's login name.")],
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Disable an account: it cannot sign in, and its open sessions end at once.

    Example: jsj user disable jiaotong
    """
    _set_disabled(name, db, True)


@user_app.command("enable")
def enable(
    name: Annotated[str, typer.Argument(help="The account's login name.")],
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Enable a disabled account again (its password is unchanged).

    Example: jsj user enable jiaotong
    """
    _set_disabled(name, db, False)


def _set_disabled(name: str, db: str | None, disabled: bool) -> None:
    from jinsanjiao_cli.actions import accounts
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.text.i18n import t

    account = accounts.set_disabled(open_db(db), name, disabled, current_user())
    typer.echo(t("user.disabled" if disabled else "user.enabled", name=account.name))


@user_app.command("reset")
def reset(
    name: Annotated[str, typer.Argument(help="The account's login name.")],
    password_stdin: PasswordStdin = False,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Give an account a new password (a one-time one unless --password-stdin); its sessions end at once
    and any lock is lifted.

    Example: jsj user reset jiaotong
    """
    from jinsanjiao_cli.actions import accounts
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.text.i18n import t

    given = _stdin_password(password_stdin)
    account, password = accounts.reset(open_db(db), name, given, current_user())
    typer.echo(t("user.reset", name=account.name))
    _show_password(account.name, given, password)


@user_app.command("log")
def log(
    name: Annotated[str | None, typer.Argument(help="Only this account (the name as typed at login).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="The newest N entries.", min=1)] = 50,
    output: FormatOption = Format.table,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """The login log, newest first: every login, failure, lock, logout and change to an account.

    Example: jsj user log jiaotong --limit 20
    """
    from jinsanjiao_cli.actions import accounts
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.render.accounts import show_log
    from jinsanjiao_cli.views.accounts import log_document

    show_log(log_document(accounts.log(open_db(db), name, limit)), output)


def attach(app: typer.Typer) -> None:
    app.add_typer(user_app, name="user")
