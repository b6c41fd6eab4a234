"""Every label, title and sentence of the package's own, in English and Chinese.

Markdown cells cannot follow a parameter, so the language-dependent words live
here and the notebooks print them through ``views``. Names of curated content (fact
keys, metrics) are curated data (``data/curated/labels.yaml``), not here. Quotes from
the articles are never translated: they stay original, with the curated gloss beside.
"""

from __future__ import annotations

from .params import check_language

TEXT: dict[str, dict[str, str]] = {
    # ---- shared -----------------------------------------------------------
    "nothing_yet": {
        "en": "Nothing yet: none of the sources had been published by {as_of}.",
        "zh": "尚无内容:截至{as_of},没有任何来源文章发表。",
    },
    "status": {
        "en": "Fact base: {n} source(s) ({sources}){as_of_part}; {facts} fact record(s), {events} event(s).",
        "zh": "事实库:{n}篇来源({sources}){as_of_part};{facts}条事实记录,{events}个事件。",
    },
    "status_as_of": {"en": ", as published by {as_of}", "zh": ",截至{as_of}已发表"},
    "warning_uncurated": {
        "en": "Warning: {source} has {n} mention(s) nobody has curated yet: listed below.",
        "zh": "警告:来源{source}有{n}处提及尚未整理,列于下方。",
    },
    "curator_notes": {
        "en": 'For the curators, as "make data" prints it:',
        "zh": "以下提示供整理人员参考,与“make data”的输出相同(英文,指明文件与字段):",
    },
    "warning_uncurated_first": {
        "en": "Warning: {source} has {n} mention(s) nobody has curated yet: the first {k} are listed below.",
        "zh": "警告:来源{source}有{n}处提及尚未整理,下方列出前{k}处。",
    },
    "no_rows": {"en": "(no rows)", "zh": "(无数据)"},
    "empty_chart": {"en": "Nothing to show", "zh": "暂无可显示的内容"},
    "and": {"en": " and ", "zh": "和"},
    "per_source": {"en": "{value} ({status}, {source})", "zh": "{value}({status},{source})"},
    # ---- overview ---------------------------------------------------------
    "overview_intro": {
        "en": (
            "On {unban} the US announced that Nvidia may export H200 chips to China. The fee, the purchase caps "
            "and the conditions come from different sources, some as plans and some as rules already set: "
            "the status column says which. "
            "The key figures below come from the fact base; each row names its source and who said it. "
            'Bounds read as bounds: "at most" is a ceiling, "more than" a floor.'
        ),
        "zh": (
            "美国于{unban}宣布允许英伟达向中国出口H200芯片。费用、限购额度和购买条件来自不同来源,"
            "有的是计划,有的称已设定:“状态”一栏说明是哪一种。"
            "以下关键数字均来自事实库,每行注明来源及说法出处。"
            "上下限按上下限理解:“至多”是上限,“超过”是下限。"
        ),
    },
    "overview_unknown_unban": {"en": "an announced date", "zh": "某一宣布日期"},
    "overview_bullet": {"en": "- **{label}**: {values}", "zh": "- **{label}**:{values}"},
    "overview_links": {
        "en": "Read on: order volumes (01), quotas and scenarios (02), the policy timeline (03), the sources (04).",
        "zh": "延伸阅读:订单量(01)、配额与情景(02)、政策时间线(03)、来源(04)。",
    },
    # ---- order volumes ----------------------------------------------------
    "orders_zero_intro": {
        "en": (
            "Every statement that something was zero since the unban: who said it, what exactly was zero "
            "(the 'What' column), and up to when. Where the sources disagree on what was zero, the sources "
            "notebook shows both quotes. The chart draws each statement's period as a line ending at the "
            "date it speaks for; a statement that names no period is drawn from the unban to its article's date."
        ),
        "zh": (
            "自解禁以来所有“为零”的说法:谁说的、究竟什么为零(见“内容”一栏)以及截至何时。"
            "各来源对“什么为零”说法不一之处,来源笔记本并列两段原文。图中每条说法的时段画成一条线,终点为其所指日期;"
            "未给出时段的说法,画成从解禁到文章日期。"
        ),
    },
    "orders_bounds_intro": {
        "en": (
            "What Chinese buyers intended to buy, against the caps. None of these is an exact number: "
            "arrows show the open side of each bound (a cap points down from its ceiling, "
            "the intention points up from its floor)."
        ),
        "zh": (
            "中国买家的意向采购量与限购额度的对比。这些都不是确切数字:"
            "箭头表示上下限的开放方向(上限从封顶值向下,意向量从下限值向上)。"
        ),
    },
    "orders_other_intro": {
        "en": "Other claims about orders and the supply chain, without numbers:",
        "zh": "关于订单和供应链的其他说法(无数字):",
    },
    "chart_zero_title": {"en": "Zero statements since the unban", "zh": "解禁以来的“为零”说法"},
    "chart_zero_x": {"en": "Date", "zh": "日期"},
    "chart_bounds_title": {
        "en": "Intended purchases against the caps (chips)",
        "zh": "意向采购量与限购额度(片)",
    },
    "bounds_row": {"en": "{label}: {status} ({source})", "zh": "{label}:{status}({source})"},
    "chart_bounds_x": {"en": "Chips", "zh": "芯片数量(片)"},
    "unban_marker": {"en": "Unban announced", "zh": "宣布解禁"},
    "legend_ceiling": {"en": "ceiling (at most / less than)", "zh": "上限(至多/不足)"},
    "legend_floor": {"en": "floor (at least / more than)", "zh": "下限(至少/超过)"},
    "legend_exact": {"en": "exact", "zh": "确切值"},
    "legend_range": {"en": "vague range", "zh": "模糊区间"},
    "legend_period": {"en": "period the statement covers", "zh": "说法所涵盖的时段"},
    "legend_stated": {"en": "zero as of this date", "zh": "截至此日为零"},
    "hover_who": {"en": "Who", "zh": "说法出处"},
    "hover_source": {"en": "Source", "zh": "来源"},
    "hover_agreement": {"en": "Sources agree?", "zh": "来源是否一致"},
    # ---- quotas -----------------------------------------------------------
    "quotas_intro": {
        "en": (
            "The announced or planned caps, the fee and the purchase conditions, as each source states them. "
            "The status column says whether a source reports a cap as planned or as already set."
        ),
        "zh": "各来源所述的已宣布或计划中的限购额度、费用和购买条件。“状态”一栏说明来源称其为计划还是已设定。",
    },
    "conditions_intro": {"en": "Purchase conditions:", "zh": "购买条件:"},
    "scenario_intro": {
        "en": (
            "Scenario: per-company cap {cap} ({cap_basis}), overall cap {overall}, fee {fee} ({fee_basis}). "
            "With {buyers}, the caps allow {allowed}; the overall cap binds from {kink} buyers on. "
            "At that volume the fee would bring in the price of at most {fee_chips} chips."
        ),
        "zh": (
            "情景:每家公司上限{cap}({cap_basis}),总上限{overall},费用{fee}({fee_basis})。"
            "{buyers}时,额度允许{allowed};买家达到{kink}家起,总上限开始起约束作用。"
            "按此数量,费用收入至多相当于{fee_chips}片芯片的售价。"
        ),
    },
    "scenario_missing": {
        "en": "Scenario: not available, the sources published by then give no {what}.",
        "zh": "情景:无法计算,截至当时发表的来源未给出{what}。",
    },
    "as_sourced": {"en": "as sourced", "zh": "来源所述"},
    "scenario_value": {"en": "scenario", "zh": "情景设定"},
    "buyers_n": {"en": "{n} buyers", "zh": "{n}家买家"},
    "buyers_curve": {
        "en": "1 to {n} buyers: the sources name no number, so the range runs to twice the buyer count at which the overall cap binds",
        "zh": "1至{n}家买家:来源未给出买家数量,范围取到总上限开始起约束作用时买家数的两倍",
    },
    "chart_allowed_title": {
        "en": "Chips the caps allow, by number of buyers",
        "zh": "按买家数量计算的额度允许芯片量",
    },
    "chart_allowed_x": {
        "en": "Chinese buyers at the per-company cap",
        "zh": "达到每家上限的中国买家数",
    },
    "chart_allowed_y": {"en": "Chips (at most)", "zh": "芯片(至多,片)"},
    "trace_per_company_total": {"en": "buyers × per-company cap", "zh": "买家数 × 每家上限"},
    "trace_overall": {"en": "overall cap", "zh": "总上限"},
    "trace_allowed": {"en": "allowed (the lower of the two)", "zh": "允许量(两者较小者)"},
    "trace_chosen": {"en": "chosen number of buyers", "zh": "设定的买家数"},
    "chart_fee_title": {"en": "Split of each H200 sale price", "zh": "每笔H200销售额的分配"},
    "chart_fee_at": {
        "en": "Split of each H200 sale price: fee {fee} ({basis})",
        "zh": "每笔H200销售额的分配:费用{fee}({basis})",
    },
    "chart_fee_slider": {"en": "Fee rate: ", "zh": "费率:"},
    "chart_allowed_preset": {
        "en": "Chips the caps allow, by number of buyers: per-company cap {cap} ({basis})",
        "zh": "按买家数量计算的额度允许芯片量:每家公司上限{cap}({basis})",
    },
    "chart_allowed_menu": {
        "en": "Per-company cap: {cap} ({basis})",
        "zh": "每家公司上限:{cap}({basis})",
    },
    "chart_fee_y": {"en": "% of the sale price", "zh": "占销售额的百分比"},
    "fee_to_us": {"en": "fee to the US government", "zh": "美国政府收取的费用"},
    "fee_to_seller": {"en": "kept by the seller", "zh": "卖方保留"},
    "per_company_cap_word": {"en": "a per-company cap", "zh": "每家公司上限"},
    "overall_cap_word": {"en": "an overall cap", "zh": "总上限"},
    "fee_word": {"en": "a fee rate", "zh": "费率"},
    # ---- timeline ---------------------------------------------------------
    "timeline_intro": {
        "en": (
            "Every event on one time axis. Events the sources date only roughly (early January, "
            "February, the second half of 2025) are bars spanning the possible days; exactly dated ones "
            "are points. Colour shows the category; the marker shows whether the sources agree on the date "
            "(hover for the title and the quotes). The table beneath gives every quote with its English gloss."
        ),
        "zh": (
            "所有事件排在同一时间轴上。来源只给出大致日期的事件(一月初、二月、2025年下半年)画成覆盖可能日期的横条;"
            "有确切日期的画成点。颜色表示类别,标记表示各来源对日期是否一致(悬停可见标题和原文)。"
            "下表列出每条原文及其英文释义。"
        ),
    },
    "chart_timeline_title": {"en": "H200 export policy timeline", "zh": "H200出口政策时间线"},
    "published_basis": {
        "en": "reported by this date (undated in the source)",
        "zh": "截至此日已有报道(来源未注明日期)",
    },
    # ---- sources ----------------------------------------------------------
    "sources_intro": {
        "en": "What each article is. Titles are shown as captured, with the project's English translation.",
        "zh": "各篇文章概况。标题按原样显示。",
    },
    "comparisons_intro": {
        "en": (
            "Where the sources speak of the same thing: the verdict is computed from the data "
            "(agree, conflict, differs in precision, or one source only), with both quotes and their glosses."
        ),
        "zh": "各来源谈及同一事项之处:结论由数据计算得出(一致、冲突、精度不同或仅一个来源),并列出双方原文及英文释义。",
    },
    "conflicts_summary": {
        "en": "{agree} agree, {conflict} conflict, {precision} differ in precision, {one} rest on one source only.",
        "zh": "{agree}项一致,{conflict}项冲突,{precision}项精度不同,{one}项仅有一个来源。",
    },
    "single_source_intro": {
        "en": "Stated by one source only: nothing to compare yet. A new article on any of these will show here as a comparison.",
        "zh": "仅有一个来源的说法:暂无可比较的内容。今后若有新文章谈及其中任何一项,将在此处显示为比较。",
    },
    "coverage_intro": {
        "en": (
            "Coverage of the date and number mentions the code finds in each article: used as evidence, "
            "deliberately not used (with the reason), or not yet curated. A new article shows up as "
            "uncurated: that is a warning to curate it, not a failure."
        ),
        "zh": "代码在每篇文章中找到的日期和数字提及的覆盖情况:已作为证据使用、有理由地未使用,或尚未整理。新文章会显示为未整理:这是需要整理的提醒,而非错误。",
    },
    "uncurated_none": {"en": "Every mention is curated.", "zh": "所有提及均已整理。"},
    "uncurated_some": {
        "en": "Warning: {n} mention(s) not yet curated; they are listed below.",
        "zh": "警告:有{n}处提及尚未整理,列于下方。",
    },
    "uncurated_first": {
        "en": (
            "Warning: {n} mentions not yet curated. Below are the first {k} of each source "
            "({shown} in all); the fact base's mentions table (mentions.csv, status uncurated) "
            "lists every one."
        ),
        "zh": "警告:有{n}处提及尚未整理。下方列出每个来源的前{k}处(共{shown}处);事实库的提及表(mentions.csv,状态为未整理)列出全部。",
    },
    "furniture_intro": {
        "en": (
            "What the body cut left out: lines of page furniture (header, captions, sidebar) dropped "
            "before extraction, against the characters kept."
        ),
        "zh": "正文切分时舍弃的内容:抽取前去掉的页面杂项行(页眉、图注、侧栏),以及保留的正文字数。",
    },
    "suggestions_none": {
        "en": "No suggested curation: `h200 suggest` has written none for these sources.",
        "zh": "没有整理建议:`h200 suggest` 尚未为这些来源生成任何建议。",
    },
    "suggestions_some": {
        "en": (
            "{n} suggestion(s) from `h200 suggest` for mentions not yet curated. They are not reviewed "
            "and not part of the fact base; if accepted as drafted, {agree} would agree with the curated "
            "records, {conflict} would conflict, {precision} would differ in precision, {one} would rest on "
            "one source only, and {none} fit no curated record."
        ),
        "zh": (
            "`h200 suggest` 为尚未整理的提及给出了{n}条建议。这些建议未经审核,不属于事实库;"
            "若按草稿采纳,{agree}条将与已整理记录一致,{conflict}条将冲突,{precision}条精度不同,"
            "{one}条仅有一个来源,{none}条没有可对应的已整理记录。"
        ),
    },
    "fits_nothing": {"en": "fits nothing", "zh": "无对应记录"},
    "chart_coverage_title": {
        "en": "Mentions per source, by curation status",
        "zh": "各来源的提及数(按整理状态)",
    },
    "chart_coverage_y": {"en": "Mentions", "zh": "提及数"},
    # ---- since the last render (index page, overview, h200 diff) ------------
    "changes_first": {
        "en": "First render here: there is no earlier render to compare with.",
        "zh": "这是此处的首次生成:没有更早的生成可供比较。",
    },
    "changes_none": {
        "en": "No change in the fact base since the last render.",
        "zh": "自上次生成以来,事实库没有变化。",
    },
    "changes_none_between": {
        "en": "No change in the fact base between the two runs.",
        "zh": "两次生成之间,事实库没有变化。",
    },
    "changes_placeholder": {
        "en": "Filled in by each render (h200 render): what changed in the fact base since the previous render.",
        "zh": "每次生成(h200 render)时填写:自上一次生成以来事实库的变化。",
    },
    "change_field": {"en": "{field} {before} → {after}", "zh": "{field}:{before} → {after}"},
    "change_record": {"en": "{what}: {change}", "zh": "{what}:{change}"},
    "change_source_added": {
        "en": "new source: {what}, “{title}”",
        "zh": "新来源:{what}《{title}》",
    },
    "change_source_removed": {
        "en": "source removed: {what}, “{title}”",
        "zh": "移除的来源:{what}《{title}》",
    },
    # A source as the change lines name it: its outlet and its day.
    "outlet": {"en": "{site}, {date}", "zh": "{site},{date}"},
    "list_separator": {"en": "; ", "zh": ";"},
    "change_fact_added": {"en": "new claim: {what}: {value}", "zh": "新说法:{what}:{value}"},
    "change_fact_removed": {"en": "claim removed: {what}", "zh": "移除的说法:{what}"},
    "change_event_added": {"en": "new event: {what} ({date})", "zh": "新事件:{what}({date})"},
    "change_event_removed": {"en": "event removed: {what}", "zh": "移除的事件:{what}"},
    "change_verdict": {
        "en": "verdict on {what}: {before} → {after}",
        "zh": "{what}的结论:{before} → {after}",
    },
    "change_verdict_added": {
        "en": "new comparison: {what}: {verdict}",
        "zh": "新比较:{what}:{verdict}",
    },
    "change_verdict_removed": {"en": "comparison removed: {what}", "zh": "移除的比较:{what}"},
    "versus": {"en": " vs ", "zh": "对"},
    # ---- a run's landing page (index.html) ------------------------------------
    "language_name": {"en": "English", "zh": "中文"},
    "landing_title": {"en": "H200 exports to China: the reports", "zh": "H200对华出口:报告"},
    "landing_rendered": {"en": "Rendered {when} (UTC).", "zh": "生成于{when}(UTC)。"},
    "landing_complete": {"en": "Every report is complete.", "zh": "所有报告均已完成。"},
    "landing_failed": {"en": "Some reports failed: see below.", "zh": "部分报告生成失败:见下文。"},
    "landing_changes": {"en": "Since the last render", "zh": "自上次生成以来"},
    "landing_reports": {"en": "Reports", "zh": "报告"},
    "landing_report_failed": {"en": "failed", "zh": "失败"},
    "landing_partial": {"en": "the partial notebook", "zh": "部分执行的笔记本"},
    "landing_edition_before": {"en": "Or all of them in", "zh": "或下载"},
    "landing_edition": {"en": "one file", "zh": "单个文件版"},
    "landing_edition_after": {
        "en": "(to send as one attachment).",
        "zh": "(包含全部报告,便于作为一个附件发送)。",
    },
    "landing_headline": {"en": "Headline figures", "zh": "关键数字"},
    "landing_headline_intro": {
        "en": "Each with its bound, its status, its source and who said it.",
        "zh": "每个数字均注明上下限、状态、来源及说法出处。",
    },
    "landing_details": {"en": "Run details", "zh": "本次生成的详细信息"},
    "landing_started": {"en": "Started (UTC)", "zh": "开始(UTC)"},
    "landing_finished": {"en": "Finished (UTC)", "zh": "结束(UTC)"},
    "landing_code": {"en": "Code version", "zh": "代码版本"},
    "landing_tools": {"en": "Tools", "zh": "工具"},
    "landing_code_shown": {"en": "Code shown", "zh": "显示代码"},
    "landing_each_report": {"en": "Each report", "zh": "各报告"},
    "landing_report": {"en": "Report", "zh": "报告"},
    "landing_set": {"en": "Parameter set", "zh": "参数组"},
    "landing_how": {"en": "How", "zh": "方式"},
    "landing_notebook": {"en": "Executed notebook", "zh": "已执行的笔记本"},
    "landing_reused": {"en": "reused from {run}", "zh": "沿用{run}"},
    "landing_executed": {"en": "executed in {seconds} s", "zh": "执行用时{seconds}秒"},
    "landing_parameters": {"en": "Parameters", "zh": "参数"},
    "landing_inputs": {"en": "Inputs (sha256)", "zh": "输入文件(sha256)"},
    "landing_all_runs": {"en": "every kept run", "zh": "所有保留的生成"},
    "edition_title": {
        "en": "H200 exports to China: all reports (sources up to {when})",
        "zh": "H200对华出口:全部报告(来源截至{when})",
    },
    "edition_contents": {"en": "Contents", "zh": "目录"},
    "yes": {"en": "yes", "zh": "是"},
    "no": {"en": "no", "zh": "否"},
    "no_date": {"en": "no date", "zh": "未注明日期"},
    "note_label": {"en": "Curator's note:", "zh": "整理者备注:"},
    "cards_text": {"en": "{n} comparison(s)", "zh": "{n}项比较"},
    "labelled": {"en": "{label} ({what})", "zh": "{label}({what})"},
}

