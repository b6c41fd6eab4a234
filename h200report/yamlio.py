"""The one strict YAML reader: every YAML the project reads goes through here.

Curated files, ``sources.yaml``, ``render.yaml``, the lexicon and ``h200 render -p``
values are written by people, so the reader refuses what plain YAML silently
accepts: a duplicate mapping key (YAML keeps the last one, so a second ``status:``
or a second entry for a source id quietly replaces the first, sha256 check
included) and anchors or aliases (``&a``/``*a``: nobody needs them in these files,
and a few lines of them expand to a value too big to compare or print). Dates stay
text, so a bad date is reported by the schema with the field's name.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent, NodeEvent

from .errors import InputError, brief


class _Refused(yaml.MarkedYAMLError):
    """Well-formed YAML that the project's files may not use."""


class _AliasRefused(_Refused):
    pass


class _DuplicateKey(_Refused):
    pass


def _at(mark) -> str:
    return f"line {mark.line + 1}, column {mark.column + 1}"


class _NoDuplicateKeys:
    """A constructor that refuses a mapping key given twice."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            first: dict = {}
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                try:
                    seen = first.setdefault(key, key_node)
                except TypeError:
                    continue  # an unhashable key: SafeLoader reports it with its line
                if seen is not key_node:
                    raise _DuplicateKey(
                        problem=f"duplicate key {brief(key)} at {_at(key_node.start_mark)} "
                        f"(first at line {seen.start_mark.line + 1}): YAML would keep only the last",
                        problem_mark=key_node.start_mark,
                    )
        return super().construct_mapping(node, deep=deep)


class _StrictLoader(_NoDuplicateKeys, yaml.SafeLoader):
    """SafeLoader without dates, anchors, aliases or duplicate keys."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        # Checked before the alias is resolved: nothing is expanded, not even once.
        if isinstance(event, NodeEvent) and event.anchor is not None:
            sign = "*" if isinstance(event, AliasEvent) else "&"
            kind = "alias" if sign == "*" else "anchor"
            raise _AliasRefused(
                problem=f"an {kind} {sign}{event.anchor}", problem_mark=event.start_mark
            )
        return super().compose_node(parent, index)


# libyaml composes in C, where an anchor cannot be seen; it reads a text that has no
# "&" or "*" at all (no anchor or alias is possible) ten times faster (sources.yaml
# of a thousand articles: a second). Any other text, and any error, takes the Python
# composer, so the project's refusals and every message are the Python reader's.
# libyaml is a little more lenient in corners the Python parser refuses (a tab inside
# a plain key, "?" inside a flow value); PyYAML's wheels all carry it, so a file reads
# the same on every machine set up from the requirements.
_FastLoader = (
    type("_FastLoader", (_NoDuplicateKeys, yaml.CSafeLoader), {})
    if getattr(yaml, "__with_libyaml__", False)
    else None
)

for _loader in (_StrictLoader, _FastLoader):
    if _loader is not None:
        _loader.yaml_implicit_resolvers = {
            first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }


def _load(text: str):
    if _FastLoader is not None and "&" not in text and "*" not in text:
        try:
            return yaml.load(text, Loader=_FastLoader)  # noqa: S506 (a SafeLoader subclass)
        except (yaml.YAMLError, ValueError):
            pass  # read again below, for the same message as without libyaml
    return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader subclass)


def read_yaml(path: Path, what: str = "file"):
    """Parsed YAML, or an InputError naming the file, line and problem."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, f"{what} is missing")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    return loads(text, path)


def loads(text: str, path: Path):
    """YAML text read as ``read_yaml`` reads a file, errors naming ``path``."""
    try:
        return _load(text)
    except _AliasRefused as exc:
        raise InputError(
            path,
            f"aliases (&/*) are not allowed in {path.name} "
            f"({exc.problem} at {_at(exc.problem_mark)})",
        ) from None
    except _DuplicateKey as exc:
        raise InputError(path, exc.problem) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at {_at(mark)}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"malformed YAML{where}: {problem}") from None
    except ValueError as exc:
        # A scalar YAML accepts but Python will not build, e.g. an integer of more
        # than 4300 digits.
        raise InputError(path, f"malformed YAML: {exc}") from None


def parse_scalar(text: str, where: str = "-p value"):
    """A command-line value read as YAML (numbers, null, true), dates left as text.

    Text that is not YAML stays text; an anchor, alias or duplicate key is refused,
    as in the files, naming the value (the quoted value is the way to pass ``*a``).
    """
    try:
        return _load(text)
    except _AliasRefused as exc:
        raise InputError(
            f"{where} {brief(text)}",
            f"aliases (&/*) are not allowed in -p values ({exc.problem} at column "
            f"{exc.problem_mark.column + 1}); quote the value to pass it as text",
        ) from None
    except _DuplicateKey as exc:
        raise InputError(f"{where} {brief(text)}", exc.problem) from None
    except (yaml.YAMLError, ValueError):
        return text
