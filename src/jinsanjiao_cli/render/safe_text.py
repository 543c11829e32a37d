"""Text that cannot act on whoever reads it, for every renderer: the terminal, CSV, JSON, the workbooks, the
.docx and Markdown bulletins.

Stored text never holds control or bidirectional-control characters (core/values.py refuses them at
entry), but a ledger may be written by another program, and file names and messages come from outside.
A control character would act instead of showing: ESC starts a terminal's colour codes and title changes,
CR moves its cursor, NUL or BEL cannot be written into an .xlsx or .docx at all; and U+202E (right-to-left
override) and its kin make a note read backwards or disguise a file name's extension. Each is written as a
visible stand-in instead, so the reader sees that something was there and where:

- C0 controls as their Control Pictures symbol (ESC as ␛, NUL as ␀), DEL as ␡;
- C1 controls as \\x9b, bidirectional controls as \\u202e;
- lone surrogates (bytes of a file name that were not UTF-8, kept by Python as U+DC80…U+DCFF) as \\xff.

Each format keeps the characters it holds as text: line breaks (and tabs, in a CSV or a cell).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jinsanjiao_cli.core.values import BIDI_CONTROLS

_ACTING = f"\x00-\x1f\x7f-\x9f\ud800-\udfff{BIDI_CONTROLS}"


@lru_cache(maxsize=8)
def _pattern(keep: str) -> re.Pattern[str]:
    kept = "".join(f"\\x{ord(c):02x}" for c in keep)
    return re.compile(f"(?![{kept}])[{_ACTING}]" if kept else f"[{_ACTING}]")


def stand_in(char: str) -> str:
    """The visible stand-in for one acting character."""
    code = ord(char)
    if code < 0x20:
        return chr(0x2400 + code)  # the Control Pictures block: ␀ … ␟
    if code == 0x7F:
        return "␡"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def inert_text(text: str, keep: str = "\n") -> str:
    """`text` with every control, bidirectional-control and surrogate character but those in `keep` shown
    as a visible stand-in."""
    pattern = _pattern(keep)
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda match: stand_in(match.group()), text)
