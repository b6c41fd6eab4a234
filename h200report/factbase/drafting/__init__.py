"""The parts of ``h200 suggest`` (``factbase.suggest`` puts them together): the suggestions
file (``files``), what a sentence says beyond its figures (``sentences``: the quote's
extent, who speaks, the status, zero and aggregate statements), words compared with the
curated records (``words``), links to existing keys and events (``link``), drafts of new
keys and events (``new``), and the verdicts the drafts would give (``readback``)."""
