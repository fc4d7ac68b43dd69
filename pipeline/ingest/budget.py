"""Reading a source file on a budget: only regular files, never a device or
a FIFO (a link to /dev/zero would be read until memory runs out, a FIFO
would block the run), links only when they stay inside the sources folder,
and never more than the size cap. Each refusal names its reason."""
from __future__ import annotations

import os
import stat
from pathlib import Path


class SourceRefused(ValueError):
    """A source the budget does not allow to be read; the message says why."""


_KINDS = [(stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")]


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def check_link(path: Path, root: Path | None) -> None:
    """A link must resolve (no loop, not dangling) and, with a root, stay inside it."""
    if not path.is_symlink():
        return
    try:
        target = Path(os.path.realpath(path, strict=True))
    except (OSError, RuntimeError) as exc:
        reason = "a symlink loop" if "loop" in str(exc).lower() or getattr(exc, "errno", None) == 40 else "a dangling link"
        raise SourceRefused(f"not read: {reason} ({os.readlink(path)})") from exc
    if root is not None:
        base = Path(os.path.realpath(root))
        if target != base and base not in target.parents:
            raise SourceRefused(f"not read: a link leaving the sources folder (to {target})")


def read_bounded(path: Path, max_bytes: int, root: Path | None = None) -> bytes:
    """The file's bytes, or SourceRefused: links checked first (see check_link),
    then the target must be a regular file within max_bytes. Opened non-blocking
    and checked again on the open file, so a FIFO swapped in never blocks."""
    check_link(path, root)
    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise SourceRefused(f"not read: {_kind(info.st_mode)}, not a regular file")
    if info.st_size > max_bytes:
        raise SourceRefused(f"not read: {info.st_size} bytes exceeds the {max_bytes}-byte cap (MAX_SOURCE_BYTES)")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            raise SourceRefused(f"not read: {_kind(opened.st_mode)}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise SourceRefused(f"not read: grew past the {max_bytes}-byte cap (MAX_SOURCE_BYTES) while read")
    return data
