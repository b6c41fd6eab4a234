"""A decision as an edit of the curated files: checked first, written atomically, undoable.

An edit is a list of operations, each adding one thing where it belongs (a fact record
after the others of its key, a quote to the record with the same ``fact_id``, an
evidence entry to its event, a new event, an ``unused`` entry, a new key's label), and
each with its inverse, so that undo removes exactly what a decision added. Before
anything is written the edited files are built into a fact base, in a scratch copy of
the curated folder, with the project's own checks (quotes, values, dates, labels,
schemas): a decision that would make the fact base fail is refused with the reason and
nothing is written. Then each changed file is replaced through a rename.
"""

from __future__ import annotations

import shutil
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from .. import paths
from ..errors import InputError
from ..factbase.build import UncuratedWarning, build
from ..factbase.curation import EVENTS_FILE, FACTS_FILE, LABELS_FILE, UNUSED_FILE
from ..factbase.tables import FactBase
from .yamledit import commented, dump_text, load_text, write_atomically

# What each operation edits, and under which top-level list.
FILES = {
    "fact": (FACTS_FILE, "facts"),
    "quote": (FACTS_FILE, "facts"),
    "evidence": (EVENTS_FILE, "events"),
    "event": (EVENTS_FILE, "events"),
    "unused": (UNUSED_FILE, "unused"),
    "label": (LABELS_FILE, "keys"),
}


class Refused(Exception):
    """A decision the fact base's checks refuse; nothing was written."""


@dataclass(frozen=True)
class Op:
    """One addition (``undo=False``) or its removal. ``record`` is what is added, as the
    curated file writes it; ``at`` names the record it goes into (fact_id, event_id, key)."""

    kind: str
    record: dict
    at: str | None = None
    undo: bool = False

    def inverse(self) -> Op:
        return Op(self.kind, self.record, self.at, not self.undo)

    def to_json(self) -> dict:
        return {"kind": self.kind, "record": self.record, "at": self.at, "undo": self.undo}

    @classmethod
    def from_json(cls, data: dict) -> Op:
        return cls(data["kind"], data["record"], data.get("at"), data.get("undo", False))


def _same(a, b) -> bool:
    return dict(a) == dict(b) if hasattr(a, "keys") and hasattr(b, "keys") else a == b


def _find(items, field: str, value):
    return next((item for item in items if item.get(field) == value), None)


def _remove_last(items, wanted: dict) -> None:
    for i in range(len(items) - 1, -1, -1):
        if _same(_plain(items[i]), wanted):
            del items[i]
            return
    raise Refused(f"cannot undo: {_describe(wanted)} is no longer in the curated files")


def _plain(node):
    if hasattr(node, "items"):
        return {k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    return node


def _describe(record: dict) -> str:
    for field in ("fact_id", "event_id", "quote", "text"):
        if field in record:
            return f"{field} {record[field]!r}"
    return repr(record)


def _edit(docs: dict, op: Op) -> None:
    file_name, list_key = FILES[op.kind]
    doc = docs[file_name]
    items = doc[list_key]
    if op.kind == "label":
        if op.undo:
            items.pop(op.at, None)
        else:
            items[op.at] = commented(op.record)
        return
    if op.kind in ("quote", "evidence"):
        id_field, child = ("fact_id", "quotes") if op.kind == "quote" else ("event_id", "evidence")
        parent = _find(items, id_field, op.at)
        if parent is None:
            raise Refused(f"no {id_field} {op.at} in {file_name}")
        if op.undo:
            _remove_last(parent[child], op.record)
        else:
            parent[child].append(commented(op.record))
        return
    if op.undo:
        _remove_last(items, op.record)
        return
    position = len(items)
    if op.kind == "fact":
        # After the last record of its key: a key's claims stay together in the file.
        same_key = [i for i, f in enumerate(items) if f.get("key") == op.record["key"]]
        position = same_key[-1] + 1 if same_key else position
    items.insert(position, commented(op.record))


def edited_texts(curated: Path, ops: list[Op]) -> dict[str, str]:
    """The new text of every curated file the operations change."""
    names = sorted({FILES[op.kind][0] for op in ops})
    docs = {n: load_text((curated / n).read_text(encoding="utf-8")) for n in names}
    for op in ops:
        _edit(docs, op)
    return {n: dump_text(docs[n]) for n in names}


def check(seeds_dir: Path, data_dir: Path, texts: dict[str, str]) -> None:
    """Refused, with the reason, unless the curated files with ``texts`` written build."""
    curated = paths.curated_dir(data_dir)
    with tempfile.TemporaryDirectory(prefix="h200-review-") as tmp:
        scratch = paths.curated_dir(tmp)
        scratch.mkdir(parents=True)
        for path in curated.glob("*.yaml"):
            shutil.copy(path, scratch / path.name)
        for name, text in texts.items():
            (scratch / name).write_text(text, encoding="utf-8")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UncuratedWarning)
                build(seeds_dir, tmp).tables()
        except InputError as exc:
            raise Refused(str(exc).replace(str(scratch), str(curated))) from None


def load(seeds_dir: Path, data_dir: Path) -> FactBase:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncuratedWarning)
        return build(seeds_dir, data_dir)


def apply(seeds_dir: Path, data_dir: Path, ops: list[Op]) -> FactBase:
    """Check, then write the operations; the fact base as it now stands."""
    curated = paths.curated_dir(data_dir)
    texts = edited_texts(curated, ops)
    check(seeds_dir, data_dir, texts)
    for name, text in texts.items():
        write_atomically(curated / name, text)
    return load(seeds_dir, data_dir)
