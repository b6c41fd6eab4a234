"""`h200 review`: decisions written where they belong, checked first, logged, undoable.

The scripted flags and the terminal program drive one session; the terminal program is
driven here through a real pseudo-terminal (pexpect), its screen read by a terminal
emulator (pyte), and the YAML it wrote is checked.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from h200report import cli
from h200report.curate import apply as applying
from h200report.curate.decisions import read_log
from h200report.curate.session import Session, edit
from h200report.curate.yamledit import dump_text, load_text
from h200report.extract.add import Given, add
from h200report.yamlio import read_yaml
from tests.support import CORPUS_CURATED, FIXTURES

NEW = "zh_finance_h200"
GLOSS = "Under the plan Trump announced on 8 December 2025, each H200 sale pays a 25% fee."


@pytest.fixture
def article(project_copy):
    seeds, data = project_copy
    add(
        FIXTURES / "pages" / f"{NEW}.html",
        seeds,
        Given(title_en="H200 exports stall"),
        dt.date(2026, 12, 1),
    )
    return seeds, data


def _texts(data: Path) -> dict[str, str]:
    return {
        p.name: p.read_text(encoding="utf-8") for p in sorted((data / "curated").glob("*.yaml"))
    }


def _review(capsys, seeds, data, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["review", NEW, "--seeds", str(seeds), "--data", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _number(out: str, mention: str) -> int:
    line = next(line for line in out.splitlines() if f"'{mention}'" in line)
    return int(line.split()[1])


@pytest.mark.parametrize("name", ["facts.yaml", "events.yaml", "unused.yaml", "labels.yaml"])
def test_every_curated_file_round_trips_byte_for_byte(name):
    text = (CORPUS_CURATED / name).read_text(encoding="utf-8")
    assert dump_text(load_text(text)) == text


def test_list_accept_reject_and_undo_from_a_script(article, capsys):
    seeds, data = article
    before = _texts(data)
    code, out, _ = _review(capsys, seeds, data, "--list")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) >= 10 and all(line.startswith(NEW) for line in lines)
    fee, share = _number(out, "25%"), _number(out, "4.3%")
    # A Chinese quote needs its English gloss: refused in one line, nothing written.
    code, _, err = _review(capsys, seeds, data, "--accept", str(fee))
    assert code == 2 and "not in English" in err and err.count("\n") == 1
    assert _texts(data) == before
    code, out, _ = _review(
        capsys,
        seeds,
        data,
        "--accept",
        str(fee),
        "--gloss",
        f"{fee}={GLOSS}",
        "--reject",
        f"{share}=background",
    )
    assert code == 0, out
    facts = read_yaml(data / "curated" / "facts.yaml")["facts"]
    mine = next(f for f in facts if f["fact_id"] == f"fee_rate.{NEW}")
    assert mine["value"] == 25 and mine["quotes"][0]["gloss_en"] == GLOSS
    unused = read_yaml(data / "curated" / "unused.yaml")["unused"]
    assert {"source_id": NEW, "text": "4.3%"}.items() <= unused[-1].items()
    # Only added lines: the old text of each file is still there, in order, unchanged.
    after = _texts(data)
    for name in ("facts.yaml", "unused.yaml"):
        old, new = before[name].splitlines(), after[name].splitlines()
        it = iter(new)
        assert all(line in it for line in old), f"{name}: an old line moved or changed"
    # The accepted fact sits with the other records of its key.
    ids = [f["fact_id"] for f in facts]
    assert ids.index(f"fee_rate.{NEW}") == max(
        i for i, f in enumerate(facts) if f["key"] == "fee_rate"
    )
    log = read_log(data)
    assert [d.action for d in log] == ["accept", "reject"] and log[0].edited == ["gloss"]
    # The decided suggestions wait no more.
    code, out, _ = _review(capsys, seeds, data, "--list")
    assert "'25%'" not in out and "'4.3%'" not in out
    # Undo, twice, across processes: the files are as they were, byte for byte.
    assert _review(capsys, seeds, data, "--undo")[0] == 0
    assert _review(capsys, seeds, data, "--undo")[0] == 0
    assert _texts(data) == before
    code, out, _ = _review(capsys, seeds, data, "--undo")
    assert "nothing to undo" in out
    code, out, _ = _review(capsys, seeds, data, "--stats")
    assert "no decisions" in out  # every decision was undone


def test_a_decision_that_breaks_the_fact_base_is_refused_and_writes_nothing(article):
    seeds, data = article
    session = Session(seeds, data, [NEW])
    card = next(c for c in session.cards if c.mention.text == "25%")
    card.suggestion = edit(session.fb, card, "gloss", GLOSS)
    card.suggestion = edit(session.fb, card, "value", "exact 30")
    before = _texts(data)
    with pytest.raises(applying.Refused) as info:
        session.accept(card)
    assert "disagrees with its quote" in str(info.value) and str(data) in str(info.value)
    assert _texts(data) == before and read_log(data) == []


def test_stats_count_accepts_and_rejects_per_rule(article, capsys):
    seeds, data = article
    session = Session(seeds, data, [NEW])
    fee = next(c for c in session.cards if c.mention.text == "25%")
    fee.suggestion = edit(session.fb, fee, "gloss", GLOSS)
    session.accept(fee, edited=("gloss",))
    share = next(c for c in session.cards if c.mention.text == "4.3%")
    session.reject(share, "background")
    code, out, _ = _review(capsys, seeds, data, "--stats")
    rows = {line.split()[0]: line.split()[1:4] for line in out.splitlines()[1:]}
    expected: dict[str, list[int]] = {}
    expected.setdefault(fee.suggestion.rule, [0, 0, 0])[1] += 1  # accepted after an edit
    expected.setdefault(share.suggestion.rule, [0, 0, 0])[2] += 1  # rejected
    assert rows == {rule: [str(n) for n in counts] for rule, counts in expected.items()}


# ----------------------------------------------------------------------------- the terminal


class Terminal:
    """``h200 review`` in a pseudo-terminal, its screen kept by a terminal emulator."""

    def __init__(self, argv: list[str], rows: int = 40, cols: int = 120):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        env = {**os.environ, "TERM": "xterm-256color", "PYTHONWARNINGS": "ignore"}
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, dimensions=(rows, cols), timeout=60)

    def _pump(self) -> None:
        while True:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.2))
            except (pexpect.TIMEOUT, pexpect.EOF):
                return

    def text(self) -> str:
        self._pump()
        return "\n".join(self.screen.display)

    def wait_for(self, wanted: str, seconds: float = 60) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.text()
            if wanted in shown:
                return shown
            time.sleep(0.2)
        raise AssertionError(f"{wanted!r} never appeared; the screen:\n{self.text()}")

    def next_card(self, keys: str, seconds: float = 60) -> str:
        """Press keys that leave the card, and wait for the next card's header."""

        def header(shown: str) -> str:
            return next((line for line in shown.splitlines() if "h200 review ·" in line), "")

        before = header(self.text())
        self.child.send(keys)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            shown = self.text()
            if header(shown) not in ("", before):
                return shown
            time.sleep(0.2)
        raise AssertionError(f"no next card after {keys!r}; the screen:\n{self.text()}")

    def press(self, keys: str, then: str | None = None) -> str:
        self.child.send(keys)
        return self.wait_for(then) if then else self.text()


