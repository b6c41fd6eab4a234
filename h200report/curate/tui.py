"""The review program: one card at a time, one key per decision (prompt_toolkit).

Keys, as the best review tools have them (Prodigy: accept, reject, ignore, undo):
``a`` accept, ``r`` reject (then one key for the reason), ``e`` edit one field of the
draft (pre-filled), ``n`` a new key or ``v`` a new event from this mention, ``s`` skip,
``u`` undo, ``A`` accept every confirmation of a curated value at once, ``q`` quit.
Every decision is written (checked, atomic) and logged the moment it is made, so
quitting loses nothing and undo works in a later session too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from prompt_toolkit.application import Application, get_app
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.filters import Condition
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.layout import HSplit, Layout, Window
from prompt_toolkit.layout.containers import ConditionalContainer
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl
from prompt_toolkit.styles import Style
from prompt_toolkit.utils import get_cwidth

from ..factbase.suggest import EvidenceDraft, FactDraft
from ..vocab import CATEGORIES, TOPICS
from .apply import Refused
from .decisions import REJECT_REASONS
from .session import (
    Session,
    edit,
    known_gloss,
    language,
    needs_gloss,
    new_event,
    new_key,
    value_text,
)

STYLE = Style.from_dict(
    {
        "bar": "reverse",
        "dim": "#888888",
        "mention": "bold reverse",
        "label": "bold",
        "question": "bold #d7875f",
        "conflict": "bold #d75f5f",
        "agree": "#5faf5f",
        "error": "bold #d75f5f",
        "info": "#5faf5f",
        "key": "bold",
        "prompt": "bold",
    }
)
EDIT_FIELDS = {
    "t": ("target", "target (a fact key or event:<event_id>)"),
    "v": ("value", "value (bound then numbers, e.g. at_most 75000)"),
    "s": ("status", "status"),
    "w": ("attributed_to", "who says it"),
    "x": ("quote", "quote (a verbatim passage holding the mention)"),
    "g": ("gloss", "English gloss of the quote"),
}


@dataclass
class State:
    session: Session
    index: int = 0
    mode: str = "card"  # card, reject, edit, input, bulk
    message: tuple[str, str] = ("", "")
    recent: list[str] = field(default_factory=list)
    prompt: str = ""
    on_enter: object = None
    edited: dict = field(default_factory=dict)  # card key -> fields changed

    @property
    def card(self):
        cards = self.session.cards
        return cards[self.index] if 0 <= self.index < len(cards) else None


def _draft_line(state: State, card) -> list:
    draft = card.suggestion.draft
    out = []
    if isinstance(draft, FactDraft):
        f = draft.fact
        out += [
            ("class:label", "Draft      "),
            ("", f"status {f.status} · said by {f.attributed_to}\n"),
        ]
        quotes = f.quotes
    elif isinstance(draft, EvidenceDraft):
        quotes = [draft.evidence]
        out += [("class:label", "Draft      "), ("", "one more evidence entry of the event\n")]
    else:
        return out
    for q in quotes:
        out += [("class:label", "Quote      "), ("", f"“{q.quote}”\n")]
        if language(state.session.fb, card.source_id) != "en":
            gloss = q.gloss_en if q.gloss_en and not q.gloss_en.startswith("TODO") else None
            out += [
                ("class:label", "Gloss      "),
                ("", gloss) if gloss else ("class:question", "missing: g to write it"),
                ("", "\n"),
            ]
    return out


LABEL_WIDTH = 11
TOKEN = re.compile(r"[\u2e80-\u9fff\uff00-\uffef]|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+")


def hang(fragments: list, width: int) -> list:
    """The fragments wrapped to ``width`` cells, at spaces or between Chinese characters,
    a labelled line's continuation indented under its value (Reads, Proposed, ...)."""
    out, col, labelled = [], 0, False
    for style, text in fragments:
        if style == "class:label" and col == 0:
            labelled = True
        for i, piece in enumerate(text.split("\n")):
            if i:
                out.append(("", "\n"))
                col, labelled = 0, False
            for token in TOKEN.findall(piece):
                w = get_cwidth(token)
                if col and col + w > width and not token.isspace():
                    indent = LABEL_WIDTH if labelled else 0
                    out.append(("", "\n" + " " * indent))
                    col = indent
                    token = token.lstrip()
                out.append((style, token))
                col += get_cwidth(token)
    return out


