"""Connections to the ledger for the portal's request threads: opened on demand up to a limit and reused,
one request at a time on each (a `Database` keeps its transaction state, so it is never shared)."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from jinsanjiao_cli.core.errors import DatabaseError
from jinsanjiao_cli.ledger.db import Database, Location, connect

WAIT_SECONDS = 30  # a request waits this long for a free connection before it fails


class LedgerPool:
    def __init__(self, location: Location, size: int) -> None:
        self.location, self.size = location, size
        self._idle: queue.LifoQueue[Database] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()

    @contextmanager
    def connection(self) -> Iterator[Database]:
        db = self._take()
        try:
            yield db
        except DatabaseError:
            self._discard(db)  # a broken connection is not handed to the next request
            raise
        except BaseException:
            self._idle.put(db)
            raise
        else:
            self._idle.put(db)

    def _take(self) -> Database:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            opening = self._opened < self.size
            if opening:
                self._opened += 1
        if opening:
            try:
                return connect(self.location)
            except BaseException:
                with self._lock:
                    self._opened -= 1
                raise
        return self._idle.get(timeout=WAIT_SECONDS)

    def _discard(self, db: Database) -> None:
        with self._lock:
            self._opened -= 1
        with suppress(DatabaseError):
            db.close()

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return