@pytest.mark.slow
def test_the_review_program_accepts_edits_rejects_and_undoes_in_a_terminal(article):
    seeds, data = article
    h200 = str(Path(sys.executable).parent / "h200")
    term = Terminal([h200, "review", NEW, "--seeds", str(seeds), "--data", str(data)])
    first = term.wait_for("a accept")
    assert "h200 review" in first and "Reads" in first and "Proposed" in first
    # Conflicts come first, least sure first: skip to the per-company cap's card (its status
    # read from the sentence, planned, conflicts with 002's announced).
    for _ in range(8):
        if "at most 75,000 chips" in first:
            break
        first = term.next_card("s")
    assert "7.5万片以内" in first and "at most 75,000 chips" in first and "conflicts with" in first
    # Edit the status (pre-filled), then accept: the gloss is asked for, the quote being Chinese.
    term.press("e", "which field?")
    term.press("s", "status: planned")
    term.press("\x7f" * 7 + "reported\r", "status changed")
    term.press("a", "English gloss")
    term.press(
        "The US plans to cap each Chinese company's purchases at 75,000 chips.\r", "1 decided"
    )
    # Reject the next card as background, then undo it.
    shown = term.text()
    second = next(line for line in shown.splitlines() if "#" in line and "h200 review" in line)
    term.press("r", "reason:")
    term.press("b", "2 decided")
    term.press("u", "undone: reject")
    assert second.split("·")[1] in term.text(), "the undone card is shown again"
    term.press("q")
    term.child.expect(pexpect.EOF, timeout=30)
    term.child.close()
    assert term.child.exitstatus == 0
    facts = read_yaml(data / "curated" / "facts.yaml")["facts"]
    cap = next(f for f in facts if f["fact_id"] == f"cap_per_company.{NEW}")
    assert cap["status"] == "reported" and cap["high"] == 75000
    assert cap["quotes"][0]["gloss_en"].startswith("The US plans")
    log = read_log(data)
    assert [d.action for d in log] == ["accept", "reject", "undo"]
    assert log[0].edited == ["status", "gloss"]
    assert not any(
        u["source_id"] == NEW for u in read_yaml(data / "curated" / "unused.yaml")["unused"]
    )


def test_confirmations_are_accepted_together_with_the_gloss_of_their_sentence(article):
    seeds, data = article
    session = Session(seeds, data, [NEW])
    # The unban's date: its sentence also holds the fee (a confirmation); another sentence
    # dates Huang's remarks (a confirmation waiting for its own gloss).
    cap = next(c for c in session.cards if c.mention.text == "2025年12月8日")
    cap.suggestion = edit(session.fb, cap, "gloss", GLOSS)
    session.accept(cap)
    confirming = {c.mention.text: c.sentence for c in session.confirmations}
    glossed = {m for m, sentence in confirming.items() if sentence == cap.sentence}
    assert glossed and set(confirming) - glossed, "the page has both kinds"
    accepted, waiting = session.accept_confirmations()
    # Those in the glossed sentence take its gloss; the others wait for theirs.
    assert {c.mention.text for c in accepted} == glossed
    assert {c.mention.text for c in waiting} == set(confirming) - glossed
    assert [d.action for d in read_log(data)] == ["accept"] * (1 + len(accepted))
    facts = read_yaml(data / "curated" / "facts.yaml")["facts"]
    mine = [q["gloss_en"] for f in facts if f["source_id"] == NEW for q in f["quotes"]]
    assert mine == [GLOSS] * len(accepted)  # the first accepted was the unban's evidence
    events = read_yaml(data / "curated" / "events.yaml")["events"]
    assert [ev["gloss_en"] for e in events for ev in e["evidence"] if ev["source_id"] == NEW] == [
        GLOSS
    ]
