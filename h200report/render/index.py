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
        # The landing pages share the reports' stylesheet.
        loader=jinja2.FileSystemLoader(
            [TEMPLATES_DIR / "index", TEMPLATES_DIR / "h200report_html"]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["tojson_text"] = lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True)
    return env


def landing_file(language: str, languages: list[str]) -> str:
    """``index.html`` for the first language of the run, ``index.<lang>.html`` for others."""
    return "index.html" if language == languages[0] else f"index.{language}.html"


def landing_html(meta: dict, language: str, page: dict, languages: list[str]) -> str:
    """The landing page of ``language``; ``page`` has its ``groups`` (a parameter set's
    reports), ``sentences`` (what changed) and ``headline`` (our own escaped table)."""
    from ..report import i18n

    others = [
        {"file": landing_file(lang, languages), "lang": lang, "name": i18n.t("language_name", lang)}
        for lang in languages
        if lang != language
    ]
    template = environment().get_template("run.html.j2")
    return template.render(
        meta=meta,
        lang=language,
        t=lambda key, **values: i18n.t(key, language, **values),
        others=others,
        **page,
    )


def write_index(run_dir: Path, meta: dict, pages: dict[str, dict]) -> None:
    """The landing page of each language (``pages``: language -> its content) and run.json."""
    languages = list(pages)
    for language, page in pages.items():
        (run_dir / landing_file(language, languages)).write_text(
            landing_html(meta, language, page, languages), encoding="utf-8"
        )
    write_json(run_dir / META_FILE, meta)
