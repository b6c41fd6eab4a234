# ---
# jupyter:
#   kernelspec:
#     display_name: Python (h200report)
#     language: python
#     name: h200report
# ---

# %% [markdown] tags=["lang-en"]
# # Policy timeline
#
# Every event the sources report, on one time axis.

# %% [markdown] tags=["lang-zh"]
# # 政策时间线
#
# 来源报道的所有事件,排在同一时间轴上。

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

# %% tags=[]
views.prose("timeline_intro", report)

# %% tags=[]
events = views.timeline(report)
charts.timeline(events, report).show()

# %% [markdown] tags=["lang-en"]
# ## Every quote

# %% [markdown] tags=["lang-zh"]
# ## 全部原文

# %% tags=[]
views.show(views.timeline_table(report), report)
