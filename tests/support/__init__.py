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
