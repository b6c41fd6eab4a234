"""Seed articles and their metadata: reading, checking, describing.

A seed is one UTF-8 file in the seeds folder, a text capture (``.txt``) or a page
saved from a browser (``.html``, read by ``html``); its stem, in Unicode NFC, is its
``source_id``. ``sources.yaml`` beside the seeds holds what a person knows about
each file. Seeds are never modified: they are read as bytes, checked, and decoded.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..companions import Pairs, check_twins
from ..errors import InputError, brief, validation_message
from ..paths import SOURCES_FILE_NAME
from ..yamlio import read_yaml

# A capture of one article is tens of KB; a file a thousand times larger is a
# wrong file (a dump, a binary), and reading it would stall a scheduled render.
MAX_SEED_BYTES = 2_000_000
# Text captures, and pages saved from a browser (read by ``html``, imported only when
# a page is read: trafilatura costs a kernel a quarter of a second to import).
HTML_SUFFIX = ".html"
SEED_SUFFIXES = (".txt", HTML_SUFFIX)
# What a source_id may be (the published tables' schemas check the same pattern): it
# names the seed in every table, message and file name.
SOURCE_ID_PATTERN = r"^[\w.-]+$"

Precision = Literal["second", "minute", "day", "month", "year"]


class SourceMeta(BaseModel):
    """What a person knows about one seed file."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    # What a person writes about the capture in words, each with its optional Chinese
    # (``companions``); the byline is printed text, shown as it is, like the title.
    ZH_COMPANIONS: ClassVar[Pairs] = (
        ("site", "site_zh"),
        ("outlet", "outlet_zh"),
        ("cites", "cites_zh"),
        ("note", "note_zh"),
    )

    title: str = Field(min_length=1, description="Headline as captured, original language")
    title_en: str = Field(min_length=1, description="Project's English translation of the headline")
    site: str = Field(min_length=1, description="Outlet or site, as far as the capture shows")
    site_zh: str | None = Field(None, min_length=1, description="The site in Chinese")
    # How the reports name the source (with its day): the outlet as readers know it, and
    # the outlet it relays where that is what matters ("Bloomberg" via a portal). Without
    # an outlet, the reports use the site up to its bracketed note.
    outlet: str | None = Field(None, min_length=1, description="Outlet as readers know it")
    outlet_zh: str | None = Field(None, min_length=1, description="The outlet in Chinese")
    cites: str | None = Field(None, min_length=1, description="Outlet the article relays")
    cites_zh: str | None = Field(None, min_length=1, description="The cited outlet in Chinese")
    author_line: str = Field("", description="Author/byline as printed in the capture")
    published_at: dt.datetime | dt.date = Field(
        description="Date (and time) printed in the capture"
    )
    published_precision: Precision
    date_kind: Literal["published", "updated"] = Field(
        description="'updated' when the capture only gives an update time"
    )
    language: Literal["zh-Hans", "zh-Hant", "en"]
    sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")
    url: str | None = None
    note: str = ""
    note_zh: str = Field("", description="The note in Chinese")

    @field_validator("published_at", mode="before")
    @classmethod
    def _parse_date(cls, value):
        if isinstance(value, str):
            try:
                return (
                    dt.datetime.fromisoformat(value)
                    if ("T" in value or " " in value)
                    else dt.date.fromisoformat(value)
                )
            except ValueError as exc:
                raise ValueError(f"unparsable date {brief(value)}") from exc
        return value

    @model_validator(mode="after")
    def _twins(self):
        check_twins(self, self.ZH_COMPANIONS)
        return self

    @property
    def published_date(self) -> dt.date:
        value = self.published_at
        return value.date() if isinstance(value, dt.datetime) else value


@dataclass(frozen=True)
class Seed:
    source_id: str
    path: Path
    sha256: str
    size: int
    text: str  # decoded, BOM removed, newlines normalised to "\n"; a page: its visible text
    meta: SourceMeta
    markup: str | None = None  # a page's decoded HTML, which its body is cut from


def _too_big(size: str) -> str:
    return f"the seed file is {size} bytes, over the {MAX_SEED_BYTES:,}-byte limit for one article"


def read_seed_bytes(path: Path) -> bytes:
    """A seed's bytes, its size checked before anything is read: a wrong file of some
    gigabytes costs a stat, not the memory to hold it."""
    with Path(path).open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        if size > MAX_SEED_BYTES:
            raise InputError(path, _too_big(f"{size:,}"))
        data = f.read(MAX_SEED_BYTES + 1)
    if len(data) > MAX_SEED_BYTES:  # it grew after the stat
        raise InputError(path, _too_big(f"more than {MAX_SEED_BYTES:,}"))
    return data


