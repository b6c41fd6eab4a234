"""`h200 suggest`: an unseen article's mentions linked to the curated keys and events they
speak of, unrelated numbers left unlinked, drafts that verify, and the verdicts they would give."""

from __future__ import annotations

import datetime as dt
import warnings

import pytest
import yaml

from h200report import cli, paths
from h200report.errors import InputError
from h200report.extract.add import Given, add
from h200report.factbase import suggest
from h200report.factbase.build import UncuratedWarning, build
from h200report.report import params, views
from tests.extract.test_html import ZH_PAGE
from tests.support.seeds import write_seed

NEW = "zh_finance_h200"
# The page's statements and the curated record each speaks of.
LINKS = {
    "7.5万片以内": "cap_per_company",
    "100万片": "cap_overall",
    "25%": "fee_rate",
    "零": "zero_statement_hearing",
    "任何一笔": "new_orders_huang",
    "2025年12月8日": "event:unban_announcement",
    "2026年2月24日": "event:house_hearing",
    "1月29日": "event:taipei_remarks",
    # The period of the zero statement, in its sentence: used by that fact's draft.
    "两个月以来": "zero_statement_hearing",
}
# A share-price fall, a market value, a rival's capacity, a product launch: not in the fact base.
UNRELATED = ("4.3%", "约2000亿美元", "约为60万片", "5月下旬", "本周")
CONTRADICTING = (
    "H200新规:每家企业上限降至5万片\n\n"
    "据路透社报道,美国商务部最新方案显示,每家中国企业采购英伟达H200芯片的数量上限为5万片,"
    "低于此前传出的水平。\n"
    "此外,每笔H200对华交易需向美国政府缴纳15%的费用,比去年12月宣布的方案更高。\n"
)


def _build(seeds, data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UncuratedWarning)
        return build(seeds, data)


@pytest.fixture
def with_page(project_copy):
    seeds, data = project_copy
    add(ZH_PAGE, seeds, Given(title_en="H200 exports stall"), dt.date(2026, 12, 1))
    return seeds, data, _build(seeds, data)


def test_statements_are_linked_to_their_keys_and_events_and_the_rest_left_unlinked(with_page):
    _, _, fb = with_page
    found = {s.mention: s for s in suggest.suggest(fb, NEW)}
    assert set(found) == set(LINKS) | set(UNRELATED), "one suggestion per uncurated mention"
    assert {m: found[m].target for m in LINKS} == LINKS
    for mention in UNRELATED:
        s = found[mention]
        assert s.target is None and isinstance(s.draft, suggest.UnusedDraft), (mention, s.reason)
    for mention in LINKS:
        assert suggest.MIN_CONFIDENCE <= found[mention].confidence <= 1 and found[mention].reason


def test_each_draft_quote_is_a_verbatim_sentence_holding_its_mention(with_page):
    _, _, fb = with_page
    body = fb.bodies[NEW].text
    for s in suggest.suggest(fb, NEW):
        if s.quote is None:
            continue
        assert s.quote in body and s.mention in s.quote
        at = body.index(s.quote)
        # A whole sentence: it starts the body, a line, follows a full stop or the page's
        # dateline (本报讯(记者 李明), never part of a quote), and ends with one.
        assert "本报讯" not in s.quote
        before = body[:at].removesuffix("本报讯(记者 李明)")
        assert s.quote.endswith("。") and (not before or before[-1] in "\n。")
        if isinstance(s.draft, suggest.FactDraft):
            fact = s.draft.fact
            assert fact.source_id == NEW and fact.fact_id == f"{fact.key}.{NEW}"


