"""The one place that knows where the project's folders are.

Everything is derived from the package location, so the project works from any
current directory (the Jupyter kernel runs in ``notebooks/``, cron runs anywhere).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
DATA_DIR = ROOT / "data"
CURATED_DIR = DATA_DIR / "curated"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
RENDER_CONFIG = ROOT / "render.yaml"
SOURCES_FILE_NAME = "sources.yaml"
PACKAGE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = PACKAGE_DIR / "render" / "templates"
# plotly.js's basic bundle, its licence and what it holds (package data; `make vendor`).
VENDOR_DIR = PACKAGE_DIR / "render" / "vendor"
LEXICON_DIR = PACKAGE_DIR / "extract" / "lexicon"


def shown(path: Path) -> str:
    """A path as messages print it: relative to the project where it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def curated_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "curated"


def processed_dir(data_dir: Path) -> Path:
    return Path(data_dir) / "processed"


def suggestions_dir(data_dir: Path) -> Path:
    """Suggested curation, one file per source (``h200 suggest``); never read as curated data."""
    return curated_dir(data_dir) / "suggestions"


def language_notebooks_dir(language: str, notebooks_dir: Path = NOTEBOOKS_DIR) -> Path:
    """The stored notebooks of one language (``notebooks/en/``): what JupyterLab opens,
    what the render executes for that language, and the nbval baselines."""
    return Path(notebooks_dir) / language


def language_of(notebook: Path) -> str | None:
    """The language a stored notebook is in, from its folder (None: no language folder)."""
    from .vocab import LANGUAGES

    name = Path(notebook).parent.name
    return name if name in LANGUAGES else None
