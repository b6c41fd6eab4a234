"""Notebook and CLI parameters: one check for names, types and values.

Papermill only warns about a parameter the notebook does not declare, and a bad
value would otherwise fail deep inside pandas; so every notebook's second cell
calls ``validate`` and the render/CLI side calls ``check_names`` before running.
Each failure is a ``ParameterError`` whose message is one sentence naming the
parameter.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .errors import ParameterError

LANGUAGES = ("en", "zh")

COMMON = ("language", "as_of", "seeds_dir", "data_dir")
SCENARIO = ("per_company_cap", "buyers", "fee_rate_percent")
# Which notebook takes which parameters; a render parameter set goes to every
# notebook, so the union is what a set may name.
NOTEBOOK_PARAMETERS: dict[str, tuple[str, ...]] = {
    "00_overview": COMMON,
    "01_order_volumes": COMMON,
    "02_quotas": COMMON + SCENARIO,
    "03_timeline": COMMON,
    "04_sources": COMMON,
}
ALL_PARAMETERS: tuple[str, ...] = COMMON + SCENARIO


@dataclass(frozen=True)
class Settings:
    language: str = "en"
    as_of: dt.date | None = None
    seeds_dir: Path = paths.SEEDS_DIR
    data_dir: Path = paths.DATA_DIR
    per_company_cap: int | None = None
    buyers: int | None = None
    fee_rate_percent: float | None = None


def check_names(values: Mapping[str, object], notebook: str | None = None) -> None:
    """ParameterError for the first name that the notebook (or any notebook) does not take."""
    known = ALL_PARAMETERS
    if notebook is not None:
        stem = Path(notebook).stem
        known = NOTEBOOK_PARAMETERS.get(stem, ALL_PARAMETERS)
    for name in values:
        if name not in known:
            close = difflib.get_close_matches(str(name), known, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known: {', '.join(known)}"
            raise ParameterError(str(name), f"unknown parameter; {hint}")


def _language(value: object) -> str:
    if not isinstance(value, str):
        raise ParameterError(
            "language", f"must be text, one of {', '.join(LANGUAGES)}, got {value!r}"
        )
    if value not in LANGUAGES:
        raise ParameterError("language", f"{value!r} is not one of {', '.join(LANGUAGES)}")
    return value


def _as_of(value: object) -> dt.date | None:
    if value is None:
        return None
    # YAML parameter files turn unquoted dates into date objects; accept those too.
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ParameterError(
            "as_of", f"must be an ISO date text (YYYY-MM-DD) or None, got {value!r}"
        )
    try:
        if len(value) != len("YYYY-MM-DD"):
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError("as_of", f"{value!r} is not a date (YYYY-MM-DD)") from None


def _folder(name: str, value: object, default: Path) -> Path:
    if value is None:
        return default
    if not isinstance(value, str | Path) or str(value) == "":
        raise ParameterError(name, f"must be a folder path as text or None, got {value!r}")
    # Relative to the project, not to the kernel's working folder (notebooks/).
    path = Path(value).expanduser()
    path = path if path.is_absolute() else paths.ROOT / path
    if not path.is_dir():
        raise ParameterError(name, f"{str(value)!r} is not a folder")
    return path


def _positive_int(name: str, value: object) -> int | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (isinstance(value, float) and not value.is_integer())
        or value <= 0
    ):
        raise ParameterError(name, f"must be a positive whole number or None, got {value!r}")
    return int(value)


def _percent(name: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ParameterError(name, f"must be a number from 0 to 100 or None, got {value!r}")
    if not 0 <= value <= 100:
        raise ParameterError(name, f"must be from 0 to 100 (a percentage), got {value!r}")
    return float(value)


def validate(
    *,
    language: object = "en",
    as_of: object = None,
    seeds_dir: object = None,
    data_dir: object = None,
    per_company_cap: object = None,
    buyers: object = None,
    fee_rate_percent: object = None,
) -> Settings:
    """The checked settings, or a ParameterError naming the first bad parameter."""
    return Settings(
        language=_language(language),
        as_of=_as_of(as_of),
        seeds_dir=_folder("seeds_dir", seeds_dir, paths.SEEDS_DIR),
        data_dir=_folder("data_dir", data_dir, paths.DATA_DIR),
        per_company_cap=_positive_int("per_company_cap", per_company_cap),
        buyers=_positive_int("buyers", buyers),
        fee_rate_percent=_percent("fee_rate_percent", fee_rate_percent),
    )


def validate_mapping(values: Mapping[str, object], notebook: str | None = None) -> Settings:
    """check_names then validate: what a CLI or render step uses on a parameter set."""
    check_names(values, notebook)
    return validate(**{k: v for k, v in values.items() if k in ALL_PARAMETERS})
