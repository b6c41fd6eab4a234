# ---
# jupyter:
#   kernelspec:
#     display_name: Python (h200report)
#     language: python
#     name: h200report
# ---

# %% [markdown] tags=["lang-en"]
# # H200 exports to China: overview
#
# Key figures in one minute; the other reports give the detail.

# %% [markdown] tags=["lang-zh"]
# # H200对华出口:概览
#
# 一分钟读懂关键数字;其他报告提供详细内容。

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
# ## Since the last render

# %% [markdown] tags=["lang-zh"]
# ## 自上次生成以来

# %% tags=["since-last-render"]
views.since_last_render(report)

# %% [markdown] tags=["lang-en"]
# ## Key figures

# %% [markdown] tags=["lang-zh"]
# ## 关键数字

# %% tags=[]
views.overview(report)

# %% tags=[]
views.show(views.key_figures(report), report)

# %% [markdown] tags=["lang-en"]
# ## Intended purchases against the caps

# %% [markdown] tags=["lang-zh"]
# ## 意向采购量与限购额度

# %% tags=[]
charts.bounds(views.bounds(report), report).show()

# %% [markdown] tags=["lang-en"]
# ## The sources

# %% [markdown] tags=["lang-zh"]
# ## 来源

# %% tags=[]
views.show(views.source_list(report), report)

# %% [markdown] tags=["lang-en"]
# ## Read on
#
# - [01 Order volumes](01_order_volumes.ipynb)
# - [02 Quotas, fee and scenarios](02_quotas.ipynb)
# - [03 Policy timeline](03_timeline.ipynb)
# - [04 Sources, agreement and coverage](04_sources.ipynb)

# %% [markdown] tags=["lang-zh"]
# ## 延伸阅读
#
# - [01 订单量](01_order_volumes.ipynb)
# - [02 配额、费用与情景](02_quotas.ipynb)
# - [03 政策时间线](03_timeline.ipynb)
# - [04 来源、一致性与覆盖](04_sources.ipynb)

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
