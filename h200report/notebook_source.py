"""The report notebooks, written from code so that their cells are reviewable in one place.

``python -m h200report.notebook_source`` rewrites ``notebooks/*.ipynb`` without
outputs; ``h200 baseline`` then executes them and stores the outputs. Cells only
call the package: no numbers, no logic, no article text in Markdown.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat

from . import paths
from .render.kernel import KERNELSPEC
from .report.params import parameters_cell

COMMON = ("language", "as_of", "seeds_dir", "data_dir")
SCENARIO = ("per_company_cap", "buyers", "fee_rate_percent")

SETUP = """\
from h200report.report import charts, params, views

settings = params.validate({args})
report = views.load(settings)
views.status(report)"""

COMMON_ARGS = "language=language, as_of=as_of, seeds_dir=seeds_dir, data_dir=data_dir"
SCENARIO_ARGS = (
    "\n    language=language, as_of=as_of, seeds_dir=seeds_dir, data_dir=data_dir,"
    "\n    per_company_cap=per_company_cap, buyers=buyers, fee_rate_percent=fee_rate_percent,\n"
)

# One link list per language: each notebook's Markdown is written twice, once per
# language, and the HTML export keeps only the cells of the report's language.
LINKS_EN = """\
## Read on

- [01 Order volumes](01_order_volumes.ipynb)
- [02 Quotas, fee and scenarios](02_quotas.ipynb)
- [03 Policy timeline](03_timeline.ipynb)
- [04 Sources, agreement and coverage](04_sources.ipynb)"""

LINKS_ZH = """\
## 延伸阅读

