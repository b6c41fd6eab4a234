"""YAML reading shared by the metadata and curated files."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


class _NoDatesLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as strings, so a bad date is reported by the schema
    with the field's name instead of crashing inside the YAML parser."""


_NoDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path, what: str = "file"):
    """Parsed YAML, or an InputError naming the file, line and problem."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, f"{what} is missing")
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDatesLoader)  # noqa: S506
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputError(path, f"malformed YAML{where}: {problem}") from None


def parse_scalar(text: str):
    """A command-line value read as YAML (numbers, null, true), dates left as text."""
    try:
        return yaml.load(text, Loader=_NoDatesLoader)  # noqa: S506
    except yaml.YAMLError:
        return text