def _card_text(state: State):
    try:
        width = get_app().output.get_size().columns - 1
    except Exception:  # no running application: the tests' own rendering
        width = 100
    return hang(_card_fragments(state), max(width, 40))


def _card_fragments(state: State):
    card = state.card
    if card is None:
        decided = state.session.decided
        return [
            ("class:info", f"\n  Nothing waiting. {decided} decision(s) written this session.\n"),
            ("", "  u undoes the last one, q quits.\n"),
        ]
    s, m = card.suggestion, card.mention
    out = [("", "\n")]
    if card.before:
        out += [("class:dim", card.before + "\n")]
    sentence = card.sentence
    at = sentence.find(m.text)
    if at < 0:
        out += [("", sentence + "\n")]
    else:
        out += [
            ("", sentence[:at]),
            ("class:mention", m.text),
            ("", sentence[at + len(m.text) :] + "\n"),
        ]
    if card.after:
        out += [("class:dim", card.after + "\n")]
    out += [("", "\n"), ("class:label", "Reads      "), ("", card.reading + "\n")]
    if s.target is None:
        out += [("class:label", "Proposed   "), ("class:question", "nothing curated fits\n")]
    elif card.question:
        out += [
            ("class:label", "Proposed   "),
            ("class:question", f"Is this {card.target_label}?"),
            ("class:dim", f"   (confidence {s.confidence:.2f}, rule {s.rule})\n"),
        ]
    else:
        out += [
            ("class:label", "Proposed   "),
            ("", card.target_label),
            ("class:dim", f"   (confidence {s.confidence:.2f}, rule {s.rule})\n"),
        ]
    tone = {"conflict": "class:conflict", "agree": "class:agree"}.get(card.verdict, "")
    out += [("class:label", "Accepting  "), (tone, card.effect + "\n")]
    for i, (outlet, value, status) in enumerate(card.existing):
        out += [
            ("class:label", "Curated    " if i == 0 else "           "),
            ("", f"· {outlet}: {value}, {status}\n"),
        ]
    out += _draft_line(state, card)
    return out


def _bar(state: State):
    cards = state.session.cards
    card = state.card
    where = f"{card.source_id} #{card.number}" if card else "done"
    return [
        (
            "class:bar",
            f" h200 review · {where} · {len(cards)} waiting · {state.session.decided} decided ",
        )
    ]


def _recent(state: State):
    if not state.recent:
        return []
    return [("class:dim", "Last: " + "   ".join(state.recent[-4:]))]


def _footer(state: State):
    keys = {
        "card": "a accept  r reject  e edit  n new key  v new event  s skip  u undo  "
        + (
            f"A accept {len(state.session.confirmations)} confirmations  "
            if state.session.confirmations
            else ""
        )
        + "q quit",
        "reject": "reason: "
        + "  ".join(f"{k} {name}" for k, (name, _, _) in REJECT_REASONS.items())
        + "  Esc back",
        "edit": "edit: "
        + "  ".join(f"{k} {name}" for k, (name, _) in EDIT_FIELDS.items())
        + "  Esc back",
        "input": "Enter to keep, Esc to cancel",
        "bulk": f"accept all {len(state.session.confirmations)} confirmations? y yes  n no",
    }[state.mode]
    kind, text = state.message
    out = [(f"class:{kind}" if kind else "", text + "\n")] if text else [("", "\n")]
    return out + [("class:key", keys)]