- [01 订单量](01_order_volumes.ipynb)
- [02 配额、费用与情景](02_quotas.ipynb)
- [03 政策时间线](03_timeline.ipynb)
- [04 来源、一致性与覆盖](04_sources.ipynb)"""

LANGUAGES = ("en", "zh")
# Markdown cells carry one of these tags; the HTML export drops the other language's.
LANGUAGE_TAG = "lang-{}"

# A cell spec is ("md", english, chinese) for Markdown, written as two cells tagged
# lang-en and lang-zh, or ("code", source). The title and the parameter/setup
# cells are added by ``notebook``.
Spec = tuple[str, ...]
BODIES: dict[str, tuple[Spec, list[Spec]]] = {
    "00_overview": (
        (
            "md",
            "# H200 exports to China: overview\n\n"
            "Key figures in one minute; the other notebooks give the detail.",
            "# H200对华出口:概览\n\n一分钟读懂关键数字;其他笔记本提供详细内容。",
        ),
        [
            ("md", "## Key figures", "## 关键数字"),
            ("code", "views.overview(report)"),
            ("code", "views.show(views.key_figures(report), report)"),
            ("md", "## Intended purchases against the caps", "## 意向采购量与限购额度"),
            ("code", "charts.bounds(views.bounds(report), report).show()"),
            ("md", "## The sources", "## 来源"),
            ("code", "views.show(views.source_list(report), report)"),
            ("md", LINKS_EN, LINKS_ZH),
        ],
    ),
    "01_order_volumes": (
        (
            "md",
            "# Order volumes\n\nWhat was ordered, imported or sold, and what buyers intended.",
            "# 订单量\n\n订购、进口和销售了多少,买家意向多少。",
        ),
        [
            ("md", "## Zero statements", "## “为零”的说法"),
            ("code", 'views.prose("orders_zero_intro", report)'),
            ("code", "zeros = views.zero_statements(report)\nviews.show(zeros, report)"),
            ("code", "charts.zero_statements(zeros, report).show()"),
            ("md", "## Intended volume against the caps", "## 意向采购量与上限"),
            ("code", 'views.prose("orders_bounds_intro", report)'),
            ("code", "caps = views.bounds(report)\nviews.show(caps, report)"),
            ("code", "charts.bounds(caps, report).show()"),
            ("md", "## Other claims", "## 其他说法"),
            ("code", 'views.prose("orders_other_intro", report)'),
            ("code", "views.show(views.other_order_claims(report), report)"),
        ],
    ),
    "02_quotas": (
        (
            "md",
            "# Quotas, fee and conditions\n\nThe caps as sourced, and scenarios you can set.",
            "# 配额、费用与条件\n\n来源所述的额度,以及可调的情景。",
        ),
        [
            ("md", "## Caps and fee", "## 限购额度与费用"),
            ("code", 'views.prose("quotas_intro", report)'),
            ("code", "views.show(views.cap_structure(report), report)"),
            ("md", "## Conditions", "## 购买条件"),
            ("code", 'views.prose("conditions_intro", report)'),
            ("code", "views.show(views.conditions(report), report)"),
            (
                "md",
                "## Scenario\n\n"
                "Set `per_company_cap`, `buyers` or `fee_rate_percent` in the parameters cell.",
                "## 情景\n\n在参数单元格中设定 `per_company_cap`、`buyers` 或 `fee_rate_percent`。",
            ),
            ("code", "scenario = views.scenario(report)\nviews.scenario_text(report, scenario)"),
            ("code", "charts.allowed_chips(scenario, report).show()"),
            ("code", "charts.fee_split(scenario, report).show()"),
            ("code", "views.show(views.scenario_table(report, scenario), report)"),
        ],
    ),
    "03_timeline": (
        (
            "md",
            "# Policy timeline\n\nEvery event the sources report, on one time axis.",
            "# 政策时间线\n\n来源报道的所有事件,排在同一时间轴上。",
        ),
        [
            ("code", 'views.prose("timeline_intro", report)'),
            ("code", "events = views.timeline(report)\ncharts.timeline(events, report).show()"),
            ("md", "## Every quote", "## 全部原文"),
            ("code", "views.show(views.timeline_table(report), report)"),
        ],
    ),
    "04_sources": (
        (
            "md",
            "# Sources\n\n"
            "What each article is, where they agree and conflict, and what the fact base covers.",
            "# 来源\n\n文章概况、一致与冲突之处,以及事实库的覆盖情况。",
        ),
        [
            ("md", "## The articles", "## 文章"),
            ("code", 'views.prose("sources_intro", report)'),
            ("code", "views.show(views.sources(report), report)"),
            ("md", "## Agreement and conflicts", "## 一致与冲突"),
            ("code", 'views.prose("comparisons_intro", report)'),
            ("code", "views.verdict_counts(report)"),
            ("code", "views.show(views.comparisons(report), report)"),
            ("md", "## Coverage of mentions", "## 提及覆盖"),
            ("code", 'views.prose("coverage_intro", report)'),
            ("code", "views.uncurated_text(report)"),
            ("code", "print(views.build_warnings(report))"),
            ("code", "mentions = views.coverage(report)\nviews.show(mentions, report)"),
            ("code", "charts.coverage(mentions, report).show()"),
            ("code", "views.show(views.unused_mentions(report), report)"),
            ("code", "views.show(views.uncurated_mentions(report), report)"),
            ("md", "## What the body cut left out", "## 正文切分舍弃的内容"),
            ("code", 'views.prose("furniture_intro", report)'),
            ("code", "views.show(views.furniture(report), report)"),
        ],
    ),
}


def notebook(name: str) -> nbformat.NotebookNode:
    title, cells = BODIES[name]
    scenario = name == "02_quotas"
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    parameters = parameters_cell(COMMON + (SCENARIO if scenario else ()))
    setup = SETUP.format(args=SCENARIO_ARGS if scenario else COMMON_ARGS)
    specs = [title, ("parameters", parameters), ("code", setup), *cells]
    cells_out = []
    for kind, *sources in specs:
        if kind == "md":
            for lang, source in zip(LANGUAGES, sources, strict=True):
                cell = nbformat.v4.new_markdown_cell(source)
                cell.metadata["tags"] = [LANGUAGE_TAG.format(lang)]
                cells_out.append(cell)
        else:
            cell = nbformat.v4.new_code_cell(sources[0])
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
            cells_out.append(cell)
    for i, cell in enumerate(cells_out):
        # Fixed ids: nbformat would draw random ones, and the stored notebooks must be stable.
        cell.id = f"cell-{i:02d}"
        nb.cells.append(cell)
    return nb


def write(dest: Path = paths.NOTEBOOKS_DIR, names: list[str] | None = None) -> list[Path]:
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names or list(BODIES):
        path = dest / f"{name}.ipynb"
        nbformat.write(notebook(name), path)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write(names=sys.argv[1:] or None):
        print(p.relative_to(paths.ROOT))
