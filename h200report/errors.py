"""Errors that reach a user as one line: which file (or parameter) and what is wrong.

A message is bounded whatever it shows: a value is shown through ``brief`` (a
``reprlib`` repr that stops after a few items, levels and characters), and the line
itself is capped, so a pathological input (a YAML alias bomb, a megabyte string)
cannot make the error message the thing that exhausts memory or floods a log.
"""

from __future__ import annotations

import reprlib
from pathlib import Path

# Long enough for a path and a curated quote with its context; a line longer than
# this is not read by anybody.
MAX_WHERE_CHARS = 300
MAX_PROBLEM_CHARS = 800

_BRIEF = reprlib.Repr()
_BRIEF.maxlevel = 2
_BRIEF.maxlist = _BRIEF.maxtuple = _BRIEF.maxdict = _BRIEF.maxset = 4
# Quotes are shown whole up to this length (the README's examples are real messages).
_BRIEF.maxstring = 160
_BRIEF.maxother = 80
_BRIEF.maxlong = 40


def brief(value: object) -> str:
    """A repr of ``value`` for an error message: equal to ``repr`` for small values,
    bounded (with ``...``) for big or deeply nested ones, without building the full repr."""
    return _BRIEF.repr(value)


def clip(text: str, limit: int) -> str:
    """``text`` with its middle cut out if it is longer than ``limit`` characters."""
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[len(text) - (limit - 1 - half) :]}"


def validation_message(error: dict) -> str:
    """One pydantic error's message as a person reads it (no "Value error, " prefix)."""
    if error.get("type") == "extra_forbidden":
        return "unknown field"
    return str(error.get("msg", "")).removeprefix("Value error, ")


class InputError(Exception):
    """Bad input: a seed, a metadata or fact file, or a parameter.

    ``where`` names the file or parameter; ``problem`` says what is wrong in one
    sentence. ``str()`` gives the one line the CLI prints, of bounded length.
    """

    def __init__(self, where: str | Path, problem: str):
        # A file name may hold a newline or a tab: escaped, so the message stays one line
        # and the name stays exact (spaces are kept as they are).
        where = "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(where))
        self.where = clip(where, MAX_WHERE_CHARS)
        self.problem = clip(" ".join(str(problem).split()), MAX_PROBLEM_CHARS)
        super().__init__(f"{self.where}: {self.problem}")

    def __reduce__(self):
        # Pickled as its two arguments: an error raised in a worker process (a corpus read
        # in parallel) reaches the parent as the same one line.
        return type(self), (self.where, self.problem)


class ParameterError(InputError, ValueError):
    """A notebook or CLI parameter with an unknown name, a wrong type or an impossible value."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a stack trace: in a notebook (and in papermill's
        # error) the reader gets the one sentence, not frames of our validation code.
        return [f"ParameterError: {self}"]