# Table column labels.
COLUMNS: dict[str, dict[str, str]] = {
    "figure": {"en": "Figure", "zh": "数字"},
    "value": {"en": "Value", "zh": "数值"},
    "status": {"en": "Status", "zh": "状态"},
    "source": {"en": "Source", "zh": "来源"},
    "attributed_to": {"en": "Who says it", "zh": "说法出处"},
    "date": {"en": "Date", "zh": "日期"},
    "period": {"en": "Period", "zh": "时段"},
    "as_of": {"en": "Zero as of", "zh": "截至"},
    "what": {"en": "What", "zh": "内容"},
    "quote": {"en": "Quote (original)", "zh": "原文"},
    "gloss_en": {"en": "English gloss", "zh": "英文释义"},
    "claim": {"en": "Claim", "zh": "说法"},
    "category": {"en": "Category", "zh": "类别"},
    "actor": {"en": "Actor", "zh": "行为方"},
    "title": {"en": "Title", "zh": "标题"},
    "headline": {"en": "Headline (original)", "zh": "标题"},
    "headline_en": {"en": "Headline (English)", "zh": "标题(英译)"},
    "title_en": {"en": "Title (English)", "zh": "标题(英译)"},
    "agreement": {"en": "Sources agree?", "zh": "来源是否一致"},
    "site": {"en": "Site", "zh": "网站"},
    "author_line": {"en": "Byline", "zh": "署名"},
    "published_at": {"en": "Published", "zh": "发表时间"},
    "date_kind": {"en": "Date kind", "zh": "日期类型"},
    "note": {"en": "Note", "zh": "备注"},
    "sha256": {"en": "sha256", "zh": "sha256"},
    "metric": {"en": "metric", "zh": "指标"},
    "value_text": {"en": "claim", "zh": "说法"},
    "date_start": {"en": "start", "zh": "起始日期"},
    "date_end": {"en": "end", "zh": "结束日期"},
    "date_precision": {"en": "date precision", "zh": "日期精度"},
    "title_zh": {"en": "Chinese title", "zh": "中文标题"},
    "body_chars": {"en": "Body characters", "zh": "正文字数"},
    "furniture_lines": {"en": "Furniture lines cut", "zh": "舍弃的杂项行"},
    "mentions": {"en": "Mentions", "zh": "提及"},
    "mentions_used": {"en": "Used", "zh": "已使用"},
    "mentions_not_used": {"en": "Not used", "zh": "未使用"},
    "mentions_uncurated": {"en": "Uncurated", "zh": "未整理"},
    "key": {"en": "Claim key", "zh": "事项"},
    "kind": {"en": "Kind", "zh": "种类"},
    "verdict": {"en": "Verdict", "zh": "结论"},
    "aspects": {"en": "Aspects", "zh": "各方面"},
    "source_a": {"en": "Source A", "zh": "来源A"},
    "value_a": {"en": "A says", "zh": "A的说法"},
    "quote_a": {"en": "Quote A", "zh": "原文A"},
    "gloss_a": {"en": "Gloss A", "zh": "释义A"},
    "source_b": {"en": "Source B", "zh": "来源B"},
    "value_b": {"en": "B says", "zh": "B的说法"},
    "quote_b": {"en": "Quote B", "zh": "原文B"},
    "gloss_b": {"en": "Gloss B", "zh": "释义B"},
    "note_en": {"en": "Curator's note", "zh": "整理者备注"},
    "text": {"en": "Mention", "zh": "提及"},
    "context": {"en": "Context", "zh": "上下文"},
    "reason": {"en": "Why not used", "zh": "未使用原因"},
    "suggested_target": {"en": "Most likely about", "zh": "最可能对应"},
    "confidence": {"en": "Confidence", "zh": "置信度"},
    "would_be_verdict": {"en": "Verdict it would produce", "zh": "采纳后的结论"},
    "draft_quote": {"en": "Draft quote (original)", "zh": "草稿原文"},
    "buyers": {"en": "Buyers", "zh": "买家数"},
    "fact_id": {"en": "Fact", "zh": "事实编号"},
    "period_start": {"en": "Period from", "zh": "时段起点"},
    "label": {"en": "Figure", "zh": "数字"},
    "low": {"en": "Floor", "zh": "下限"},
    "high": {"en": "Ceiling", "zh": "上限"},
    "bound": {"en": "Bound", "zh": "界限类型"},
    "sources": {"en": "Sources", "zh": "来源"},
    "per_company_total": {"en": "Buyers × per-company cap", "zh": "买家数×每家上限"},
    "overall": {"en": "Overall cap", "zh": "总上限"},
    "allowed": {"en": "Allowed (at most)", "zh": "允许量(至多)"},
}

