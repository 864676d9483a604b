"""Files that hold personal data or figures about people: readable by their owner alone."""

from __future__ import annotations

import os
from pathlib import Path

from mentorcli.errors import MentorError


def write_private(path: Path, data: str | bytes) -> None:
    """Write atomically (a temporary file, fsync, rename) with mode 0600, its folder 0700
    when created here, whatever the umask; a failure is one clear error."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = path.with_name(path.name + ".part")
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
            path.parent.chmod(0o700)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(payload)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except OSError as e:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise MentorError(f"cannot write {path}: {e.strerror or e}") from None
