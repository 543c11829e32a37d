"""Writing an output file whole or not at all: the ledger export, templates, rejects and bulletins.

The file is written beside its target under a temporary name (`.jsj-PID-RANDOM.ext`), flushed to disk
(fsync), and renamed into place, so a cron job reading the target never sees half a file and a power cut
cannot leave a renamed but empty one. On any error, and on SIGTERM, SIGINT or SIGHUP, the temporary file
is removed and the target stays as it was. A temporary file left by a process killed outright (kill -9)
is removed by the next write into that directory, once its process no longer exists.
"""

from __future__ import annotations

import errno
import gc
import os
import re
import secrets
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from jinsanjiao_cli.core.errors import JsjError
from jinsanjiao_cli.text.i18n import t

TEMP_PREFIX = ".jsj-"
_TEMP_NAME = re.compile(r"\.jsj-(\d+)-[0-9a-f]+\.\w+")
_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


class OutputError(JsjError):
    """An output file could not be written (disk full, permission); the previous file is untouched."""


def write_atomically(target: Path, save: Callable[[Path], object]) -> Path:
    """Call `save(temporary_path)`, then put the result at `target` in one rename. Returns `target`."""
    parent = target.parent
    remove_stale_temporaries(parent)
    failure: Exception | None = None
    temp: Path | None = None
    with _quiet_cleanup(), signals_end_cleanly():  # installed before the temporary file exists
        try:
            # The name is bound before the file exists: a signal can come any time, and the clean-up must
            # know what to remove.
            for temp in _temporary_names(parent, target.suffix):
                if _created(temp):
                    break
            assert temp is not None  # _temporary_names raises when it runs out of names
            save(temp)
            _flush_to_disk(temp)
            os.chmod(temp, _new_file_mode(target))
            os.replace(temp, target)
            _flush_directory(parent)
        except OSError as exc:
            _remove(temp)
            failure = OutputError(t("out.failed", path=target, error=_reason(exc)))
        except BaseException:
            _remove(temp)
            raise
        if failure is not None:
            gc.collect()  # here, where the half-written file's finalisers stay quiet
    if failure is not None:
        raise failure
    return target


def write_text(target: Path, text: str) -> Path:
    """A UTF-8 text file written whole or not at all, a failure one OutputError naming it."""
    with output_errors(target):
        return write_atomically(target, lambda temp: temp.write_text(text, encoding="utf-8"))


def _remove(temp: Path | None) -> None:
    if temp is not None:
        with suppress(OSError):
            temp.unlink(missing_ok=True)


@contextmanager
def output_errors(target: Path) -> Iterator[None]:
    """While an output is produced (its pieces stream to temporary files before the final write), a full
    disk or a denied write becomes one OutputError naming the target, and the half-built writer is
    collected quietly."""
    failure: Exception | None = None
    with _quiet_cleanup():
        try:
            yield
        except OSError as exc:
            failure = OutputError(t("out.failed", path=target, error=_reason(exc)))
        except Exception as exc:
            if not _is_serialiser_io_error(exc):
                raise
            failure = OutputError(t("out.failed", path=target, error=_serialiser_reason(exc)))
        if failure is not None:
            gc.collect()
    if failure is not None:
        raise failure


def _is_serialiser_io_error(exc: Exception) -> bool:
    # lxml, which openpyxl streams sheets through when it is installed, reports a failed write as
    # SerialisationError("IO_EFBIG") rather than as an OSError.
    return type(exc).__name__ == "SerialisationError" and str(exc).startswith("IO_")


def _serialiser_reason(exc: Exception) -> str:
    code = str(exc).removeprefix("IO_")
    number = getattr(errno, code, None)
    if number is not None:
        return _reason(OSError(number, os.strerror(number)))
    return str(exc)


def remove_stale_temporaries(directory: Path) -> None:
    """Temporary files of jsj processes that no longer exist (killed before they could clean up)."""
    with suppress(OSError):
        for entry in os.scandir(directory):
            match = _TEMP_NAME.fullmatch(entry.name)
            if match and not _alive(int(match.group(1))):
                with suppress(OSError):
                    os.unlink(entry.path)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's live process
    return True


def _temporary_names(parent: Path, suffix: str) -> Iterator[Path]:
    for _ in range(100):
        yield parent / f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{suffix}"
    raise OutputError(t("out.failed", path=parent, error="no free temporary name"))


def _created(temp: Path) -> bool:
    """Create the file if no other has its name; False if one has."""
    try:
        os.close(os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return False
    return True


def _flush_to_disk(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _flush_directory(directory: Path) -> None:
    # The rename itself reaches the disk only when the directory does (POSIX); not possible on Windows.
    with suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _new_file_mode(target: Path) -> int:
    """The mode the file would get if created normally (or the mode of the file it replaces)."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return t("out.full")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return t("out.denied")
    return exc.strerror or str(exc)


@contextmanager
def signals_end_cleanly() -> Iterator[None]:
    """SIGTERM and SIGHUP end the process the way SIGINT does: by an exception, so every `finally` and
    cleanup on the way out runs (temporary files are removed) instead of the process vanishing."""

    def end(signum, _frame):
        raise SystemExit(128 + signum)

    if not _SIGNALS or not _in_main_thread():
        yield
        return
    previous = {s: signal.signal(s, end) for s in _SIGNALS}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


@contextmanager
def _quiet_cleanup() -> Iterator[None]:
    """A writer that failed half-way (a full disk) leaves objects whose finalisers try to write again and
    fail; they are collected here, quietly, instead of printing 'Exception ignored' after our message."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        yield
    finally:
        sys.unraisablehook = hook
