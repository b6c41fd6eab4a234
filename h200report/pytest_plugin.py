"""Loaded by pytest before any other plugin (``-p h200report.pytest_plugin`` in
pyproject.toml), so that the package's import guards (``h200report/__init__.py``) are in
place before nbval's plugin imports nbformat.

A module of its own, not ``-p h200report``: pytest rewrites the assertions of every
module under a name given to ``-p``, and the package's code is tested as it ships.
"""

import h200report  # noqa: F401  (the import is the point)
