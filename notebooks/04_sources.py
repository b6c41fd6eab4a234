# ---
# jupyter:
#   kernelspec:
#     display_name: Python (h200report)
#     language: python
#     name: h200report
# ---

# %% [markdown] tags=["lang-en"]
# # Sources
#
# What each article is, where they agree and conflict, and what the fact base covers.

# %% [markdown] tags=["lang-zh"]
# # 来源
#
# 文章概况、一致与冲突之处,以及事实库的覆盖情况。

# %% tags=["parameters"]
language: str = "en"  # en or zh: labels, titles and prose (quotes stay in the original)
as_of: str = None  # ISO date YYYY-MM-DD: only sources published by then; None: all sources
seeds_dir: str = None  # folder of seed articles, relative to the project or absolute; None: seeds/
data_dir: str = None  # data folder holding curated/; None: the project's data/

# %% tags=[]
from h200report.report import charts, params, views

settings = params.validate(language=language, as_of=as_of, seeds_dir=seeds_dir, data_dir=data_dir)
report = views.load(settings)
views.status(report)

# %% [markdown] tags=["lang-en"]
# ## The articles

# %% [markdown] tags=["lang-zh"]
# ## 文章

# %% tags=[]
views.prose("sources_intro", report)

# %% tags=[]
views.show(views.sources(report), report)

# %% [markdown] tags=["lang-en"]
# ## Agreement and conflicts

# %% [markdown] tags=["lang-zh"]
# ## 一致与冲突

# %% tags=[]
views.prose("comparisons_intro", report)

# %% tags=[]
views.verdict_counts(report)

# %% tags=[]
views.comparison_cards(report)

# %%
views.prose("single_source_intro", report)

# %%
views.show(views.single_source(report), report)

# %% [markdown] tags=["lang-en"]
# ## Coverage of mentions

# %% [markdown] tags=["lang-zh"]
# ## 提及覆盖

# %% tags=[]
views.prose("coverage_intro", report)

# %% tags=[]
views.uncurated_text(report)

# %% tags=[]
print(views.build_warnings(report))

# %% tags=[]
mentions = views.coverage(report)
views.show(mentions, report)

# %% tags=[]
charts.coverage(mentions, report).show()

# %% tags=[]
views.show(views.unused_mentions(report), report)

# %% tags=[]
views.show(views.uncurated_mentions(report), report)

# %% [markdown] tags=["lang-en"]
# ## Suggested, not reviewed

# %% [markdown] tags=["lang-zh"]
# ## 建议(未经审核)

# %% tags=[]
views.suggestions_text(report)

# %% tags=[]
views.suggestion_table(report)

# %% [markdown] tags=["lang-en"]
# ## What the body cut left out

# %% [markdown] tags=["lang-zh"]
# ## 正文切分舍弃的内容

# %% tags=[]
views.prose("furniture_intro", report)

# %% tags=[]
views.show(views.furniture(report), report)