# Values of the schema's vocabularies.
VALUES: dict[str, dict[str, str]] = {
    # statuses
    "announced": {"en": "announced", "zh": "已宣布"},
    "planned": {"en": "planned", "zh": "计划中"},
    "reported": {"en": "reported", "zh": "据报道"},
    "confirmed": {"en": "confirmed", "zh": "已证实"},
    "forecast": {"en": "forecast", "zh": "预测"},
    "opinion": {"en": "opinion", "zh": "观点"},
    # categories
    "policy": {"en": "policy", "zh": "政策"},
    "hearing": {"en": "hearing", "zh": "听证会"},
    "corporate": {"en": "corporate", "zh": "企业"},
    "diplomatic": {"en": "diplomatic", "zh": "外交"},
    "market": {"en": "market", "zh": "市场"},
    "context": {"en": "context", "zh": "背景"},
    # verdicts
    "agree": {"en": "agree", "zh": "一致"},
    "conflict": {"en": "conflict", "zh": "冲突"},
    "differs_in_precision": {"en": "differs in precision", "zh": "精度不同"},
    "one_source_only": {"en": "one source only", "zh": "仅一个来源"},
    # mention statuses
    "used": {"en": "used", "zh": "已使用"},
    "not_used": {"en": "not used", "zh": "未使用"},
    "uncurated": {"en": "uncurated", "zh": "未整理"},
    # comparison kinds
    "fact": {"en": "fact", "zh": "事实"},
    "event": {"en": "event", "zh": "事件"},
    # date kinds
    "published": {"en": "published", "zh": "发表"},
    "updated": {"en": "updated", "zh": "更新"},
}

