# ---
# jupyter:
#   kernelspec:
#     display_name: Python (h200report)
#     language: python
#     name: h200report
# ---

# %% [markdown] tags=["lang-en"]
# # Order volumes
#
# What was ordered, imported or sold, and what buyers intended.

# %% [markdown] tags=["lang-zh"]
# # 订单量
#
# 订购、进口和销售了多少,买家意向多少。

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
# ## Zero statements
#
# Every statement that something was zero since the unban: who said it, what exactly was
# zero (the 'What' column), and up to when. Where the sources disagree on what was zero,
# the sources report shows both quotes. The chart draws each statement's period as a
# line ending at the date it speaks for; a statement that names no period is drawn from
# the unban to its article's date.

# %% [markdown] tags=["lang-zh"]
# ## “为零”的说法
#
# 自解禁以来所有“为零”的说法:谁说的、究竟什么为零(见“内容”一栏)以及截至何时。各来源对“什么为零”说法不一之处,来源报告并列两段原文。图中每条说法的时段画成一条线,终点为其所指日期;未给出时段的说法,画成从解禁到文章日期。

# %% tags=[]
zeros = views.zero_statements(report)
views.show(zeros, report)

# %% tags=[]
charts.zero_statements(zeros, report).show()

# %% [markdown] tags=["lang-en"]
# ## Intended volume against the caps
#
# What Chinese buyers intended to buy, against the caps. None of these is an exact
# number: arrows show the open side of each bound (a cap points down from its ceiling,
# the intention points up from its floor).

# %% [markdown] tags=["lang-zh"]
# ## 意向采购量与上限
#
# 中国买家的意向采购量与限购额度的对比。这些都不是确切数字:箭头表示上下限的开放方向(上限从封顶值向下,意向量从下限值向上)。

# %% tags=[]
caps = views.bounds(report)
views.show(caps, report)

# %% tags=[]
charts.bounds(caps, report).show()

# %% [markdown] tags=["lang-en"]
# ## Other claims
#
# Other claims about orders and the supply chain, without numbers:

# %% [markdown] tags=["lang-zh"]
# ## 其他说法
#
# 关于订单和供应链的其他说法(无数字):

# %% tags=[]
views.show(views.other_order_claims(report), report)

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
