"""The units' use cases: recording whom to chase at a unit (its contact), and adding a coordinating unit (a
department the plan does not name but a problem needs: 省自然资源厅, 省财政厅)."""

from __future__ import annotations

from jinsanjiao_cli.core.cycle import Contact
from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.names import clash
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


def add_unit(db: Database, name: str, *, full_name: str | None, aliases: list[str]) -> str:
    """Register a coordinating unit: it may be named in `problem add --needs`, given a contact and sent
    notices, owes no reports and holds no assignment, so no progress table shows it; a plan reload keeps
    it. Its names must not be taken by another unit. Returns its name."""
    cleaned = check_text(name, "NAME")
    if not cleaned:
        raise BadValue(t("units.empty_name"))
    full = check_text(full_name, "--full-name") or cleaned
    others = [alias for alias in (check_text(a, "--alias") for a in aliases) if alias]
    taken = clash(store.units(db), [cleaned, full, *others])
    if taken is not None:
        raise BadValue(t("units.name_taken", name=taken[0], unit=taken[1]))
    store.add_coordinating_unit(db, cleaned, full, [a for a in others if a not in (cleaned, full)])
    return cleaned
