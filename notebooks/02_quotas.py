# ---
# jupyter:
#   kernelspec:
#     display_name: Python (h200report)
#     language: python
#     name: h200report
# ---

# %% [markdown] tags=["lang-en"]
# # Quotas, fee and conditions
#
# The caps as sourced, and scenarios you can set.

# %% [markdown] tags=["lang-zh"]
# # 配额、费用与条件
#
# 来源所述的额度,以及可调的情景。

# %% tags=["parameters"]
language: str = "en"  # en or zh: labels, titles and prose (quotes stay in the original)
as_of: str = None  # ISO date YYYY-MM-DD: only sources published by then; None: all sources
seeds_dir: str = None  # folder of seed articles, relative to the project or absolute; None: seeds/
data_dir: str = None  # data folder holding curated/; None: the project's data/
per_company_cap: int = None  # chips each Chinese company may buy; None: as sourced
buyers: int = None  # Chinese buyers at the cap; None: a curve, as the sources name no number
fee_rate_percent: float = None  # US fee on each sale, 0 to 100; None: as sourced

# %% tags=[]
from h200report.report import charts, params, views

settings = params.validate(
    language=language,
    as_of=as_of,
    seeds_dir=seeds_dir,
    data_dir=data_dir,
    per_company_cap=per_company_cap,
    buyers=buyers,
    fee_rate_percent=fee_rate_percent,
)
report = views.load(settings)
views.status(report)

# %% [markdown] tags=["lang-en"]
# ## Caps and fee
#
# The announced or planned caps, the fee and the purchase conditions, as each source
# states them. The status column says whether a source reports a cap as planned or as
# already set.

# %% [markdown] tags=["lang-zh"]
# ## 限购额度与费用
#
# 各来源所述的已宣布或计划中的限购额度、费用和购买条件。“状态”一栏说明来源称其为计划还是已设定。

# %% tags=[]
views.show(views.cap_structure(report), report)

# %% [markdown] tags=["lang-en"]
# ## Conditions
#
# Purchase conditions:

# %% [markdown] tags=["lang-zh"]
# ## 购买条件
#
# 购买条件:

# %% tags=[]
views.show(views.conditions(report), report)

# %% [markdown] tags=["lang-en"]
# ## Scenario
#
# The menu above the first chart switches the per-company cap between presets; the
# slider beneath the second sets the fee. Both open on the sourced values, which the
# text and the table state.

# %% [markdown] tags=["lang-zh"]
# ## 情景
#
# 第一张图上方的菜单可在几种预设之间切换每家公司上限;第二张图下方的滑块可设定费率。两者打开时均为来源所述的数值,正文和表格也写明了这些数值。

# %% [markdown] tags=["lang-en", "notebook-only"]
# In the notebook, set `per_company_cap`, `buyers` or `fee_rate_percent` in the
# parameters cell and run it again (this cell is not in the shared HTML).

# %% [markdown] tags=["lang-zh", "notebook-only"]
# 在笔记本中,可在参数单元格中设定 `per_company_cap`、`buyers` 或 `fee_rate_percent` 后重新运行(此单元格不出现在共享的HTML中)。

# %% tags=[]
scenario = views.scenario(report)
views.scenario_text(report, scenario)

# %% tags=[]
charts.allowed_chips(scenario, report).show()

# %% tags=[]
charts.fee_split(scenario, report).show()

# %% tags=[]
views.show(views.scenario_table(report, scenario), report)

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
