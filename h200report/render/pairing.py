"""A report notebook's files: ``NAME.py`` (py:percent, the one source people edit and
ruff lints, every Markdown cell once per language) and, per language, ``en/NAME.ipynb``
and ``zh/NAME.ipynb``: that language's cells, stored executed (what JupyterLab opens,
what the render executes for that language, and the regression baseline). A source
without language-tagged cells (``explore.py``) has one notebook beside it.

``notebook_from_source`` reads the ``.py`` into the notebook that ``h200 baseline``
executes and stores. Cell ids are derived from each cell's content, so the stored
notebooks diff cleanly: jupytext (like nbformat) would draw random ones, and ids
by position would all change when one cell is inserted.
"""

from __future__ import annotations

import ast
import hashlib
from pathlib import Path

import nbformat

from ..paths import language_of
from ..vocab import LANGUAGES, language_tag
from .kernel import KERNELSPEC

SOURCE_SUFFIX = ".py"
PARAMETERS_TAG = "parameters"
PAIRED_FORMATS = "ipynb,py:percent"


def stable_ids(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Give every cell an id from its type and source (suffixed where two cells are equal)."""
    seen: dict[str, int] = {}
    for cell in nb.cells:
        digest = hashlib.sha1(f"{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:12]
        seen[digest] = seen.get(digest, 0) + 1
        cell.id = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"
    return nb


def languages_of(nb: nbformat.NotebookNode) -> tuple[str, ...]:
    """The report languages some Markdown cell of ``nb`` is tagged for, in LANGUAGES order."""
    tags = {t for c in nb.cells for t in c.get("metadata", {}).get("tags", [])}
    return tuple(lang for lang in LANGUAGES if language_tag(lang) in tags)


def _in_language(nb: nbformat.NotebookNode, language: str) -> nbformat.NotebookNode:
    """One language's notebook: its Markdown cells, and a parameters cell whose
    ``language`` defaults to it, commented in it."""
    from ..report.params import parameters_cell
    from .export import keep_language

    keep_language(nb, language, notebook=True)
    for cell in nb.cells:
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.metadata.get("tags", []):
            names = [n.target.id for n in ast.parse(cell.source).body]
            cell.source = parameters_cell(names, language)
            break
    return nb


def notebook_from_source(path: Path, language: str | None = None) -> nbformat.NotebookNode:
    """The notebook a ``.py`` source describes, with the project's kernel and stable ids;
    with ``language``, that language's notebook of a bilingual source."""
    import jupytext  # here: the render and the kernels never read a source

    nb = jupytext.read(Path(path), fmt="py:percent")
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for cell in nb.cells:
        # jupytext leaves an empty metadata for untagged cells; nothing else is kept.
        cell.metadata = {"tags": cell.metadata["tags"]} if cell.metadata.get("tags") else {}
    if language is not None:
        _in_language(nb, language)
    elif not languages_of(nb):
        # A notebook in no particular language is edited as itself: saved in JupyterLab,
        # its source follows (jupytext reads the pairing from here).
        nb.metadata["jupytext"] = {"formats": PAIRED_FORMATS}
    return stable_ids(nb)


def stored_notebooks(source: Path) -> dict[str | None, Path]:
    """Where the stored notebooks of a source live, by language (None: a source in no
    particular language, stored beside it)."""
    source = Path(source)
    langs = languages_of(notebook_from_source(source))
    if not langs:
        return {None: source.with_suffix(".ipynb")}
    return {lang: source.parent / lang / f"{source.stem}.ipynb" for lang in langs}


def source_of(notebook: Path) -> Path:
    """The ``.py`` source of a stored notebook (``en/NAME.ipynb`` -> ``NAME.py``)."""
    notebook = Path(notebook)
    folder = notebook.parent.parent if language_of(notebook) else notebook.parent
    return folder / f"{notebook.stem}{SOURCE_SUFFIX}"
