"""A run's ``index.html`` (from a Jinja2 template, autoescaped) and ``run.json``.

The page lists every report with links, and what the run was made from: when, the
code and tool versions, the parameters and the sha256 of every input. Values reach
the page only as escaped text.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import jinja2

from ..paths import TEMPLATES_DIR
from .runs import META_FILE, write_json


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "index"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["tojson_text"] = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    return env


def index_html(meta: dict) -> str:
    sets = list(meta["parameter_sets"])
    notebooks = list(dict.fromkeys(r["notebook"] for r in meta["reports"]))
    reports = {(r["notebook"], r["parameter_set"]): r for r in meta["reports"]}
    template = environment().get_template("run.html.j2")
    return template.render(meta=meta, sets=sets, notebooks=notebooks, reports=reports)


def write_index(run_dir: Path, meta: dict) -> None:
    (run_dir / "index.html").write_text(index_html(meta), encoding="utf-8")
    write_json(run_dir / META_FILE, meta)
