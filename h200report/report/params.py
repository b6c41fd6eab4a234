"""Notebook parameters, defined once: name, type, default, meaning and check.

Each notebook's ``parameters`` cell is written from this table (a test keeps them
equal), its second cell calls ``validate``, and ``h200 render`` calls ``validate``
on every parameter set before any kernel starts. Papermill only warns about a
parameter the notebook does not declare, and a bad value would otherwise fail deep
inside pandas; here every failure is a ``ParameterError`` whose message is one
sentence naming the parameter.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import json
import math
from collections.abc import Callable, Iterable
from pathlib import Path

from .. import paths
from ..errors import ParameterError, brief
from ..vocab import LANGUAGES


def check_language(value: object, name: str = "language") -> str:
    if not isinstance(value, str):
        raise ParameterError(
            name, f"must be text, one of {', '.join(LANGUAGES)}, got {brief(value)}"
        )
    if value not in LANGUAGES:
        raise ParameterError(name, f"{brief(value)} is not one of {', '.join(LANGUAGES)}")
    return value


def _as_of(value: object, name: str) -> dt.date | None:
    if value is None:
        return None
    # YAML parameter files turn unquoted dates into date objects; accept those too.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ParameterError(
            name, f"must be an ISO date text (YYYY-MM-DD) or None, got {brief(value)}"
        )
    try:
        if len(value) != len("YYYY-MM-DD"):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(name, f"{brief(value)} is not a date (YYYY-MM-DD)") from None


def _folder(default: Path) -> Callable[[object, str], Path]:
    def check(value: object, name: str) -> Path:
        if value is None:
            return default
        if not isinstance(value, str | Path) or str(value) == "":
            raise ParameterError(name, f"must be a folder path as text or None, got {brief(value)}")
        # Relative to the project, not to the kernel's working folder (notebooks/).
        path = Path(value).expanduser()
        path = path if path.is_absolute() else paths.ROOT / path
        if not path.is_dir():
            raise ParameterError(name, f"{brief(str(value))} is not a folder")
        return path

    return check


def _positive_int(value: object, name: str) -> int | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not value.is_integer())
        or value <= 0
    ):
        raise ParameterError(name, f"must be a positive whole number or None, got {brief(value)}")
    return int(value)


def _percent(value: object, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ParameterError(name, f"must be a number from 0 to 100 or None, got {brief(value)}")
    if not 0 <= value <= 100:
        raise ParameterError(name, f"must be from 0 to 100 (a percentage), got {brief(value)}")
    return float(value)


@dataclasses.dataclass(frozen=True)
class Parameter:
    name: str
    # The annotation of the parameters cell: papermill's --help-notebook reads it with a
    # regex that accepts neither "str | None" nor a second "=" on the line, so it names
    # the type of a set value and its comment (``i18n.parameter``) says what None means.
    cell_type: str
    default: object
    check: Callable[[object, str], object]


PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter(
            "language",
            "str",
            "en",
            check_language,
        ),
        Parameter(
            "as_of",
            "str",
            None,
            _as_of,
        ),
        Parameter(
            "seeds_dir",
            "str",
            None,
            _folder(paths.SEEDS_DIR),
        ),
        Parameter(
            "data_dir",
            "str",
            None,
            _folder(paths.DATA_DIR),
        ),
        Parameter(
            "per_company_cap",
            "int",
            None,
            _positive_int,
        ),
        Parameter(
            "buyers",
            "int",
            None,
            _positive_int,
        ),
        Parameter(
            "fee_rate_percent",
            "float",
            None,
            _percent,
        ),
    )
}

# The checked values of every parameter; a notebook that does not take one gets its default.
Settings = dataclasses.make_dataclass(
    "Settings",
    [
        (p.name, object, dataclasses.field(default=p.check(p.default, p.name)))
        for p in PARAMETERS.values()
    ],
    frozen=True,
)
Settings.__module__ = __name__


def check_names(names: Iterable[str], known: Iterable[str] = PARAMETERS) -> None:
    """ParameterError for the first name that is not one of ``known``."""
    known = list(known)
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(str(name), known, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(known)}"
            raise ParameterError(str(name), f"unknown parameter; {hint}")


def validate(**values: object) -> Settings:
    """The checked settings, or a ParameterError naming the first bad parameter."""
    check_names(values)
    return Settings(**{name: PARAMETERS[name].check(v, name) for name, v in values.items()})


def parameters_cell(names: Iterable[str], language: str = "en") -> str:
    """The source of a ``parameters`` cell declaring ``names``: literals, annotated, and
    commented in ``language`` (the notebook's own, which is also its ``language``)."""
    from .. import i18n

    lines = []
    for name in names:
        p = PARAMETERS[name]
        value = language if name == "language" else p.default
        default = json.dumps(value) if isinstance(value, str) else repr(value)
        lines.append(f"{name}: {p.cell_type} = {default}  # {i18n.parameter(name, language)}")
    return "\n".join(lines)
