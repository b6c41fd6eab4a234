"""The curated files edited as people write them: round-trip YAML, atomic writes.

``ruamel.yaml`` in round-trip mode keeps every comment, the order of keys and records,
folded scalars and quotes; with the project's indentation (mappings 2, sequences 4 with
the dash at 2) and no re-wrapping, a file read and written unchanged is the same bytes
(a test keeps it so for every curated file). An edit then shows in a diff as the lines
it adds or removes, nothing else. Reading for checks still goes through the one strict
reader (``yamlio``): this module only writes.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq


def _yaml() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long quote or note
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load_text(text: str):
    return _yaml().load(text)


def dump_text(doc) -> str:
    out = io.StringIO()
    _yaml().dump(doc, out)
    return out.getvalue()


def commented(value):
    """A plain dict/list as round-trip nodes, so that it dumps in block style."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = commented(v)
        return node
    if isinstance(value, list):
        return CommentedSeq(commented(v) for v in value)
    return value


def write_atomically(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` through a rename: never half-written."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
