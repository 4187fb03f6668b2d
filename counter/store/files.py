"""Files of one counter: its folder and files are its owner's alone (customers'
names and addresses, PIN hashes, payments), and a file that cannot be written is
said in words a support person understands."""

from __future__ import annotations

import contextlib
import errno
import os
from pathlib import Path

# Why a file could not be used, for a support person; the system's own words otherwise.
_REASONS = {
    errno.ENOENT: "folder atau berkas tidak ada",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak diizinkan",
    errno.ENOTDIR: "bagian jalurnya berupa berkas, bukan folder",
    errno.EISDIR: "berupa folder, bukan berkas",
    errno.EEXIST: "sudah ada sebagai berkas",
    errno.ENOSPC: "disk penuh",
    errno.EROFS: "disk hanya-baca",
    errno.ENAMETOOLONG: "nama terlalu panjang",
    errno.EIO: "kesalahan baca/tulis disk",
}


def reason(error: OSError) -> str:
    return _REASONS.get(error.errno, error.strerror or str(error))


def private_folder(folder: Path) -> None:
    """Make `folder` (its parents as the system makes them) readable by its owner only when new."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)


def owner_only(path: Path) -> None:
    """Take group and others' access away from a file this user owns (an older
    install made them 0644); another user's file is left as it is."""
    if os.name != "posix":  # Windows keeps a user's files in their own profile, with its own ACLs
        return
    try:
        info = path.stat()
        if info.st_mode & 0o077 and info.st_uid == os.geteuid():
            path.chmod(0o600)
    except FileNotFoundError:
        pass


def write_private(path: Path, content: bytes) -> None:
    """A new file made 0600 from its first byte (never readable by others, even briefly)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as f:
        f.write(content)
    owner_only(path)


def write_whole(path: Path, content: bytes) -> None:
    """Write `content` to `path` whole or not at all: a receipt or report that is
    said to be written is complete (a full disk leaves no half PDF behind)."""
    partial = path.with_name(path.name + ".part")
    try:
        partial.write_bytes(content)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
