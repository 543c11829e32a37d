"""Usage errors in the user's language: Typer's (click's) own messages, which are English, said again from
what the error carries, so a Chinese line never holds "Missing option".

click builds its messages from a handful of templates (a missing argument or option, an unknown option or
command, a value not among the choices, not a number, out of range, extra arguments, an option without its
value); each is recognised by the error's class and its message's shape and worded from the catalogue. One
not recognised is still said in Chinese, without click's English detail.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jinsanjiao_cli.text.i18n import join, lang, t

_QUOTED = re.compile(r"'([^']*)'")
# (the shape of click's inner message for a bad value, the catalogue key that says it)
_BAD_VALUE: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\.$"),
        lambda m: t("usage.not_a_choice", value=m["value"], choices=join(_QUOTED.findall(m["choices"]))),
    ),
    (
        re.compile(r"'(?P<value>.*)' is not '(?P<choice>.*)'\.$"),
        lambda m: t("usage.not_a_choice", value=m["value"], choices=m["choice"]),
    ),
    (
        re.compile(r"(?P<value>.*) is not in the range (?P<range>.*)\.$"),
        lambda m: t("usage.out_of_range", value=m["value"], range=m["range"]),
    ),
    (
        re.compile(r"'(?P<value>.*)' is not a valid (?P<kind>integer|int|float|boolean)\b.*$"),
        lambda m: t(f"usage.not_{'number' if m['kind'] != 'boolean' else 'boolean'}", value=m["value"]),
    ),
)


def usage_message(exc: Exception) -> str:
    """The one-line message of a usage error, in the current language."""
    english = str(exc.format_message())  # type: ignore[attr-defined]
    if lang() == "en":
        return english
    kind = type(exc).__name__
    if kind == "MissingParameter":
        return _missing(exc)
    if kind == "NoSuchOption":
        possible = sorted(getattr(exc, "possibilities", None) or ())
        said = t("usage.no_such_option", option=getattr(exc, "option_name", ""))
        return said + (t("usage.did_you_mean", names=join(possible)) if possible else "")
    if kind == "BadParameter":
        return t("usage.bad_value", param=_hint(exc), reason=_bad_value(getattr(exc, "message", "")))
    return _plain(getattr(exc, "message", english))


def _hint(exc: Exception) -> str:
    param = getattr(exc, "param", None)
    if param is None:
        return ""
    names = [name for name in getattr(param, "opts", ()) if name.startswith("--")] or list(getattr(param, "opts", ()))
    return "/".join(names) if getattr(param, "param_type_name", "") == "option" else param.human_readable_name


def _missing(exc: Exception) -> str:
    param = getattr(exc, "param", None)
    key = (
        "usage.missing_option" if param is not None and param.param_type_name == "option" else "usage.missing_argument"
    )
    return t(key, name=_hint(exc))


def _bad_value(message: str) -> str:
    for shape, said in _BAD_VALUE:
        found = shape.match(message)
        if found:
            return said(found)
    return t("usage.invalid")


_PLAIN: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"Got unexpected extra argument(?:\(s\)|s)? \((?P<extra>.*)\)$"),
        lambda m: t("usage.extra", extra=m["extra"]),
    ),
    (
        re.compile(r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<close>.*)\?)?$"),
        lambda m: (
            t("usage.no_such_command", name=m["name"])
            + (t("usage.did_you_mean", names=join(_QUOTED.findall(m["close"]))) if m["close"] else "")
        ),
    ),
    (
        re.compile(r"Option '(?P<option>[^']*)' requires (?:an argument|(?P<count>\d+) arguments)\.$"),
        lambda m: t("usage.needs_value", option=m["option"]),
    ),
    (
        re.compile(r"Option '(?P<option>[^']*)' does not take a value\.$"),
        lambda m: t("usage.takes_no_value", option=m["option"]),
    ),
)


def _plain(message: str) -> str:
    for shape, said in _PLAIN:
        found = shape.match(message)
        if found:
            return said(found)
    return t("usage.unrecognised")
