"""A font with Chinese glyphs for the bulletin's PNG charts, found among the fonts matplotlib knows.

A PNG carries its glyphs, so the machine that draws it needs a font that has every character of the
charts' text. The usual Chinese faces are tried first, in order; then any other font on the machine. A
face is taken only if it has a glyph for every character asked for, so a chart never shows boxes (豆腐块)
for a rare character in a unit's name. matplotlib keeps a cached list of the machine's fonts; when none
of those will do, fonts installed since are looked for too. None found: `cjk_font` returns None and the
bulletin goes without charts (`fonts-noto-cjk` on Debian provides Noto Sans CJK SC).

`cjk_font` is the one place that decides; tests replace it to simulate a machine without such a font.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

PREFERRED = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Sarasa Gothic SC",
    "Noto Serif CJK SC",
    "SimSun",
    "AR PL UMing CN",
    "Droid Sans Fallback",
)

# Fonts whose "glyphs" are the boxes themselves: matplotlib ships Last Resort, which maps every character
# to a box showing its code; a font lookup by coverage must never take it.
PLACEHOLDERS = ("Last Resort", "Adobe Blank")


def cjk_font(text: str) -> str | None:
    """The family name of a font with a glyph for every character of `text`, or None."""
    found = cjk_font_file(text)
    return found.name if found else None


class FontFile(NamedTuple):
    name: str  # the family, as matplotlib knows it
    path: str
    face: int  # the face within a collection (.ttc)


def cjk_font_file(text: str) -> FontFile | None:
    """The font (family, file, face) with a glyph for every character of `text`, or None."""
    needed = frozenset(char for char in text if not char.isspace())
    return _first_covering(needed)


@lru_cache(maxsize=8)
def _first_covering(needed: frozenset[str]) -> FontFile | None:
    from matplotlib import font_manager

    found = _search(font_manager.fontManager.ttflist, needed)
    if found is None and _add_new_system_fonts(font_manager):
        found = _search(font_manager.fontManager.ttflist, needed)
    return found


def _search(entries, needed: frozenset[str]) -> FontFile | None:
    rank = {name: place for place, name in enumerate(PREFERRED)}
    ordered = sorted(entries, key=lambda e: (rank.get(e.name, len(PREFERRED)), e.name, e.fname, e.weight))
    for entry in ordered:
        if entry.style != "normal" or entry.name.startswith(PLACEHOLDERS):
            continue
        index = getattr(entry, "index", 0)
        if _covers(entry.fname, index, needed):
            return FontFile(entry.name, entry.fname, index)
    return None


def _add_new_system_fonts(font_manager) -> bool:
    """Fonts installed since matplotlib cached its list (it never looks again by itself): `apt-get install
    fonts-noto-cjk` after a first run must be enough. Returns whether any were added."""
    known = {entry.fname for entry in font_manager.fontManager.ttflist}
    added = False
    for path in sorted(set(font_manager.findSystemFonts()) - known):
        try:
            font_manager.fontManager.addfont(path)
            added = True
        except (OSError, RuntimeError, ValueError):
            continue
    return added


def _covers(path: str, index: int, needed: frozenset[str]) -> bool:
    from matplotlib import ft2font

    try:
        face = ft2font.FT2Font(path, face_index=index)
    except (OSError, RuntimeError, ValueError):
        return False
    return all(face.get_char_index(ord(char)) for char in needed)
