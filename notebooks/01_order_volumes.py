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

# %% [markdown] tags=["lang-zh"]
# ## “为零”的说法

# %% tags=[]
views.prose("orders_zero_intro", report)

# %% tags=[]
zeros = views.zero_statements(report)
views.show(zeros, report)

# %% tags=[]
charts.zero_statements(zeros, report).show()

# %% [markdown] tags=["lang-en"]
# ## Intended volume against the caps

# %% [markdown] tags=["lang-zh"]
# ## 意向采购量与上限

# %% tags=[]
views.prose("orders_bounds_intro", report)

# %% tags=[]
caps = views.bounds(report)
views.show(caps, report)

# %% tags=[]
charts.bounds(caps, report).show()

# %% [markdown] tags=["lang-en"]
# ## Other claims

# %% [markdown] tags=["lang-zh"]
# ## 其他说法

# %% tags=[]
views.prose("orders_other_intro", report)

# %% tags=[]
views.show(views.other_order_claims(report), report)
