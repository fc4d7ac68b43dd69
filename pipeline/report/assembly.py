"""claimreview.jsonld assembled from its parts (pipeline/report/review_parts.py) by the kernel's byte copies
(os.sendfile) into a temporary file that then takes the old file's place in one atomic exchange. Apart from
the parts' code: how the file is put together does not change what a part holds, so a change here does not
make every part be written again (claimreview.code_fingerprint)."""
from __future__ import annotations

import ctypes
import errno
import os
from pathlib import Path

HEAD = b'{\n "@context": "https://schema.org",\n "@graph": ['
_RENAME_EXCHANGE, _AT_FDCWD = 2, -100  # linux/fs.h, fcntl.h
_NOT_HERE = (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EPERM)  # no renameat2, or not on this filesystem


def _renameat2():
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a libc without it
        return None


_CALL = _renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swaps two existing names in one atomic step (renameat2 with RENAME_EXCHANGE); False where the system
    cannot (then nothing was changed)."""
    if _CALL is None:
        return False
    if _CALL(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in _NOT_HERE:
        return False
    raise OSError(code, os.strerror(code), str(second))


def swap_into_place(temporary: Path, path: Path) -> None:
    """`temporary` becomes `path` atomically: readers see the old file or the new one, whole. A rename over an
    existing file makes ext4 (its default auto_da_alloc) write the new file's data out before the rename
    returns, in this process: 2 s and more for the 1.4 GB file at 10,000 articles, where the first run, with no
    file to replace, paid nothing. Exchanging the two names and removing the old file is as atomic and leaves
    the writing to the kernel's flusher, as for any other write."""
    try:
        swapped = path.exists() and exchange(temporary, path)
    except FileNotFoundError:  # the old file removed meanwhile: nothing to exchange with
        swapped = False
    if swapped:
        temporary.unlink()
    else:
        temporary.replace(path)


def _append(out: int, path: Path) -> None:
    """The bytes of `path` appended to the file descriptor `out` by the kernel."""
    with open(path, "rb") as source:
        size, sent = os.fstat(source.fileno()).st_size, 0
        while sent < size:
            sent += os.sendfile(out, source.fileno(), sent, size - sent)


def assemble(path: Path, parts: list[Path]) -> None:
    """`path` as a JSON-LD @graph of the parts' reviews in the order given, written to a temporary file that
    then takes its place (readers never see half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    with open(temporary, "wb", buffering=0) as out:
        out.write(HEAD)
        for index, part in enumerate(parts):
            out.write(b",\n  " if index else b"\n  ")
            _append(out.fileno(), part)
        out.write(b"\n ]\n}" if parts else b"]\n}")
    swap_into_place(temporary, path)
