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

# %% [markdown] tags=["lang-en"]
# Every event on one time axis. Events the sources date only roughly (early January,
# February, the second half of 2025) are bars spanning the possible days; exactly dated
# ones are points. Colour shows the category; the marker shows whether the sources agree
# on the date (hover for the title and the quotes). The table beneath gives every quote
# with its English gloss.

# %% [markdown] tags=["lang-zh"]
# 所有事件排在同一时间轴上。来源只给出大致日期的事件(一月初、二月、2025年下半年)画成覆盖可能日期的横条;有确切日期的画成点。颜色表示类别,标记表示各来源对日期是否一致(悬停可见标题和原文)。下表列出每条原文;非中文原文附中文释义。

# %% tags=[]
events = views.timeline(report)
charts.timeline(events, report).show()

# %% [markdown] tags=["lang-en"]
# ## Every quote

# %% [markdown] tags=["lang-zh"]
# ## 全部原文

# %% tags=[]
views.show(views.timeline_table(report), report)

# %% [markdown] tags=["lang-en"]
# ## Sources and quotes
#
# The evidence of every figure and date above: each quote in its paragraph, the outlet,
# the day, who says it, the status, the verdict across sources and the article's address.

# %% [markdown] tags=["lang-zh"]
# ## 来源与原文
#
# 以上每个数字和日期的证据:每段原文及其所在段落、媒体、日期、说法来自谁、状态、各来源比较结论和文章地址。

# %% tags=[]
views.evidence(report)