# The fields of a record as the change lines name them ("status announced → planned").
FIELDS: dict[str, dict[str, str]] = {
    "title": {"en": "headline", "zh": "标题"},
    "site": {"en": "outlet", "zh": "媒体"},
    "published_at": {"en": "date", "zh": "日期"},
    "sha256": {"en": "file (sha256)", "zh": "文件(sha256)"},
    "metric": {"en": "metric", "zh": "指标"},
    "value": {"en": "value", "zh": "数值"},
    "value_text": {"en": "value", "zh": "数值"},
    "value_text_zh": {"en": "value in Chinese", "zh": "数值"},
    "status": {"en": "status", "zh": "状态"},
    "attributed_to": {"en": "who says it", "zh": "说法出处"},
    "date_start": {"en": "start date", "zh": "起始日期"},
    "date_end": {"en": "end date", "zh": "结束日期"},
    "date_precision": {"en": "date precision", "zh": "日期精度"},
    "title_en": {"en": "title", "zh": "英文标题"},
    "title_zh": {"en": "Chinese title", "zh": "标题"},
    "sources": {"en": "reported by", "zh": "报道来源"},
}

PRECISIONS: dict[str, dict[str, str]] = {
    "day": {"en": "day", "zh": "日"},
    "part_of_month": {"en": "part of a month", "zh": "月内某段"},
    "month": {"en": "month", "zh": "月"},
    "quarter": {"en": "quarter", "zh": "季度"},
    "half_year": {"en": "half year", "zh": "半年"},
    "part_of_year": {"en": "part of a year", "zh": "年内某段"},
    "year": {"en": "year", "zh": "年"},
    "relative": {"en": "relative to the article", "zh": "相对于文章"},
}


def t(key: str, lang: str, **values: object) -> str:
    """The sentence or label ``key`` in ``lang``, with ``values`` filled in."""
    return TEXT[key][check_language(lang)].format(**values)


def column(name: str, lang: str) -> str:
    return COLUMNS.get(name, {}).get(check_language(lang), name)


def field(name: str, lang: str) -> str:
    """A record's field in a change line, mid-sentence ("status", not "Status"); a field
    without words of its own by its column's."""
    words = FIELDS.get(name)
    if words:
        return words[check_language(lang)]
    label = column(name, lang)
    return label[:1].lower() + label[1:]


def value(word: object, lang: str) -> object:
    if isinstance(word, str):
        return VALUES.get(word, {}).get(check_language(lang), word)
    return word


def precision(name: str | None, lang: str) -> str:
    if not name:
        return ""
    return PRECISIONS.get(name, {}).get(check_language(lang), name)
