"""Fact base and reports on the US export policy for Nvidia H200 chips to China.

For an analyst's own questions: ``import h200report as h; fb = h.load()`` (see
``help(h.load)`` and README, "Exploring the data").
"""

__version__ = "0.1.0"
__all__ = ["FactBase", "load"]


def __getattr__(name: str):
    # Lazily: the command line imports the package without pandas.
    if name in __all__:
        from . import explore

        return getattr(explore, name)
    raise AttributeError(f"module 'h200report' has no attribute {name!r}")
