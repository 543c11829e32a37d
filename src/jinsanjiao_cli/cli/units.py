"""`jsj unit set` and `jsj unit list`: the responsible units, their tasks and their contacts."""

from typing import Annotated

import typer

from jinsanjiao_cli.cli.options import DbOption, Format, FormatOption, LangOption

unit_app = typer.Typer(
    no_args_is_help=True,
    help="Responsible units: their tasks and contacts (for 催报); units outside the plan that problems need.",
)


@unit_app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="The unit's name, as people write it: 省自然资源厅.")],
    full_name: Annotated[str | None, typer.Option("--full-name", help="Its full name (default: NAME).")] = None,
    alias: Annotated[
        list[str] | None, typer.Option("--alias", help="Another name it may be typed as (repeat for several).")
    ] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Register a coordinating unit the plan does not name: it can be asked to act on problems (--needs) and
    given a contact, owes no reports, and shows in no progress table; a plan reload keeps it.

    Example: jsj unit add 省自然资源厅 --full-name 山西省自然资源厅 --alias 自然资源厅
    """
    from jinsanjiao_cli.actions.units import add_unit
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import t

    added = add_unit(open_db(db), name, full_name=full_name, aliases=alias or [])
    console().print(t("units.added", name=added))


@unit_app.command("set")
def set_(
    unit: Annotated[str, typer.Argument(help="The unit: full name, written name or alias.")],
    contact: Annotated[str | None, typer.Option("--contact", help="Contact person's name.")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone: digits, spaces, - + ( ).")] = None,
    email: Annotated[str | None, typer.Option("--email", help="Email address.")] = None,
    notify: Annotated[
        list[str] | None,
        typer.Option(
            "--notify",
            help="Where the unit's notices go (jsj remind --send): an Apprise URL such as mailtos://…,"
            " wecombot://KEY, dingtalk://SECRET@TOKEN, json://host/path. Repeat for several; --notify '' clears.",
        ),
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who records (default: the OS user).")] = None,
    db: DbOption = None,
    lang: LangOption = None,
) -> None:
    """Record a unit's contact and where its notices go (kept by `jsj init`; fields not given keep their
    stored value; --notify replaces the unit's addresses, each checked before anything is stored).

    Example: jsj unit set 省交通厅 --contact 张三 --phone "0351-1234567" --email zhangsan@example.cn
    """
    from jinsanjiao_cli.actions.units import set_unit
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.core.secrets import mask_address
    from jinsanjiao_cli.core.values import check_text
    from jinsanjiao_cli.ledger.stamps import current_user
    from jinsanjiao_cli.render import console
    from jinsanjiao_cli.text.i18n import join, t

    who = check_text(by, "--by", one_line=True) or current_user()
    stored = set_unit(open_db(db), unit, contact=contact, phone=phone, email=email, notify=notify, by=who)
    out = console()
    if stored.notify is not None:
        shown = "、".join(mask_address(address) for address in stored.notify)
        cleared = t("units.notify_cleared", unit=stored.unit)
        out.print(t("units.notify_set", unit=stored.unit, addresses=shown) if stored.notify else cleared)
    if stored.contact is not None:
        parts = (stored.contact.contact, stored.contact.phone, stored.contact.email)
        out.print(t("units.contact_set", unit=stored.unit, contact=join([part for part in parts if part])))


@unit_app.command("list")
def list_(output: FormatOption = Format.table, db: DbOption = None, lang: LangOption = None) -> None:
    """List the units: full name, aliases, tasks led and supported, contact, notice addresses (secrets masked).

    Example: jsj unit list --format csv
    """
    from jinsanjiao_cli.actions.units import notice_addresses
    from jinsanjiao_cli.cli.common import open_db
    from jinsanjiao_cli.ledger import store
    from jinsanjiao_cli.render.reporting import show_units
    from jinsanjiao_cli.views import documents

    ledger = open_db(db)
    own, default = notice_addresses(ledger)
    show_units(documents.units_document(store.unit_roles(ledger), store.contacts(ledger), own), output, default)


def attach(app: typer.Typer) -> None:
    app.add_typer(unit_app, name="unit")
