"""The units' use cases: recording whom to chase at a unit (its contact)."""

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
        "contact": check_text(contact, "--contact", one_line=True),
        "phone": parse_phone(phone) if phone is not None else None,
        "email": parse_email(email) if email is not None else None,
    }
    if not any(values.values()):
        raise BadValue(t("units.nothing", unit=name))
    return name, store.set_contact(db, name, by=by, **values)
