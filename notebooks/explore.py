# ---
# jupyter:
#   kernelspec:
#     display_name: Python (h200report)
#     language: python
#     name: h200report
# ---

# %% [markdown]
# # Exploring the fact base
#
# A short tour of the API for your own questions (not rendered into the reports).
# `h.load()` builds the fact base from the articles and the curated files and gives the
# published tables as typed pandas frames: `fb.sources`, `fb.mentions`, `fb.facts`,
# `fb.events`, `fb.comparisons` (README, "Published tables", lists every column).
# `help(h.load)` and `help(h.FactBase)` list the helpers.

# %% tags=["parameters"]
as_of: str = None  # ISO date YYYY-MM-DD: only sources published by then; None: all sources
seeds_dir: str = None  # folder of seed articles, relative to the project or absolute; None: seeds/
data_dir: str = None  # data folder holding curated/; None: the project's data/

# %%
import h200report as h
from h200report.report import params

settings = params.validate(as_of=as_of, seeds_dir=seeds_dir, data_dir=data_dir)
fb = h.load(settings.seeds_dir, settings.data_dir, settings.as_of)
fb.outlets()

# %% [markdown]
# ## 1. Every figure Bloomberg gave
#
# `by_outlet` matches the site of a source and the party an article attributes a claim
# to ("Bloomberg, citing people familiar with the matter"), in English and Chinese.
# A fact quoted twice has a row per quote.

# %%
fb.by_outlet("Bloomberg")[["fact_id", "value", "low", "high", "unit", "bound", "status", "outlet"]]

# %% [markdown]
# ## 2. What happened in February 2026
#
# `between` keeps every event whose date overlaps the span: a date known only to the
# month ("early February") counts, drawn as the span it is.

# %%
fb.between("2026-02-01", "2026-02-28")[
    ["date_start", "date_end", "date_precision", "title_en", "outlet"]
]

# %% [markdown]
# ## 3. Where the sources conflict
#
# One row per pair of sources that disagree on a key: the value each gives and what
# differs (metric, value, status or date).

# %%
fb.conflicts()[["key", "source_a", "value_a", "source_b", "value_b", "aspects"]]
