"""The shape of a row the ledger hands up: values by column name or position, as both engines give them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol


class Row(Protocol):
    """A result row: by column name, by position, unpacked, or `keys()`."""

    def __getitem__(self, key: str | int | slice) -> Any: ...
    def __iter__(self) -> Iterator[Any]: ...
    def __len__(self) -> int: ...
    def keys(self) -> list[str]: ...
