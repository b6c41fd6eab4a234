"""Files written whole or not at all, and pickles signed with this user's key.

Every file another process may read while it is written (the run listing, a run's
metadata, a cached fact base, the cut a kernel loads) goes through ``atomic_write``:
a temporary file in the same folder, then a rename, so a reader sees the old file or
the new one, never half of one.

Loading a pickle runs code, so the render's pickles (the fact bases it caches under
``reports/.cache/`` and the cut it hands its kernels) are one format with one loader:
an HMAC-SHA256 of the payload under a key kept outside the output root
(``~/.cache/h200report/cache.key``, readable by its owner only), then the payload.
A file anyone else wrote, a truncated or corrupt one, or one of another type is
refused (``None``), never unpickled. Where no key can be kept, nothing is signed and
nothing is loaded.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import secrets
from pathlib import Path

KEY_FILE = Path.home() / ".cache" / "h200report" / "cache.key"
_MAC_BYTES = 32


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file and a rename."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    # Not mkstemp: its 0600 would hide the listing from a web server; this keeps the umask.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


def _key() -> bytes | None:
    try:
        if not KEY_FILE.is_file():
            KEY_FILE.parent.mkdir(parents=True, exist_ok=True)
            # O_EXCL: two first renders at once must not each write a different key.
            with contextlib.suppress(FileExistsError):
                fd = os.open(KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(secrets.token_bytes(32))
        return KEY_FILE.read_bytes() or None
    except OSError:
        return None


def seal(path: Path, value: object) -> bool:
    """Pickle ``value`` into ``path``, signed; False when no key can be kept."""
    key = _key()
    if key is None:
        return False
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    atomic_write(path, hmac.new(key, payload, hashlib.sha256).digest() + payload)
    return True


def unseal(path: Path, kind: type):
    """The ``kind`` object sealed in ``path``, or None (missing, unsigned, corrupt, other type)."""
    key = _key()
    if key is None:
        return None
    with contextlib.suppress(
        OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError
    ):
        data = Path(path).read_bytes()
        mac, payload = data[:_MAC_BYTES], data[_MAC_BYTES:]
        if hmac.compare_digest(mac, hmac.new(key, payload, hashlib.sha256).digest()):
            value = pickle.loads(payload)  # noqa: S301 (signed with this user's key)
            if isinstance(value, kind):
                return value
    return None
