"""Who and when, as the ledger records them on every write."""

from __future__ import annotations

import datetime as dt
import getpass


def now_stamp() -> str:
    # Microseconds keep "the later-recorded one wins" well defined for reports made in one second.
    return dt.datetime.now().isoformat(timespec="microseconds")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry, e.g. in some containers
        return "unknown"