def decode_seed(path: Path, data: bytes) -> str:
    """Bytes of a capture to text; raises InputError for what is not a text capture."""
    if not data.strip():
        raise InputError(path, "the seed file is empty")
    if len(data) > MAX_SEED_BYTES:
        raise InputError(path, _too_big(f"{len(data):,}"))
    if b"\x00" in data:
        raise InputError(
            path, "the seed file is binary (it contains NUL bytes), not a text capture"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"the seed file is not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8, e.g. iconv -f GBK -t UTF-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def describe_validation(exc: ValidationError) -> str:
    """'field: problem' of the first error (just the problem for a whole-entry rule)."""
    first = exc.errors()[0]
    loc = ".".join(str(p) for p in first["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{loc + ': ' if loc else ''}{validation_message(first)}{more}"


def load_metadata(seeds_dir: Path) -> dict[str, SourceMeta]:
    path = Path(seeds_dir) / SOURCES_FILE_NAME
    raw = read_yaml(path, "metadata file (every seed needs an entry in it)")
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), dict):
        raise InputError(path, "expected a top-level mapping 'sources: {source_id: {...}}'")
    metas: dict[str, SourceMeta] = {}
    for key, entry in raw["sources"].items():
        # NFC, as the file names: an editor may type the key composed (é) while the file
        # system hands the name back decomposed (e + U+0301), two names that look alike.
        source_id = unicodedata.normalize("NFC", str(key))
        if source_id in metas:
            raise InputError(
                path, f"source {source_id}: two entries (their ids differ only in Unicode form)"
            )
        try:
            metas[source_id] = SourceMeta.model_validate(entry or {})
        except ValidationError as exc:
            raise InputError(path, f"source {source_id}: {describe_validation(exc)}") from None
    return metas


def source_id_of(path: Path) -> str:
    """The source_id a seed file gives: its stem in Unicode NFC."""
    return unicodedata.normalize("NFC", Path(path).stem)


def _check_seed_name(path: Path) -> None:
    source_id = source_id_of(path)
    if re.fullmatch(SOURCE_ID_PATTERN, source_id):
        return
    # The first character the pattern refuses (one character is a string of one).
    bad = next(c for c in source_id if not re.fullmatch(SOURCE_ID_PATTERN, c))
    raise InputError(
        path,
        f"the file name {brief(source_id)} cannot be a source_id: {bad!r} (U+{ord(bad):04X}) "
        "is not allowed; use letters, digits, '_', '.' and '-'",
    )


def _check_not_outside(path: Path, seeds_dir: Path) -> None:
    # A link out of the folder would make the report cite a file nobody put in seeds/.
    target = path.resolve()
    if not target.is_relative_to(seeds_dir.resolve()):
        raise InputError(
            path, f"the seed is a symbolic link leading out of the seeds folder, to {target}"
        )


def seed_paths(seeds_dir: Path) -> list[Path]:
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise InputError(seeds_dir, "seeds folder does not exist")
    return sorted(p for p in seeds_dir.iterdir() if p.suffix in SEED_SUFFIXES and p.is_file())


def check_seed_paths(paths: list[Path], seeds_dir: Path) -> None:
    """Each listed seed has a name that can be its source_id and is not a link out."""
    seen: dict[str, Path] = {}
    for path in paths:
        if path.is_symlink():
            _check_not_outside(path, Path(seeds_dir))
        _check_seed_name(path)
        source_id = source_id_of(path)
        if source_id in seen:
            raise InputError(
                path, f"{seen[source_id].name} has the same name in another Unicode form"
            )
        seen[source_id] = path


@contextlib.contextmanager
def collector_paused():
    """The cycle collector off while a corpus is read, on again after (if it was on).

    Reading sources.yaml and validating its entries makes hundreds of thousands of
    objects that all stay alive (YAML nodes, then the metadata), so each full collection
    walks a heap that keeps growing: the read of 5,000 seeds cost 7 times that of
    1,000, not 5. None of it is garbage; the collector finds nothing. The same holds
    for the bodies and mentions of a corpus as they arrive (``corpus.read_corpus``).
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_seeds(seeds_dir: Path) -> list[Seed]:
    """Every seed in the folder, checked against its metadata, in source_id order."""
    with collector_paused():
        return _load_seeds(seeds_dir)


def _load_seeds(seeds_dir: Path) -> list[Seed]:
    paths = seed_paths(seeds_dir)
    if not paths:
        raise InputError(
            seeds_dir,
            f"no seed files ({', '.join('*' + s for s in SEED_SUFFIXES)}) in the seeds folder",
        )
    check_seed_paths(paths, seeds_dir)
    metas = load_metadata(seeds_dir)
    seeds = []
    for path in paths:
        source_id = source_id_of(path)
        meta = metas.get(source_id)
        if meta is None:
            raise InputError(path, f"no metadata for this seed in {SOURCES_FILE_NAME}")
        data = read_seed_bytes(path)
        # What is wrong with the content is the more useful message, so decode first.
        text = decode_seed(path, data)
        digest = hashlib.sha256(data).hexdigest()
        if meta.sha256 and meta.sha256 != digest:
            raise InputError(
                path,
                f"sha256 is {digest}, but {SOURCES_FILE_NAME} records {meta.sha256}: the seed was changed",
            )
        markup = text if path.suffix == HTML_SUFFIX else None
        if markup is not None:
            from . import html

            text = "\n".join(html.visible_lines(markup))
        seeds.append(Seed(source_id, path, digest, len(data), text, meta, markup))
    orphans = sorted(set(metas) - {source_id_of(p) for p in paths})
    if orphans:
        raise InputError(
            Path(seeds_dir) / SOURCES_FILE_NAME,
            f"metadata for missing seed file(s): {', '.join(orphans)}",
        )
    return seeds
