"""Fact base and reports on the US export policy for Nvidia H200 chips to China.

For an analyst's own questions: ``import h200report as h; fb = h.load()`` (see
``help(h.load)`` and README, "Exploring the data").
"""

import sys

__version__ = "0.1.0"
__all__ = ["FactBase", "load"]

# nbformat validates notebooks with jsonschema, which imports rfc3987_syntax when it is
# installed (jupyter-events pulls it in) to check the "iri" formats, which no notebook
# schema uses; that import builds some thirty Earley parsers: a second of every process
# that reads a notebook (jsonschema issue 1428). Marked absent, it is skipped as
# jsonschema skips any format library that is not installed. pytest imports this
# package first (``h200report.pytest_plugin``): its nbval plugin reads notebooks.
sys.modules.setdefault("rfc3987_syntax", None)


def __getattr__(name: str):
    # Lazily: the command line imports the package without pandas.
    if name in __all__:
        from . import explore

        return getattr(explore, name)
    raise AttributeError(f"module 'h200report' has no attribute {name!r}")
