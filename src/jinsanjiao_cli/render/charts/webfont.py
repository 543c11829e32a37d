"""The dashboard file carries its own Chinese glyphs: a subset of the machine's CJK font, inline.

A dashboard is opened from a file share on machines jsj never sees; one without a Chinese font would show
boxes. So `jsj dashboard` embeds, as a CSS @font-face, the glyphs of exactly the characters the page
uses, cut from the CJK font `fonts.cjk_font_file` finds (Noto Sans CJK on Debian). Only the characters
beyond ASCII are cut: the viewer's own fonts draw Latin letters and digits well enough.

Cutting a subset from a 20 MB font collection takes a second or more, so the subset is kept on disk (the
user's cache directory, `~/.cache/jsj/fonts` on Linux, by the font file, its modification time and the
characters): a cron job's second morning, whose page uses the same characters, reads it back at once.
No font found, or the cache unwritable: the page goes without the embedded font (or without its cache),
and never fails for it.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
from pathlib import Path

from jinsanjiao_cli.render.charts import fonts

FAMILY = "jsj-cjk"


def font_face(page_text: str) -> str:
    """A CSS @font-face rule for FAMILY with every non-ASCII character of `page_text`, or "" (no font)."""
    chars = "".join(sorted({char for char in page_text if ord(char) > 127 and not char.isspace()}))
    found = fonts.cjk_font_file(chars) if chars else None
    if found is None:
        return ""
    data = _subset(found, chars)
    encoded = base64.b64encode(data).decode("ascii")
    return f'@font-face{{font-family:"{FAMILY}";src:url(data:font/otf;base64,{encoded}) format("opentype")}}\n'


def _subset(font: fonts.FontFile, chars: str) -> bytes:
    key = hashlib.sha256(f"{font.path}\0{font.face}\0{_mtime(font.path)}\0{chars}".encode()).hexdigest()[:32]
    kept = _cache_dir() / f"{key}.otf"
    try:
        return kept.read_bytes()
    except OSError:
        pass
    data = _cut(font, chars)
    _keep(kept, data)
    return data


def _cut(font: fonts.FontFile, chars: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    face = TTFont(font.path, fontNumber=font.face, lazy=True)
    options = subset.Options()
    options.layout_features = []  # no vertical forms or ligatures: the page sets plain horizontal text
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # keep the copyright and licence names with the glyphs
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(text=chars)
    cutter.subset(face)
    out = io.BytesIO()
    face.save(out)
    return out.getvalue()


KEPT = 16  # subsets kept: a daily cron's text changes now and then; the cache must not grow without end


def _keep(path: Path, data: bytes) -> None:
    """Write the subset for the next run, and forget all but the KEPT most recent; a cache that cannot be
    written is no error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(path)
        kept = sorted(path.parent.glob("*.otf"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in kept[KEPT:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


def _cache_dir() -> Path:
    from platformdirs import user_cache_path

    return user_cache_path("jsj") / "fonts"


def _mtime(path: str) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0
