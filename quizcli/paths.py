"""Where quiz keeps its files, and the one way it replaces a file so that no reader ever sees half of one."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

HOME_VARIABLE = "QUIZ_HOME"
DB_NAME = "quiz.db"


def data_dir() -> Path:
    """QUIZ_HOME, else the platform's user data directory."""
    if home := os.environ.get(HOME_VARIABLE):
        return Path(home)
    from platformdirs import user_data_dir

    return Path(user_data_dir("quiz", appauthor=False))


def database_path(home: Path | None = None) -> Path:
    return (home or data_dir()) / DB_NAME


def bank_cache_dir() -> Path:
    """The bank cache: one file per bank file (quizcli.bank.catalog.BankCache)."""
    return data_dir() / "cache" / "banks"


def validate_cache_dir() -> Path:
    """What `quiz validate` found in each bank file, by content (quizcli.bank.validate)."""
    return data_dir() / "cache" / "validate"


def atomic_write(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Replace ``path`` by what ``write`` puts in a binary file, all at once.

    The file is written next to ``path`` (os.replace cannot cross file systems) and synced before it takes
    ``path``'s place, so a crash leaves the old file or the new one. On any failure the old file stays and the
    temporary one is removed; an OSError is left for the caller to word. A symbolic link keeps its place: the
    file it points to is the one replaced. What is not a file (a pipe, a device, a directory) is written to as it
    is, or refuses it, and is never replaced.
    """
    import stat
    import tempfile  # only when a file is written: its import costs ~25 ms of start-up

    path = Path(os.path.realpath(path))
    with suppress(FileNotFoundError):
        if not stat.S_ISREG(path.stat().st_mode):
            with open(path, "wb") as handle:
                write(handle)
            return
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes it private; quiz's files are ordinary ones
        os.replace(temporary, path)
    except BaseException:
        with suppress(OSError):  # the original error is the one worth reporting
            os.unlink(temporary)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
