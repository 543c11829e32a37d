"""What the portal's pages read, kept while the ledger has not changed (a page as of a date is then the same
page), and dropped the moment anything is written, by the portal or by anyone else (the CLI, an import,
another server on a shared PostgreSQL). Stale figures are never shown: each request asks the ledger, in one
cheap statement, whether anything has been committed since, before it uses anything kept.

- PostgreSQL: the server's current snapshot (`pg_current_snapshot()`: the next transaction id and those in
  progress). Every transaction that writes takes an id, so any write anywhere changes it; reads do not.
- SQLite: `data_version`, which changes on a connection when another connection commits (another process,
  or another of the portal's pooled connections), and `total_changes()`, which counts the connection's own
  writes. The pair is per connection, so each pooled connection's last pair is remembered and any change
  in it moves one counter for the whole portal.

A write that commits between the check and the read is seen by the read and by the next check; what was
read is then kept under the older state and never served again. Session bookkeeping (a login, the idle
clock) counts as a write too: it only costs a recomputation.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from jinsanjiao_cli.ledger.db import Database
from jinsanjiao_cli.text.i18n import lang

T = TypeVar("T")


class Fresh:
    """Values by key (a page, its date, the language…) with the ledger state they were read in."""

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._kept: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._seen: weakref.WeakKeyDictionary[Database, tuple[int, int]] = weakref.WeakKeyDictionary()
        self._changes = 0  # SQLite: how many times a pooled connection has seen the ledger change
        self._lock = threading.Lock()

    def get(self, db: Database, key: Hashable, compute: Callable[[], T]) -> T:
        """The value kept for `key` in the current language if the ledger has not changed since it was read;
        else `compute()`, kept."""
        state, key = self.state(db), (key, lang())
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == state:
                self._kept.move_to_end(key)
                return kept[1]
        value = compute()
        with self._lock:
            self._kept[key] = (state, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)
        return value

    def state(self, db: Database) -> Hashable:
        """The ledger's state as this connection sees it: equal states, the same data."""
        if db.engine == "postgresql":
            return str(db.value("SELECT pg_current_snapshot()::text"))
        version, changes = db.query("SELECT data_version, total_changes() FROM pragma_data_version")[0]
        with self._lock:
            if self._seen.get(db) != (version, changes):
                self._seen[db] = (version, changes)
                self._changes += 1
            return self._changes

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
