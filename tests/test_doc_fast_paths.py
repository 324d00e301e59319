"""Document checks that read each distinct target once agree with a plain pass over every segment."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from checks.builtin import spelling
from checks.model import Document, Segment
from tests.helpers import shared_context

CTX = shared_context()


def _doc(targets: list[str]) -> Document:
    segments = tuple(Segment(id=str(i), target=t, source=None, line=None, column=None) for i, t in enumerate(targets))
    return Document(path="t.txt", segments=segments)


# Words and separators that exercise every spelling table: US/UK pairs, accent and hyphen variants, entity
# forms (also glued to digits, hyphens and underscores, where they are no whole word), and repeats.
_SPELLING_PIECES = [
    "defense", "defence", "Defense", "color", "colour", "center", "centre", "Elysée", "Elysee", "Élysée",
    "ceasefire", "cease-fire", "Cease-fire", "well-known", "Kyiv", "Kiev", "Kiev2", "Kyiv_", "UK", "the UK",
    "The UK", "UK-based", "the U.K.", "Britain", "US", "U.S.", "E.U.", "EU", "Nato", "NATO", "Czech Republic",
    "Côte d'Ivoire", "Ivory Coast", "the Netherlands", "Holland", "plan", "-", "--", " ", " ", ". ", ", ", "\n",
    "7", "_",
]
_TEXTS = st.lists(st.sampled_from(_SPELLING_PIECES), max_size=10).map("".join)


def _plain_surfaces(doc: Document) -> Counter[str]:
    surfaces: Counter[str] = Counter()
    for seg in doc.segments:
        surfaces.update(spelling.WORD_RE.findall(seg.target))
    return surfaces


@settings(max_examples=300, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=6), st.lists(st.integers(0, 5), max_size=12))
def test_spelling_reads_distinct_targets_like_every_segment(texts: list[str], picks: list[int]) -> None:
    # Targets drawn with repeats, in any order: the repeat-free reading must see the same document.
    doc = _doc(texts + [texts[i % len(texts)] for i in picks])
    _, matcher, gate = CTX.resources.get("entity-forms", spelling._load_groups)
    words = spelling._Words.read(doc, matcher, gate)
    plain = _plain_surfaces(doc)
    assert list(words.surfaces.items()) == list(plain.items())  # counts and first-seen order (ties)
    for seg in doc.segments:
        assert list(words.of_target[seg.target]) == spelling.WORD_RE.findall(seg.target)
        expected = [(m.start, m.end, m.payload) for m in matcher.finditer(seg.target)]
        assert [(m.start, m.end, m.payload) for m in words.entities.get(seg.target, ())] == expected
    # Every table word is found at each of its occurrences, in document order.
    tables = ({w: "x" for w in plain if w.islower()}, {w: "y" for w in plain if "-" in w}, {})
    hits = spelling.SpellingConsistencyCheck._matches(doc, words, tables)
    for table, found in zip(tables, hits, strict=True):
        expected_hits = [
            (seg.id, m.span(), m.group(), table[m.group()])
            for seg in doc.segments for m in spelling.WORD_RE.finditer(seg.target) if m.group() in table
        ]
        assert [(seg.id, m.span(), m.group(), value) for seg, m, value in found] == expected_hits


def test_entity_gate_finds_every_form_as_a_whole_word() -> None:
    groups, matcher, gate = CTX.resources.get("entity-forms", spelling._load_groups)
    forms = [form for group in groups for form in group.forms]
    forms += ["The " + form[4:] for form in forms if form.startswith("the ")]
    for form in forms:
        text = f"Before {form}, after."
        assert list(matcher.finditer(text)), form
        assert gate.search(text), form
    # A form glued to a word character is no whole word: the gate may rule such a text out.
    assert not gate.search("Kyiv2 and UKraine")
