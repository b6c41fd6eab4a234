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

KERNELSPEC = {"name": "h200report", "display_name": "Python (h200report)", "language": "python"}

# Papermill's --help-notebook reads these lines with a regex that accepts neither
# "str | None" nor a second "=" on the line: so the annotation names the type of a
# set value, and the comment says what None means.
COMMON_PARAMETERS = """\
language: str = "en"  # en or zh: labels, titles and prose (quotes stay in the original)
as_of: str = None  # ISO date YYYY-MM-DD: only sources published by then; None: all sources
seeds_dir: str = None  # seeds folder, relative to the project or absolute; None: the project's seeds/
data_dir: str = None  # data folder holding curated/; None: the project's data/"""

SCENARIO_PARAMETERS = """
per_company_cap: int = None  # chips each Chinese company may buy; None: as sourced
buyers: int = None  # Chinese buyers at the cap; None: a curve, as the sources name no number
fee_rate_percent: float = None  # US fee on each sale, 0 to 100; None: as sourced"""

SETUP = """\
from h200report import charts, params, views

settings = params.validate({args})
report = views.load(settings)
views.status(report)"""

COMMON_ARGS = "language=language, as_of=as_of, seeds_dir=seeds_dir, data_dir=data_dir"
SCENARIO_ARGS = (
    "\n    language=language, as_of=as_of, seeds_dir=seeds_dir, data_dir=data_dir,"
    "\n    per_company_cap=per_company_cap, buyers=buyers, fee_rate_percent=fee_rate_percent,\n"
)

LINKS = """\
## Read on · 延伸阅读

- [01 Order volumes · 订单量](01_order_volumes.ipynb)
- [02 Quotas, fee and scenarios · 配额、费用与情景](02_quotas.ipynb)
- [03 Policy timeline · 政策时间线](03_timeline.ipynb)
- [04 Sources, agreement and coverage · 来源、一致性与覆盖](04_sources.ipynb)"""

# (kind, source): "md" Markdown, "code" code. The title and the parameter/setup
# cells are added by ``notebook``.
BODIES: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "00_overview": (
        "# H200 exports to China: overview · H200对华出口:概览\n\n"
        "Key figures in one minute; the other notebooks give the detail. · 一分钟读懂关键数字。",
        [
            ("md", "## Key figures · 关键数字"),
            ("code", "views.overview(report)"),
            ("code", "views.show(views.key_figures(report), report)"),
            ("md", "## Intended purchases against the caps · 意向采购量与限购额度"),
            ("code", "charts.bounds(views.bounds(report), report).show()"),
            ("md", "## The sources · 来源"),
            ("code", "views.show(views.source_list(report), report)"),
            ("md", LINKS),
        ],
    ),
    "01_order_volumes": (
        "# Order volumes · 订单量\n\nWhat was ordered, imported or sold, and what buyers intended. · 订购、进口和销售了多少,买家意向多少。",
        [
            ("md", "## Zero statements · “为零”的说法"),
            ("code", 'views.prose("orders_zero_intro", report)'),
            ("code", "zeros = views.zero_statements(report)\nviews.show(zeros, report)"),
            ("code", "charts.zero_statements(zeros, report).show()"),
            ("md", "## Intended volume against the caps · 意向采购量与上限"),
            ("code", 'views.prose("orders_bounds_intro", report)'),
            ("code", "caps = views.bounds(report)\nviews.show(caps, report)"),
            ("code", "charts.bounds(caps, report).show()"),
            ("md", "## Other claims · 其他说法"),
            ("code", 'views.prose("orders_other_intro", report)'),
            ("code", "views.show(views.other_order_claims(report), report)"),
        ],
    ),
    "02_quotas": (
        "# Quotas, fee and conditions · 配额、费用与条件\n\nThe caps as sourced, and scenarios you can set. · 来源所述的额度,以及可调的情景。",
        [
            ("md", "## Caps and fee · 限购额度与费用"),
            ("code", 'views.prose("quotas_intro", report)'),
            ("code", "views.show(views.cap_structure(report), report)"),
            ("md", "## Conditions · 购买条件"),
            ("code", 'views.prose("conditions_intro", report)'),
            ("code", "views.show(views.conditions(report), report)"),
            (
                "md",
                "## Scenario · 情景\n\nSet `per_company_cap`, `buyers` or `fee_rate_percent` in the parameters cell. · 在参数单元格中设定。",
            ),
            ("code", "scenario = views.scenario(report)\nviews.scenario_text(report, scenario)"),
            ("code", "charts.allowed_chips(scenario, report).show()"),
            ("code", "charts.fee_split(scenario, report).show()"),
            ("code", "views.show(views.scenario_table(report, scenario), report)"),
        ],
    ),
    "03_timeline": (
        "# Policy timeline · 政策时间线\n\nEvery event the sources report, on one time axis. · 来源报道的所有事件。",
        [
            ("code", 'views.prose("timeline_intro", report)'),
            ("code", "events = views.timeline(report)\ncharts.timeline(events, report).show()"),
            ("md", "## Every quote · 全部原文"),
            ("code", "views.show(views.timeline_table(report), report)"),
        ],
    ),
    "04_sources": (
        "# Sources · 来源\n\nWhat each article is, where they agree and conflict, and what the fact base covers. · 文章概况、一致与冲突、覆盖情况。",
        [
            ("md", "## The articles · 文章"),
            ("code", 'views.prose("sources_intro", report)'),
            ("code", "views.show(views.sources(report), report)"),
            ("md", "## Agreement and conflicts · 一致与冲突"),
            ("code", 'views.prose("comparisons_intro", report)'),
            ("code", "views.verdict_counts(report)"),
            ("code", "views.show(views.comparisons(report), report)"),
            ("md", "## Coverage of mentions · 提及覆盖"),
            ("code", 'views.prose("coverage_intro", report)'),
            ("code", "views.uncurated_text(report)"),
            ("code", "print(views.build_warnings(report))"),
            ("code", "mentions = views.coverage(report)\nviews.show(mentions, report)"),
            ("code", "charts.coverage(mentions, report).show()"),
            ("code", "views.show(views.unused_mentions(report), report)"),
            ("code", "views.show(views.uncurated_mentions(report), report)"),
            ("md", "## What the body cut left out · 正文切分舍弃的内容"),
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
    parameters = COMMON_PARAMETERS + (SCENARIO_PARAMETERS if scenario else "")
    setup = SETUP.format(args=SCENARIO_ARGS if scenario else COMMON_ARGS)
    specs = [("md", title), ("parameters", parameters), ("code", setup), *cells]
    for i, (kind, source) in enumerate(specs):
        # Fixed ids: nbformat would draw random ones, and the stored notebooks must be stable.
        cell_id = f"cell-{i:02d}"
        if kind == "md":
            cell = nbformat.v4.new_markdown_cell(source, id=cell_id)
        else:
            cell = nbformat.v4.new_code_cell(source, id=cell_id)
            if kind == "parameters":
                cell.metadata["tags"] = ["parameters"]
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
