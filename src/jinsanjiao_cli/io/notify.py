"""Delivering a notice to an address, through Apprise: mail (`mailto://`, `mailtos://`), the group robots
offices use (`wecombot://KEY` for 企业微信, `dingtalk://SECRET@TOKEN` for 钉钉), any system that takes a POST
(`json://host/path`), and every other service Apprise speaks.

Two things Apprise (2.3) does not do that delivering to the robots needs, done here:
- **The robots' own refusals.** 企业微信 and 钉钉 answer HTTP 200 to every request they understand and put
  the outcome in the body: `{"errcode": 0, "errmsg": "ok"}`, or a non-zero errcode for a bad key, a bad
  signature, a keyword or IP not allowed, or too many messages (45009, 130101). Apprise counts any 200 as
  delivered; jsj keeps each robot answer (`_Answers`) and counts a non-zero errcode as a failed delivery.
- **The issue's spelling of a 钉钉 address.** Apprise reads `dingtalk://SECRET@TOKEN/PHONE…`: the signing
  secret before the @, and a path of phone numbers to @. `dingtalk://TOKEN/SECRET` (as issue 22 writes it)
  would have Apprise drop the secret as a bad phone number and send unsigned. A path segment holding a
  letter is never a phone number, so a single one is unambiguously the secret and is moved before the @
  (`apprise_form`); an all-digit secret cannot be told from a phone number and is left to Apprise.

This is the one module that imports Apprise, and only inside the functions that check or send (it costs
~0.3 s to import: `jsj status`, `jsj --help` and `jsj remind` without --send never load it). Apprise reports
what went wrong through its log, not its return value: each call captures that log and turns its last
warning into the one-line reason jsj shows and records, with every secret of the address scrubbed.
"""

from __future__ import annotations

import importlib
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from jinsanjiao_cli.core.errors import BadValue
from jinsanjiao_cli.core.secrets import address_secrets, mask_address, remember_address, scrub
from jinsanjiao_cli.text.i18n import t

if TYPE_CHECKING:
    from io import StringIO

# A robot or mail server that has not answered in this long is counted as a failed delivery, so one
# unreachable address cannot hold up the others (issue 22). Applies to connecting and to each read.
TIMEOUT_SECONDS = 10.0

_LONGEST_REASON = 300  # a requests error nests three exceptions deep; the gist is in its first lines
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://")
# The Apprise plugins of robots that answer 200 with an errcode in the body (see the module's docstring).
_ROBOT_PLUGINS = ("apprise.plugins.wecombot", "apprise.plugins.dingtalk")
# errcodes that mean "too many messages": the next run tries again (企业微信 45009, 钉钉 130101).
RATE_LIMITED = frozenset({45009, 130101})
_DINGTALK_PATH_SECRET = re.compile(r"(?i)dingtalk://(?P<token>[^/@?#]+)/(?P<path>[^?#]*)(?P<rest>[?#].*)?")


def apprise_form(address: str) -> str:
    """`address` as Apprise reads it: `dingtalk://TOKEN/SECRET[/PHONE…]` becomes `dingtalk://SECRET@TOKEN[/PHONE…]`
    when exactly one path segment holds a letter (a phone number never does) and no secret is given otherwise.
    Every other address is returned as it is."""
    match = _DINGTALK_PATH_SECRET.fullmatch(address)
    if match is None or "secret=" in (match["rest"] or "").lower():
        return address
    segments = match["path"].split("/")
    lettered = [s for s in segments if re.search(r"[A-Za-z]", s)]
    if len(lettered) != 1 or not re.fullmatch(r"[A-Za-z0-9]+", lettered[0]):
        return address
    phones = "".join(f"/{s}" for s in segments if s and s != lettered[0])
    scheme = address[: address.index(":")]
    return f"{scheme}://{lettered[0]}@{match['token']}{phones}{match['rest'] or ''}"


def check_address(address: str) -> str:
    """`address` stripped, when Apprise can deliver to it; else a BadValue naming it masked, with the reason.
    An address Apprise would quietly narrow (a recipient or robot target it drops) is refused too."""
    address = apprise_form(address.strip())
    # Masked, not remembered: the secrets of an address that may be refused are scrubbed where shown here,
    # and remembering the pieces of a malformed one would scrub ordinary words from later messages.
    masked = mask_address(address)
    scheme = _SCHEME.match(address)
    if scheme is None:
        raise BadValue(t("notify.not_an_address", address=masked))
    with _apprise_log() as (apprise, log):
        if scheme.group(1).lower() not in apprise.NotificationManager():
            raise BadValue(t("notify.unknown_scheme", address=masked, scheme=scheme.group(1)))
        service = apprise.Apprise.instantiate(address, asset=_asset(apprise))
    reason = _last_complaint(log, address)
    if service is None or reason:
        hint = t("notify.hint_dingtalk") if scheme.group(1).lower() == "dingtalk" else ""
        raise BadValue(t("notify.bad_address", address=masked, reason=reason or t("notify.unreadable")) + hint)
    remember_address(address)  # accepted: its secrets are scrubbed from whatever this process shows next
    return address