def _accept(data, found):
    """Move every draft into the curated files, as a person would after checking it."""
    curated = paths.curated_dir(data)
    docs = {
        name: yaml.safe_load((curated / f"{name}.yaml").read_text(encoding="utf-8"))
        for name in ("facts", "events", "unused")
    }
    facts = {}
    for s in found:
        if isinstance(s.draft, suggest.FactDraft):
            fact = s.draft.fact.model_dump(mode="json", exclude_defaults=True)
            facts.setdefault(fact["fact_id"], fact)
        elif isinstance(s.draft, suggest.EvidenceDraft):
            event = next(
                e for e in docs["events"]["events"] if f"event:{e['event_id']}" == s.target
            )
            event["evidence"].append(s.draft.evidence.model_dump(mode="json"))
        else:
            entry = s.draft.unused.model_dump(mode="json")
            docs["unused"]["unused"].append({**entry, "reason": "Not about H200 exports (test)."})
    docs["facts"]["facts"] += list(facts.values())
    for name, doc in docs.items():
        (curated / f"{name}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def test_accepted_drafts_verify_and_give_the_verdicts_the_report_announced(with_page):
    seeds, data, fb = with_page
    found = suggest.suggest(fb, NEW)
    keep = {s.source_id for s in fb.seeds}
    announced = {s.target: suggest.would_be_verdict(fb, s, keep) for s in found if s.target}
    _accept(data, found)
    after = _build(seeds, data)  # every draft passes the checks of a curated record
    statuses = [after.mention_status(m)[0] for m in after.mentions[NEW]]
    assert "uncurated" not in statuses, "the drafts account for every mention"
    # A Chinese companion is never invented: each accepted fact is listed as lacking it.
    drafted = {s.draft.fact.fact_id for s in found if isinstance(s.draft, suggest.FactDraft)}
    lacking = {
        w.split("fact ", 1)[1].split(" ", 1)[0] for w in after.warnings if "attributed_to_zh" in w
    }
    assert drafted and drafted <= lacking
    comp = after.tables()["comparisons"]
    for target, verdict in announced.items():
        rows = comp[(comp.key == target) & comp.source_ids.str.contains(NEW)]
        worst = next(
            v
            for v in ("conflict", "differs_in_precision", "agree", "one_source_only")
            if v in set(rows.verdict)
        )
        assert worst == verdict, (target, set(rows.verdict), verdict)
    assert announced["fee_rate"] == "agree"
    # The page says the overall cap is planned (计划, its sentence's verb), 000 reports it as
    # set: the value agrees, the status conflicts (a status copied from 000 hid that).
    assert announced["cap_overall"] == "conflict"
    overall = comp[(comp.key == "cap_overall") & comp.source_ids.str.contains(NEW)]
    assert all("value: agree" in a and "status: conflict" in a for a in overall.aspects), set(
        overall.aspects
    )
    assert announced["event:taipei_remarks"] == "agree"


def test_a_contradicting_article_is_linked_and_shown_as_a_conflict(project_copy):
    seeds, data = project_copy
    write_seed(seeds, "reuters_cap", CONTRADICTING.encode(), language="zh-Hans")
    fb = _build(seeds, data)
    found = {s.mention: s for s in suggest.suggest(fb, "reuters_cap")}
    keep = {s.source_id for s in fb.seeds}
    assert found["15%"].target == "fee_rate"
    assert suggest.would_be_verdict(fb, found["15%"], keep) == "conflict"
    assert found["5万片"].target == "cap_per_company"
    assert "differ" in found["15%"].reason or "different value" in found["15%"].reason


def test_the_command_writes_files_only_for_articles_not_yet_curated(with_page, capsys):
    seeds, data, _ = with_page
    folder = paths.suggestions_dir(data)
    assert cli.main(["suggest", "--seeds-dir", str(seeds), "--data-dir", str(data)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [f"{NEW}.yaml"]
    text = (folder / f"{NEW}.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Suggested curation for zh_finance_h200")
    ((path, doc),) = suggest.load(data)
    assert doc.source_id == NEW and len(doc.suggestions) == len(LINKS) + len(UNRELATED)
    assert "high: 75000\n" in text, "numbers written as the curated files write them"
    capsys.readouterr()
    assert (
        cli.main(
            ["suggest", "000_2f7d0e62f1c70453", "--seeds-dir", str(seeds), "--data-dir", str(data)]
        )
        == 0
    )
    assert "nothing to suggest" in capsys.readouterr().out
    assert cli.main(["suggest", "nope", "--seeds-dir", str(seeds), "--data-dir", str(data)]) == 2
    err = capsys.readouterr().err
    assert err == "error: nope: no such source in the seeds folder\n"


def _report(seeds, data, **extra):
    return views.load(
        params.validate(language="en", seeds_dir=str(seeds), data_dir=str(data), **extra)
    )


def test_the_sources_report_lists_them_as_suggested_not_reviewed(with_page):
    seeds, data, fb = with_page
    suggest.write(data, NEW, suggest.suggest(fb, NEW))
    report = _report(seeds, data)
    table = views.suggestions(report)
    assert len(table) == len(LINKS) + len(UNRELATED)
    row = table[table.text == "25%"].iloc[0]
    assert (row.suggested_target, row.would_be_verdict) == ("Fee on each sale", "agree")
    assert row.draft_quote.startswith("按照特朗普2025年12月8日")
    text = views.suggestions_text(report)
    total, unlinked = len(LINKS) + len(UNRELATED), len(UNRELATED)
    assert text.startswith(f"{total} suggestion(s)") and f"{unlinked} fit no curated record" in text
    # Suggestions are not curated facts: the tables do not contain them.
    assert NEW not in set(report.tables["facts"].source_id)
    # Before the page was published there is nothing to suggest about it.
    assert _report(seeds, data, as_of="2026-03-17").suggestions == []


def test_with_no_suggestions_file_the_section_says_so_in_one_sentence(project_copy):
    report = _report(*project_copy)
    assert views.suggestion_table(report) is None
    assert views.suggestions_text(report) == (
        "No suggested curation: `h200 suggest` has written none for these sources."
    )


def test_stale_suggestions_are_dropped_malformed_files_refused(with_page):
    seeds, data, fb = with_page
    found = suggest.suggest(fb, NEW)
    path = suggest.write(data, NEW, found)
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["suggestions"][0]["start"] += 1  # its mention is no longer there
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    unused = paths.curated_dir(data) / "unused.yaml"
    entries = yaml.safe_load(unused.read_text(encoding="utf-8"))
    entries["unused"].append({"source_id": NEW, "text": "4.3%", "reason": "A share-price move."})
    unused.write_text(yaml.safe_dump(entries, allow_unicode=True), encoding="utf-8")
    report = _report(seeds, data)
    mentions = [r["mention"] for r in report.suggestions]
    assert "7.5万片以内" not in mentions, "a suggestion whose mention is gone is dropped"
    assert "4.3%" not in mentions, "a mention curated since needs no suggestion"
    assert len(mentions) == len(found) - 2
    assert any(n.kind == "stale_suggestion" and n.fields == ("no_match",) for n in report.notes)
    doc["suggestions"][1]["colour"] = "red"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(InputError) as err:
        _report(seeds, data)
    assert str(err.value).startswith(str(path)) and "field colour: unknown field" in str(err.value)
    # A broken suggestions file never touches `make data`: the build does not read it.
    assert cli.main(["data", "--seeds-dir", str(seeds), "--data-dir", str(data)]) == 0
