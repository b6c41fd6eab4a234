"""Errors that reach a user as one line: which file (or parameter) and what is wrong."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: a seed, a metadata or fact file, or a parameter.

    ``where`` names the file or parameter; ``problem`` says what is wrong in one
    sentence. ``str()`` gives the one line the CLI prints.
    """

    def __init__(self, where: str | Path, problem: str):
        self.where = str(where)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.where}: {self.problem}")


class ParameterError(InputError, ValueError):
    """A notebook or CLI parameter with an unknown name, a wrong type or an impossible value."""

    def _render_traceback_(self) -> list[str]:
        # IPython shows this instead of a stack trace: in a notebook (and in papermill's
        # error) the reader gets the one sentence, not frames of our validation code.
        return [f"ParameterError: {self}"]