def deliver(address: str, title: str, body: str, timeout: float = TIMEOUT_SECONDS) -> str | None:
    """Send one notice to one address. None when the service took it; else the reason, one line, scrubbed.
    Never raises for what happens on the way: a failure must not stop the notices to other units."""
    remember_address(address)
    given, address = address, apprise_form(address)
    with _apprise_log() as (apprise, log), _Answers.kept() as answers:
        try:
            service = apprise.Apprise.instantiate(address, asset=_asset(apprise))
            if service is None:
                return _last_complaint(log, given) or t("notify.unreadable")
            _plain_text_within(service, apprise, address, timeout)
            sent = service.notify(body=body, title=title, body_format=apprise.NotifyFormat.TEXT)
        except Exception as exc:  # a plugin's own error is one unit's failure, not the run's
            return _one_line(f"{type(exc).__name__}: {exc}", given)
    if not sent:
        return _last_complaint(log, given) or t("notify.refused")
    refusal = next(filter(None, map(_robot_refusal, answers)), None)
    return _one_line(refusal, given) if refusal else None


class _Answers:
    """Stands in for `requests` inside the robot plugins: the same module, except that each answer to a POST
    made while `kept()` is open is kept for jsj to read (per thread, so two sendings never mix answers)."""

    _local = threading.local()

    def __init__(self, requests: Any) -> None:
        self._requests = requests

    def __getattr__(self, name: str) -> Any:
        return getattr(self._requests, name)

    def post(self, *args: Any, **kwargs: Any) -> Any:
        response = self._requests.post(*args, **kwargs)
        kept = getattr(self._local, "answers", None)
        if kept is not None:
            kept.append(response)
        return response

    @classmethod
    @contextmanager
    def kept(cls) -> Iterator[list[Any]]:
        for name in _ROBOT_PLUGINS:
            plugin: Any = importlib.import_module(name)
            if not isinstance(plugin.requests, _Answers):
                plugin.requests = _Answers(plugin.requests)
        answers: list[Any] = []
        cls._local.answers = answers
        try:
            yield answers
        finally:
            cls._local.answers = None


def _robot_refusal(response: Any) -> str | None:
    """The robot's own refusal in an HTTP 200 answer (`{"errcode": N, "errmsg": …}`, N ≠ 0), else None."""
    try:
        answer = json.loads(response.content or b"null")
    except (ValueError, TypeError):
        return None  # not a robot's JSON answer: the HTTP status, which Apprise read, says it all
    if not isinstance(answer, dict) or str(answer.get("errcode", 0)).strip() in ("0", ""):
        return None
    code, message = answer.get("errcode"), str(answer.get("errmsg") or "")
    try:
        limited = int(str(code)) in RATE_LIMITED
    except (TypeError, ValueError):
        limited = False
    key = "notify.robot_rate_limited" if limited else "notify.robot_refused"
    return t(key, code=code, message=message)


@contextmanager
def _apprise_log() -> Iterator[tuple[Any, StringIO]]:
    import logging

    import apprise

    # DEBUG too: the reason a server gave (an SMTP 535, a read time-out) is logged only at that level.
    capture = apprise.LogCapture(level=logging.DEBUG, fmt="%(levelname)s %(message)s")
    with capture as log:
        yield apprise, log


def _asset(apprise: Any) -> Any:
    # Named jsj in the services' User-Agent; nothing kept on disk between runs.
    return apprise.AppriseAsset(app_id="jsj", app_desc="jsj", secure_logging=True, storage_mode="memory")


def _plain_text_within(service: Any, apprise: Any, address: str, timeout: float) -> None:
    """The notice goes as plain text (mail as text/plain, not text turned into HTML) and gives up after
    `timeout` seconds, unless the address itself says otherwise (`format=`, `cto=`, `rto=`)."""
    query = address.partition("?")[2].lower()
    given = {pair.partition("=")[0] for pair in query.split("&")}
    if "format" not in given:
        service.notify_format = apprise.NotifyFormat.TEXT
    if "cto" not in given:
        service.socket_connect_timeout = timeout
    if "rto" not in given:
        service.socket_read_timeout = timeout


def _last_complaint(log: StringIO, address: str) -> str:
    """Apprise's last warning or error, with the socket's own reason after it when one was logged."""
    complaint, detail = "", ""
    for line in log.getvalue().splitlines():
        level, _, message = line.partition(" ")
        if level in ("WARNING", "ERROR", "CRITICAL"):
            complaint, detail = message, ""
        elif message.startswith("Socket Exception:") and complaint:
            detail = message.removeprefix("Socket Exception:").strip()
            if detail.startswith("(") and detail.endswith(")"):  # smtplib's (code, b'text')
                detail = detail[1:-1]
    if not complaint:
        return ""
    return _one_line(f"{complaint} ({detail})" if detail else complaint, address)


def _one_line(text: str, address: str) -> str:
    """Apprise's or a server's message as one line, with the address's secrets (and the address) scrubbed."""
    text = " ".join(scrub(text.replace(address, mask_address(address)), address_secrets(address)).split())
    return text if len(text) <= _LONGEST_REASON else text[: _LONGEST_REASON - 1] + "…"
