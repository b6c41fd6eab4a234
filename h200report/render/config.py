"""``render.yaml``: the parameter sets and notebooks a render runs, read strictly.

Every key is checked and every notebook found and read before any kernel starts, so
a typo or a broken notebook file costs one line, not a failed run.
"""

from __future__ import annotations

import glob
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..errors import InputError, brief, clip
from ..paths import language_notebooks_dir, language_of
from ..vocab import LANGUAGES
from ..yamlio import read_yaml

CONFIG_KEYS = {"parameter_sets", "notebooks", "keep", "cell_timeout", "raw_html"}
SET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass
class RenderConfig:
    parameter_sets: dict[str, dict]
    notebooks: list[str] = field(default_factory=lambda: ["*.ipynb"])
    keep: int = 30
    cell_timeout: int | None = 600
    raw_html: str = "error"


def load_config(path: Path = paths.RENDER_CONFIG) -> RenderConfig:
    # Dates stay ISO text, as notebooks expect; errors name the line.
    path = Path(path)
    raw = read_yaml(path, "render config")
    if not isinstance(raw, dict):
        raise InputError(path, "must be a mapping with a parameter_sets key")
    unknown = sorted(set(raw) - CONFIG_KEYS)
    if unknown:
        raise InputError(path, f"unknown keys {unknown}; known: {sorted(CONFIG_KEYS)}")
    sets = raw.get("parameter_sets")
    if not isinstance(sets, dict) or not sets:
        raise InputError(path, "parameter_sets must map set names to parameter mappings")
    for name, params in sets.items():
        if not isinstance(name, str) or not SET_NAME.match(name):
            raise InputError(path, f"parameter set name {brief(name)} must be a simple folder name")
        if params is not None and not isinstance(params, dict):
            raise InputError(path, f"parameter set {brief(name)} must be a mapping")
    notebooks = raw.get("notebooks", ["*.ipynb"])
    if isinstance(notebooks, str):
        notebooks = [notebooks]
    if not isinstance(notebooks, list) or not all(isinstance(n, str) for n in notebooks):
        raise InputError(path, "notebooks must be a list of glob patterns")
    keep = raw.get("keep", 30)
    if not isinstance(keep, int) or keep < 0:
        raise InputError(path, "keep must be a whole number >= 0 (0 keeps every run)")
    timeout = raw.get("cell_timeout", 600)
    if timeout is not None and (not isinstance(timeout, int) or timeout <= 0):
        raise InputError(path, "cell_timeout must be a positive number of seconds or null")
    raw_html = raw.get("raw_html", "error")
    if raw_html not in ("error", "warn", "allow"):
        raise InputError(path, "raw_html must be error, warn or allow")
    return RenderConfig(
        parameter_sets={k: dict(v or {}) for k, v in sets.items()},
        notebooks=notebooks,
        keep=keep,
        cell_timeout=timeout,
        raw_html=raw_html,
    )


def select_notebooks(
    specs: list[str] | None, patterns: list[str], notebooks_dir: Path = paths.NOTEBOOKS_DIR
) -> list[Path]:
    """Notebook files to render: names, paths or folders given, else the config's globs,
    matched in ``notebooks_dir`` and in its language folders (``en/``, ``zh/``).

    Names starting with "_" are skipped when found by glob (drafts, helpers), but a
    file named explicitly is rendered. A report stored once per language is one name
    here, found in each language's folder: ``variant`` picks the file for a parameter
    set. Each is read only by ``check_notebook``: a render that finds nothing changed
    never opens one.
    """
    notebooks_dir = Path(notebooks_dir)
    folders = [notebooks_dir] + [language_notebooks_dir(lang, notebooks_dir) for lang in LANGUAGES]
    found: list[Path] = []
    if not specs:
        for pattern in patterns:
            matched = [
                Path(p) for folder in folders for p in sorted(glob.glob(str(folder / pattern)))
            ]
            found += sorted(matched, key=lambda p: p.name)  # by name; a name's variants en, zh
        found = [p for p in found if not p.name.startswith("_") and p.suffix == ".ipynb"]
    else:
        for spec in specs:
            path = Path(spec)
            candidates = [path] + [
                c for folder in folders for c in (folder / spec, folder / f"{spec}.ipynb")
            ]
            hit = next((c for c in candidates if c.exists()), None)
            if hit is None:
                raise InputError(spec, f"no such notebook (looked in {notebooks_dir})")
            if hit.is_dir():
                found += sorted(p for p in hit.glob("*.ipynb") if not p.name.startswith("_"))
            else:
                found.append(hit)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    if not unique:
        where = ", ".join(specs) if specs else f"{notebooks_dir} ({', '.join(patterns)})"
        raise InputError(where, "no notebooks to render")
    # One entry per report, its first file: the files of one name in the language
    # folders of one place are its language variants, the same name elsewhere collides.
    first: dict[str, Path] = {}
    for nb in sorted(unique, key=lambda p: p.stem):
        home = nb.parent.parent if language_of(nb) else nb.parent
        seen = first.setdefault(nb.stem, nb)
        if (seen.parent.parent if language_of(seen) else seen.parent) != home:
            raise InputError(nb.stem, "two notebooks share this name; their reports would collide")
    return [first[nb.stem] for nb in unique if first[nb.stem] is nb]


def variant(notebook: Path, language: object) -> Path:
    """The file of a report to execute for a parameter set in ``language``: its sibling
    in that language's folder where it is stored per language, else itself."""
    if language_of(notebook) and language in LANGUAGES:
        sibling = notebook.parent.parent / str(language) / notebook.name
        if sibling.is_file():
            return sibling
    return notebook


def check_notebook(path: Path) -> None:
    """InputError(path, "not a valid notebook: ...") unless nbformat reads and validates it.

    A truncated file or a path that is not a notebook would otherwise fail inside
    papermill with a long traceback, after other kernels have started.
    """
    import nbformat  # here: a render that finds nothing changed never reads a notebook

    if path.suffix != ".ipynb":
        raise InputError(path, "not a valid notebook: a notebook is an .ipynb file")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(path, "not a valid notebook: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(path, f"not a valid notebook: cannot be read ({exc.strerror})") from None
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not a valid notebook: not JSON ({exc})") from None
    if not isinstance(doc, dict):
        raise InputError(path, "not a valid notebook: its JSON is not an object")
    try:
        nbformat.validate(nbformat.reads(text, as_version=4))
    # What nbformat's reader and converters raise for JSON that is no notebook.
    except (nbformat.ValidationError, ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = str(getattr(exc, "message", None) or exc).splitlines()[0]
        raise InputError(path, f"not a valid notebook: {clip(reason, 200)}") from None
