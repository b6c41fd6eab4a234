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
#
# What each article is. Titles are shown as captured, with the project's English
# translation.

# %% [markdown] tags=["lang-zh"]
# ## 文章
#
# 各篇文章概况。标题按原样显示。

# %% tags=[]
views.show(views.sources(report), report)

# %% [markdown] tags=["lang-en"]
# ## Agreement and conflicts
#
# Where the sources speak of the same thing: the verdict is computed from the data
# (agree, conflict, differs in precision, or one source only), with both quotes and
# their glosses.

# %% [markdown] tags=["lang-zh"]
# ## 一致与冲突
#
# 各来源谈及同一事项之处:结论由数据计算得出(一致、冲突、精度不同或仅一个来源),并列出双方原文;非中文原文附中文释义。

# %% tags=[]
views.verdict_counts(report)

# %% tags=[]
views.comparison_cards(report)

# %% [markdown] tags=["lang-en"]
# Stated by one source only: nothing to compare yet. A new article on any of these will
# show here as a comparison.

# %% [markdown] tags=["lang-zh"]
# 仅有一个来源的说法:暂无可比较的内容。今后若有新文章谈及其中任何一项,将在此处显示为比较。

# %%
views.show(views.single_source(report), report)

# %% [markdown] tags=["lang-en"]
# ## Coverage of mentions
#
# Coverage of the date and number mentions the code finds in each article: used as
# evidence, deliberately not used (with the reason), or not yet curated. A new article
# shows up as uncurated: that is a warning to curate it, not a failure.

# %% [markdown] tags=["lang-zh"]
# ## 提及覆盖
#
# 代码在每篇文章中找到的日期和数字提及的覆盖情况:已作为证据使用、有理由地未使用,或尚未整理。新文章会显示为未整理:这是需要整理的提醒,而非错误。

# %% tags=[]
views.uncurated_text(report)

# %% tags=[]
views.curation_notes(report)

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
#
# What the body cut left out: lines of page furniture (header, captions, sidebar)
# dropped before extraction, against the characters kept.

# %% [markdown] tags=["lang-zh"]
# ## 正文切分舍弃的内容
#
# 正文切分时舍弃的内容:抽取前去掉的页面杂项行(页眉、图注、侧栏),以及保留的正文字数。

# %% tags=[]
views.show(views.furniture(report), report)

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
