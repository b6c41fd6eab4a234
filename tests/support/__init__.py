"""What the tests and benchmarks share and the installed package never imports:
synthetic corpora, seed-folder helpers, the browser checks, a sources-report render."""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
