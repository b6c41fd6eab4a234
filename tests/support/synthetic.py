"""Synthetic corpora for benchmarks, built from the project's own captures.

Articles are varied, not copies: each one takes the header and trailer of one of
the captures (shipped seeds and test fixtures, simplified, traditional and
English), shuffles and repeats its body paragraphs up to the wanted size, and
replaces the numbers with other numbers, so extraction does real work on each.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import yaml

from h200report import paths
from h200report.extract.body import cut_body
from h200report.extract.sources import load_seeds
from tests.support import CORPUS_SEEDS

from . import FIXTURES

_DIGITS = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?")


def _templates() -> list[tuple[list[str], list[str], list[str], dict]]:
    """(header lines, body paragraphs, trailer lines, metadata) of every capture we own."""
    out = []
    for folder in (CORPUS_SEEDS, FIXTURES / "captures"):
        for seed in load_seeds(folder):
            body = cut_body(seed)
            header = [f.text for f in body.furniture if f.kind == "header"]
            trailer = [f.text for f in body.furniture if f.kind == "trailer"]
            meta = seed.meta.model_dump(mode="json", exclude={"sha256"})
            out.append((header, body.text.split("\n"), trailer, meta))
    return out


def _vary_numbers(text: str, rng: random.Random) -> str:
    def swap(match: re.Match) -> str:
        digits = match.group(0)
        if len(digits) == 4 and digits.startswith("20"):
            return digits  # keep years plausible
        return (
            str(rng.randint(1, 999))
            if "." not in digits
            else f"{rng.randint(1, 99)}.{rng.randint(1, 9)}"
        )

    return _DIGITS.sub(swap, text)


def make_corpus(n: int, out_dir: Path, size_bytes: int = 10_000, seed: int = 0) -> Path:
    """Write n captures of about size_bytes each, with their sources.yaml, into out_dir."""
    rng = random.Random(seed)
    templates = _templates()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    sources = {}
    for i in range(n):
        header, paragraphs, trailer, meta = templates[i % len(templates)]
        body: list[str] = []
        while sum(len(p.encode()) for p in body) < size_bytes * 0.85:
            body.append(_vary_numbers(rng.choice(paragraphs), rng))
        text = "\n".join([*header, "", *body, "", *trailer]) + "\n"
        data = text.encode("utf-8")
        if rng.random() < 0.2:
            data = data.replace(b"\n", b"\r\n")
        if rng.random() < 0.1:
            data = b"\xef\xbb\xbf" + data
        source_id = f"synthetic_{i:05d}"
        (out_dir / f"{source_id}.txt").write_bytes(data)
        sources[source_id] = dict(meta)  # one object twice would be dumped as a YAML alias
    (out_dir / paths.SOURCES_FILE_NAME).write_text(
        yaml.safe_dump({"sources": sources}, allow_unicode=True, sort_keys=True), encoding="utf-8"
    )
    return out_dir
