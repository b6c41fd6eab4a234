"""What the tests and benchmarks share and the installed package never imports:
synthetic corpora, seed-folder helpers, the browser checks, a sources-report render,
and the tests' own corpus (``CORPUS_*``): unit tests never read the live ``seeds/`` and
``data/``, which grow as analysts add articles."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CORPUS = FIXTURES / "corpus"
CORPUS_SEEDS = CORPUS / "seeds"
CORPUS_DATA = CORPUS / "data"
CORPUS_CURATED = CORPUS_DATA / "curated"


def stored_reports(*languages: str) -> list[Path]:
    """The stored report notebooks (what render.yaml renders) of ``languages``, by
    language then name (default: every language)."""
    from h200report import paths
    from h200report.vocab import LANGUAGES

    return [
        nb
        for lang in languages or LANGUAGES
        for nb in sorted(paths.language_notebooks_dir(lang).glob("[0-9][0-9]_*.ipynb"))
    ]


def notebook_id(path: Path) -> str:
    """A stored notebook as a test id: ``en/00_overview``."""
    return f"{path.parent.name}/{path.stem}"
