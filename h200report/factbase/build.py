"""Running the chain: seeds and curated files to a checked FactBase.

Stage 1 (``extract``) reads the seeds and finds their mentions; then the curated
files are read and every record is checked against the articles (``verify``). The
first bad input stops the build with an ``InputError`` naming the file.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from .. import paths
from ..extract.body import cut_body
from ..extract.mentions import extract_mentions
from ..extract.sources import load_seeds
from .curation import load_events, load_facts, load_unused
from .labels import load_labels
from .tables import FactBase
from .verify import link


class UncuratedWarning(UserWarning):
    """A seed has mentions that no fact, event or 'unused' entry accounts for yet."""


def build(seeds_dir: Path = paths.SEEDS_DIR, data_dir: Path = paths.DATA_DIR) -> FactBase:
    """Run the chain on a seeds folder and a data folder; InputError on the first bad input."""
    seeds = load_seeds(Path(seeds_dir))
    bodies = {s.source_id: cut_body(s) for s in seeds}
    mentions = {
        s.source_id: extract_mentions(bodies[s.source_id], s.meta.published_date) for s in seeds
    }
    curated = paths.curated_dir(data_dir)
    facts, events, unused = load_facts(curated), load_events(curated), load_unused(curated)
    labels = load_labels(curated, facts, events)
    links = link(seeds, bodies, mentions, facts, events, unused, curated)
    fb = FactBase(seeds, bodies, mentions, facts, events, unused, links, labels)
    for s in seeds:
        uncurated = [
            m.text for m in mentions[s.source_id] if fb.mention_status(m)[0] == "uncurated"
        ]
        if uncurated:
            message = (
                f"{s.path}: {len(uncurated)} mention(s) not yet curated "
                f"(neither evidence nor listed as unused): {', '.join(uncurated[:6])}{' ...' if len(uncurated) > 6 else ''}"
            )
            fb.warnings.append(message)
            warnings.warn(message, UncuratedWarning, stacklevel=2)
    return fb
