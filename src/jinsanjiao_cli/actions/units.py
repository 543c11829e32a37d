"""The units' use cases: recording whom to chase at a unit (its contact) and where its notices go, and
adding a coordinating unit (a department the plan does not name but a problem needs: 省自然资源厅, 省财政厅)."""

from __future__ import annotations

from typing import NamedTuple

from jinsanjiao_cli.core.cycle import Contact
from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.names import clash
from jinsanjiao_cli.core.values import check_text, parse_email, parse_phone
from jinsanjiao_cli.ledger import store
from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.text.i18n import t


class UnitSet(NamedTuple):
    """What `jsj unit set` stored: the unit's plan name, its contact and its addresses (None: not changed)."""

    unit: str
    contact: Contact | None
    notify: list[str] | None


def set_contact(
    db: Database, unit: str, *, contact: str | None, phone: str | None, email: str | None, by: str
) -> tuple[str, Contact]:
    """Record (or change) the contact of the unit typed as `unit`; fields not given keep their stored value.
    Returns the unit's plan name and what is stored."""
    stored = set_unit(db, unit, contact=contact, phone=phone, email=email, notify=None, by=by)
    assert stored.contact is not None
    return stored.unit, stored.contact


def set_unit(
    db: Database,
    unit: str,
    *,
    contact: str | None,
    phone: str | None,
    email: str | None,
    notify: list[str] | None,
    by: str,
) -> UnitSet:
    """Record the contact of the unit typed as `unit` (fields not given keep their stored value) and, when
    `notify` is given, replace the addresses its notices go to (`['']` clears them). Every value is checked,
    each address by Apprise, before anything is stored; then all of it is stored at once."""
    name = store.find_unit(db, unit)
    values = {
        "contact": check_text(contact, "--contact", one_line=True),
        "phone": parse_phone(phone) if phone is not None else None,
        "email": parse_email(email) if email is not None else None,
    }
    addresses = _checked_addresses(notify) if notify is not None else None
    if not any(values.values()) and addresses is None:
        raise BadValue(t("units.nothing", unit=name))
    from jinsanjiao_cli.ledger import deliveries

    with db.write():
        stored_notify = deliveries.set_notify(db, name, addresses, by=by) if addresses is not None else None
        stored_contact = store.set_contact(db, name, by=by, **values) if any(values.values()) else None
    return UnitSet(name, stored_contact, stored_notify)


def _checked_addresses(notify: list[str]) -> list[str]:
    given = [address.strip() for address in notify]
    if given == [""] * len(given):
        return []
    if "" in given:
        raise BadValue(t("notify.clear_alone"))
    from jinsanjiao_cli.io.notify import check_address  # Apprise: only when an address is given

    return list(dict.fromkeys(check_address(address) for address in given))


def notice_addresses(db: Database) -> tuple[dict[str, list[str]], tuple[str, list[str]] | None]:
    """Each unit's own addresses (as stored), and the default for the others: (where it is set, the
    addresses masked), or None when there is none."""
    from jinsanjiao_cli.actions.notices import default_addresses
    from jinsanjiao_cli.core.secrets import remember_address
    from jinsanjiao_cli.ledger import deliveries

    source, default = default_addresses(db)
    shown = (source, [remember_address(address) for address in default]) if default else None
    return deliveries.notify_addresses(db), shown


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
