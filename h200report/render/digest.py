"""The digest of a run, per language, for the body of a mail: the headline figures (the
overview's key figures, with bounds and outlets), what changed since the last render
(the landing page's sentences) and two small charts as PNG pictures.

Two files per language in the run folder:

- ``digest.<lang>.html``: to view or forward; its pictures are ``data:`` URIs, so the
  file is whole by itself;
- ``digest.<lang>.eml``: a ready message (MIME: ``multipart/mixed`` of a
  ``multipart/alternative`` text/plain and ``multipart/related`` HTML with the pictures as
  inline parts named by ``cid:``, and the set's one-file edition ``all-reports.html``
  attached), Subject in the reader's language with the data's date, no To, From,
  Date or Message-ID: ``h200 mail`` sets them when it sends it (``render.mail``).

What a mail program shows: tables for layout, inline ``style`` attributes only (no
``<style>``, no class a stylesheet must fill), no script, nothing fetched, a white card
on a light grey ground with dark text set explicitly (a dark theme that inverts
colours inverts all of it), at most ``LIMIT`` bytes of HTML. Every word is in the
catalogues; everything from the fact base goes through Jinja2's autoescape. Same
inputs, same bytes: the parts' names and boundaries are derived from their content.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import logging
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path

from ..errors import InputError
from ..paths import TEMPLATES_DIR

# The HTML body a mail program gets (and the .html file), in bytes.
LIMIT = 300_000
TEMPLATE = "digest.html.j2"
# CRLF line ends; headers folded past 120 characters, not 78: Python's folder breaks a
# Subject of 79 to 120 characters before its first word, which some programs then show.
POLICY = policy.SMTP.clone(max_line_length=120)


def html_name(language: str) -> str:
    return f"digest.{language}.html"


def eml_name(language: str) -> str:
    return f"digest.{language}.eml"


@dataclass
class Chart:
    name: str  # "bounds", "zeros": the part's file name and content id
    title: str
    png: bytes
    # One row per numbered row of the picture: the words the picture leaves out.
    rows: list[dict]
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, words)


@dataclass
class Digest:
    language: str
    subject: str
    title: str
    when: str  # the newest source's day: what the data date is
    sentences: list[str]
    figures: list[dict]
    charts: list[Chart]
    edition: str  # the set's one-file edition, relative to the run folder
    sources: int

    def cid(self, chart: Chart) -> str:
        tag = hashlib.sha256(chart.png).hexdigest()[:16]
        return f"{chart.name}.{tag}@h200report"


@functools.cache
def _environment():
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR / "digest"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def build(report, sentences: list[str], edition: str) -> Digest:
    """The digest of one report model (``views.Report`` of the set's cut) and the
    render's change sentences in its language."""
    from .. import i18n
    from ..report import views
    from ..report.charts.base import INK, LIGHT_GREY, STATUS_COLOURS, VERMILION
    from . import stills

    lang = report.language
    t = report.t
    published = report.tables["sources"]["published_at"]
    when = str(published.max())[:10] if len(published) else "—"
    figures = [
        {
            "figure": r["figure"],
            "value": r["value"],
            "status": i18n.value(r["status"], lang),
            "colour": STATUS_COLOURS.get(r["status"], INK),
            "source": r["source"],
            "attributed_to": "" if r["attributed_to"] != r["attributed_to"] else r["attributed_to"],
        }
        for _, r in views.key_figures(report).iterrows()
    ]
    charts = []
    frame = views.bounds(report)
    png = stills.bounds(frame)
    if png is not None:
        statuses = [s for s in STATUS_COLOURS if s in set(frame["status"])]
        charts.append(
            Chart(
                "bounds",
                t("chart_bounds_title"),
                png,
                [
                    {
                        "what": r["label"],
                        "value": r["value"],
                        "status": i18n.value(r["status"], lang),
                        "colour": STATUS_COLOURS.get(r["status"], INK),
                        "source": r["source"],
                    }
                    for _, r in frame.iterrows()
                ],
                [(STATUS_COLOURS[s], i18n.value(s, lang)) for s in statuses],
            )
        )
    zeros = views.zero_statements(report)
    png = stills.zero_statements(zeros)
    if png is not None:
        charts.append(
            Chart(
                "zeros",
                t("chart_zero_title"),
                png,
                [
                    {
                        "what": r["what"],
                        "value": r["value"],
                        "status": (
                            str(r["as_of"])
                            if r["period_start"] == r["as_of"]
                            else i18n.t(
                                "digest_zero_period", lang, start=r["period_start"], end=r["as_of"]
                            )
                        ),
                        "colour": VERMILION,
                        "source": r["source"],
                    }
                    for _, r in zeros.iterrows()
                ],
                [(LIGHT_GREY, t("legend_period")), (VERMILION, t("legend_stated"))],
            )
        )
    return Digest(
        language=lang,
        subject=t("digest_subject", when=when),
        title=t("digest_title"),
        when=when,
        sentences=list(sentences),
        figures=figures,
        charts=charts,
        edition=edition,
        sources=len(published),
    )


def html(d: Digest, *, inline: bool) -> str:
    """The HTML body: pictures as ``data:`` URIs (``inline``, the .html file) or as
    ``cid:`` references to the message's parts (the .eml)."""
    from .. import i18n

    def src(chart: Chart) -> str:
        if inline:
            return "data:image/png;base64," + base64.b64encode(chart.png).decode("ascii")
        return f"cid:{d.cid(chart)}"

    page = (
        _environment()
        .get_template(TEMPLATE)
        .render(
            d=d,
            lang=d.language,
            t=lambda key, **values: i18n.t(key, d.language, **values),
            column=lambda name: i18n.column(name, d.language),
            src=src,
            attached=not inline,
        )
    )
    size = len(page.encode("utf-8"))
    if size > LIMIT:
        raise InputError(html_name(d.language), f"the digest is {size:,} bytes, over {LIMIT:,}")
    return page


def text(d: Digest) -> str:
    """The text/plain part: the same content as lines."""
    from .. import i18n

    def t(key: str, **values) -> str:
        return i18n.t(key, d.language, **values)

    out = [d.title, t("digest_intro", when=d.when, sources=d.sources), ""]
    out += [t("digest_changes"), *(f"- {s}" for s in d.sentences), ""]
    out.append(t("digest_figures"))
    for f in d.figures:
        out.append(f"- {f['figure']}{t('digest_colon')}{f['value']} ({f['status']}; {f['source']})")
    for chart in d.charts:
        out += ["", chart.title]
        out += [
            f"{i}. {r['what']}{t('digest_colon')}{r['value']} ({r['status']}; {r['source']})"
            for i, r in enumerate(chart.rows, 1)
        ]
    out += ["", t("digest_attached", edition=Path(d.edition).name)]
    return "\n".join(out) + "\n"


def message(d: Digest, edition: bytes) -> EmailMessage:
    """The ready message: no To, From, Date or Message-ID (``h200 mail`` sets them);
    ``X-Unsent: 1`` makes a mail program that opens the file offer it as a draft."""
    msg = EmailMessage(policy=POLICY)
    msg["Subject"] = d.subject
    msg["X-Unsent"] = "1"
    msg["Content-Language"] = "zh-Hans" if d.language == "zh" else d.language
    msg.set_content(text(d))
    msg.add_alternative(html(d, inline=False), subtype="html")
    related = msg.get_payload()[1]
    for chart in d.charts:
        related.add_related(
            chart.png,
            maintype="image",
            subtype="png",
            cid=f"<{d.cid(chart)}>",
            filename=f"{chart.name}.png",
            disposition="inline",
        )
    msg.add_attachment(
        edition,
        maintype="text",
        subtype="html",
        filename=Path(d.edition).name,
        params={"charset": "utf-8"},  # the file's own bytes, base64: a program reads them as UTF-8
    )
    # Boundaries from the content (the library draws random ones): same inputs, same bytes.
    content = hashlib.sha256(text(d).encode("utf-8") + edition)
    for chart in d.charts:
        content.update(chart.png)
    seed = content.hexdigest()
    for n, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_h200_{n}_{seed[:24]}")
    related.set_param("type", "text/html")  # RFC 2387: the type of the related root
    for part in msg.walk():
        if part is not msg:
            del part["MIME-Version"]  # the library repeats it on every part made by add_*
    return msg


def write(build_dir: Path, sets: dict, results, cuts: dict, said: dict, log=None) -> list[Path]:
    """Each language's digest (.html and .eml) into the run being built, from the first
    parameter set of that language whose reports all succeeded (its edition is the
    attachment); ``cuts``: per job label, its settings and cut (``pipeline._cuts``).
    A digest that cannot be made is a warning in the run's log: the reports stand."""
    from ..report import views
    from .export import EDITION

    log = log or logging.getLogger(__name__)
    written, done = [], set()
    for set_name in sets:
        mine = [r for r in results if r.job.param_set == set_name]
        if not mine or not all(r.ok for r in mine):
            continue
        lang = mine[0].job.language
        edition = Path(set_name) / EDITION
        if lang in done or not (build_dir / edition).is_file():
            continue
        done.add(lang)
        settings, cut = cuts[mine[0].job.label]
        report = views.Report(settings, cut.tables, cut.labels, cut.notes)
        try:
            d = build(report, said.get(lang, []), edition.as_posix())
            page = html(d, inline=True)
            eml = message(d, (build_dir / edition).read_bytes()).as_bytes()
        except InputError as exc:
            log.warning("no digest in %s: %s", lang, exc)
            continue
        (build_dir / html_name(lang)).write_text(page, encoding="utf-8")
        (build_dir / eml_name(lang)).write_bytes(eml)
        written += [build_dir / html_name(lang), build_dir / eml_name(lang)]
        log.info("digest %s: %s (%d bytes), %s", lang, html_name(lang), len(page), eml_name(lang))
    return written
