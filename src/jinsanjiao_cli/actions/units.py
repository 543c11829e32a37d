"""The units' use cases: recording whom to chase at a unit (its contact) and where its notices go."""

from __future__ import annotations

from jinsanjiao_cli.core.cycle import Contact
from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.values import check_text, parse_email, parse_phone
from jinsanjiao_cli.ledger import store
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.text.i18n import t


def set_contact(
    db: Database, unit: str, *, contact: str | None, phone: str | None, email: str | None, by: str
) -> tuple[str, Contact]:
    """Record (or change) the contact of the unit typed as `unit`; fields not given keep their stored value.
    Returns the unit's plan name and what is stored."""
    name = store.find_unit(db, unit)
    values = {
        "contact": check_text(contact, "--contact"),
        "phone": parse_phone(phone) if phone is not None else None,
        "email": parse_email(email) if email is not None else None,
    }
    if not any(values.values()):
        raise BadValue(t("units.nothing", unit=name))
    return name, store.set_contact(db, name, by=by, **values)


def set_notify(db: Database, unit: str, addresses: list[str], *, by: str) -> tuple[str, list[str]]:
    """Replace the addresses the unit typed as `unit` is sent notices at; `['']` clears them. Every address
    is checked (Apprise must know how to deliver to it) before anything is stored. Returns the unit's plan
    name and the addresses stored."""
    from jinsanjiao_cli.ledger import deliveries

    name = store.find_unit(db, unit)
    given = [address.strip() for address in addresses]
    if given == [""] * len(given):
        return name, deliveries.set_notify(db, name, [], by=by)
    if "" in given:
        raise BadValue(t("notify.clear_alone"))
    from jinsanjiao_cli.io.notify import check_address  # Apprise: only when an address is given

    checked = list(dict.fromkeys(check_address(address) for address in given))
    return name, deliveries.set_notify(db, name, checked, by=by)


def notice_addresses(db: Database) -> tuple[dict[str, list[str]], tuple[str, list[str]] | None]:
    """Each unit's own addresses (as stored), and the default for the others: (where it is set, the
    addresses masked), or None when there is none."""
    from jinsanjiao_cli.actions.notices import default_addresses
    from jinsanjiao_cli.core.secrets import remember_address
    from jinsanjiao_cli.ledger import deliveries

    source, default = default_addresses(db)
    shown = (source, [remember_address(address) for address in default]) if default else None
    return deliveries.notify_addresses(db), shown