def review(session: Session) -> int:
    """Run the review program on a terminal until the person quits."""
    state = State(session)
    buffer = Buffer(multiline=False)
    kb = KeyBindings()
    in_mode = {
        m: Condition(lambda m=m: state.mode == m)
        for m in ("card", "reject", "edit", "input", "bulk")
    }

    def say(kind: str, text: str) -> None:
        state.message = (kind, text)

    def clamp() -> None:
        state.index = min(state.index, max(len(session.cards) - 1, 0))

    def decide(action, done_text: str) -> None:
        try:
            action()
        except (Refused, ValueError) as exc:
            say("error", f"refused: {exc}")
            return
        state.recent.append(done_text)
        say("info", done_text)
        clamp()

    def ask(prompt: str, default: str, then) -> None:
        state.mode, state.prompt, state.on_enter = "input", prompt, then
        buffer.text = default
        buffer.cursor_position = len(default)
        app.layout.focus(input_window)

    def leave_input() -> None:
        state.mode = "card"
        app.layout.focus(body_window)

    def accept(card) -> None:
        missing = needs_gloss(session.fb, card)
        if missing:
            ask(
                "English gloss: ",
                known_gloss(session.fb, card),
                lambda text: _edited(card, "gloss", text, then_accept=True),
            )
            return
        fields = tuple(state.edited.get(card.key, ()))
        decide(
            lambda: session.accept(card, edited=fields),
            f"✓ {card.mention.text} → {card.target_label}",
        )

    def _edited(card, name: str, text: str, then_accept: bool = False) -> None:
        try:
            card.suggestion = edit(session.fb, card, name, text)
        except ValueError as exc:
            say("error", f"{name}: {exc}")
            return
        state.edited.setdefault(card.key, []).append(name)
        if name == "target":
            _rebuild(card)
        say("info", f"{name} changed: a accepts")
        if then_accept:
            accept(state.card if state.card and state.card.key == card.key else card)

    def _rebuild(card) -> None:
        from .cards import card as make_card

        fresh = make_card(session.fb, card.source_id, card.number, card.suggestion)
        session.cards[session.cards.index(card)] = fresh

    @kb.add("a", filter=in_mode["card"])
    def _(event):
        if state.card:
            accept(state.card)

    @kb.add("r", filter=in_mode["card"])
    def _(event):
        if state.card:
            state.mode = "reject"
            say("", "why is it not used?")

    for key, (name, _, _) in REJECT_REASONS.items():

        @kb.add(key, filter=in_mode["reject"])
        def _(event, name=name):
            card = state.card
            state.mode = "card"
            decide(lambda: session.reject(card, name), f"✗ {card.mention.text} ({name})")

    @kb.add("e", filter=in_mode["card"])
    def _(event):
        if state.card:
            state.mode = "edit"
            say("", "which field?")

    for key, (name, label) in EDIT_FIELDS.items():

        @kb.add(key, filter=in_mode["edit"])
        def _(event, name=name, label=label):
            card = state.card
            draft = card.suggestion.draft
            fact = draft.fact if isinstance(draft, FactDraft) else None
            quote = fact.quotes[0] if fact else getattr(draft, "evidence", None)
            default = {
                "target": card.suggestion.target or "",
                "value": value_text(fact) if fact else "",
                "status": fact.status if fact else "",
                "attributed_to": fact.attributed_to if fact else "",
                "quote": quote.quote if quote else card.sentence,
                "gloss": (quote.gloss_en or "")
                if quote and not (quote.gloss_en or "").startswith("TODO")
                else "",
            }[name]
            ask(f"{label}: ", default, lambda text, c=card, n=name: _edited(c, n, text))

    @kb.add("n", filter=in_mode["card"])
    def _(event):
        card = state.card
        if card is None:
            return
        if card.mention.kind == "date":
            say("error", "a date makes a new event: v")
            return
        drafted = card.sentence[:60]

        def with_topic(name, metric):
            ask(
                f"topic ({', '.join(TOPICS)}): ",
                "context",
                lambda topic: _make(lambda: new_key(session.fb, card, name, metric, topic.strip())),
            )

        ask(
            "name of the new key: ",
            drafted,
            lambda name: ask(
                "metric: ", name.strip().lower(), lambda metric: with_topic(name, metric)
            ),
        )

    @kb.add("v", filter=in_mode["card"])
    def _(event):
        card = state.card
        if card is None:
            return
        if card.mention.kind != "date":
            say("error", "a number makes a new key: n")
            return
        draft = card.suggestion.draft
        actor = draft.fact.attributed_to if isinstance(draft, FactDraft) else "the article"

        def with_category(title):
            ask(
                f"category ({', '.join(CATEGORIES)}): ",
                "policy",
                lambda category: ask(
                    "actor: ",
                    actor,
                    lambda who: _make(
                        lambda: new_event(session.fb, card, title, category.strip(), who)
                    ),
                ),
            )

        ask("title of the new event: ", card.sentence[:60], with_category)

    def _make(build) -> None:
        card = state.card
        try:
            card.suggestion = build()
        except ValueError as exc:
            say("error", str(exc))
            return
        state.edited.setdefault(card.key, []).append("new")
        _rebuild(card)
        accept(state.card)

    @kb.add("s", filter=in_mode["card"])
    def _(event):
        card = state.card
        if card:
            session.skip(card)
            say("", f"skipped {card.mention.text}: it comes back at the end")
            clamp()

    @kb.add("u", filter=in_mode["card"])
    def _(event):
        try:
            done = session.undo()
        except Refused as exc:
            say("error", f"cannot undo: {exc}")
            return
        if done is None:
            say("error", "nothing to undo")
            return
        state.recent.append(f"↶ {done.mention}")
        say("info", f"undone: {done.action} of {done.mention!r}")
        state.index = next(
            (
                i
                for i, c in enumerate(session.cards)
                if (c.source_id, c.mention.start) == (done.source_id, done.start)
            ),
            0,
        )

    @kb.add("A", filter=in_mode["card"])
    def _(event):
        if session.confirmations:
            state.mode = "bulk"

    @kb.add("y", filter=in_mode["bulk"])
    def _(event):
        state.mode = "card"
        try:
            accepted, waiting = session.accept_confirmations()
        except Refused as exc:
            say("error", f"refused: {exc}")
            return
        state.recent += [f"✓ {c.mention.text}" for c in accepted]
        rest = f"; {len(waiting)} wait for a gloss" if waiting else ""
        say("info", f"accepted {len(accepted)} confirmation(s){rest}")
        clamp()

    @kb.add("n", filter=in_mode["bulk"])
    @kb.add("escape", filter=in_mode["reject"] | in_mode["edit"] | in_mode["bulk"])
    def _(event):
        state.mode = "card"
        say("", "")

    @kb.add("enter", filter=in_mode["input"])
    def _(event):
        then, text = state.on_enter, buffer.text
        leave_input()
        then(text)

    @kb.add("escape", filter=in_mode["input"], eager=True)
    def _(event):
        leave_input()
        say("", "cancelled")

    @kb.add("q", filter=in_mode["card"])
    @kb.add("c-c")
    def _(event):
        event.app.exit(result=0)

    body_window = Window(
        FormattedTextControl(lambda: _card_text(state), focusable=True), wrap_lines=True
    )
    input_window = Window(
        BufferControl(buffer=buffer),
        height=1,
        get_line_prefix=lambda *_: [("class:prompt", state.prompt)],
    )
    root = HSplit(
        [
            Window(FormattedTextControl(lambda: _bar(state)), height=1),
            body_window,
            Window(FormattedTextControl(lambda: _recent(state)), height=1),
            ConditionalContainer(input_window, filter=in_mode["input"]),
            Window(FormattedTextControl(lambda: _footer(state)), height=2, wrap_lines=True),
        ]
    )
    app = Application(
        layout=Layout(root, focused_element=body_window),
        key_bindings=kb,
        style=STYLE,
        full_screen=True,
    )
    app.run()
    print(f"h200 review: {session.decided} decision(s) written; {len(session.cards)} waiting")
    return 0
