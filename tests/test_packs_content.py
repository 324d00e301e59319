"""Content of the shipped rule packs, termbase and synonym sets: examples, entries, seed article, data files."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

from checks.context import Context, resource_path
from checks.errors import InputError
from checks.model import Finding, Segment
from checks.packs import PackRule, load_pack, shipped_pack_paths
from checks.readers import plaintext

BOILERPLATE = load_pack(resource_path("rules", "boilerplate.yaml"))
CALQUES = load_pack(resource_path("rules", "calques.yaml"))
OWN_RULES = [*BOILERPLATE.rules, *CALQUES.rules]
ALL_RULES = [rule for path in shipped_pack_paths() for rule in load_pack(path).rules]
CTX = Context.create()
CJK = re.compile(r"[\u3400-\u9fff]")


def findings(text: str, rules: list[PackRule]) -> list[Finding]:
    segment = Segment(id="1", target=text)
    return [f for rule in rules for f in rule.check_segment(segment, CTX)]


def neutral(phrase: str) -> str:
    """A plain news sentence around *phrase*, so that only the phrase can be flagged."""
    return f"Officials said on Monday that {phrase} was discussed at length."


# -- examples -----------------------------------------------------------------------------------

EXAMPLES = [
    pytest.param(rule, kind, example.target, id=f"{rule.meta.code}-{kind}-{i}")
    for rule in OWN_RULES
    for kind, examples in (("fail", rule.meta.examples_fail), ("pass", rule.meta.examples_pass))
    for i, example in enumerate(examples)
]


@pytest.mark.parametrize(("rule", "kind", "text"), EXAMPLES)
def test_rule_examples(rule: PackRule, kind: str, text: str) -> None:
    codes = {f.code for f in rule.check_segment(Segment(id="1", target=text), CTX)}
    if kind == "fail":
        assert rule.meta.code in codes, f"{rule.meta.code} should flag: {text}"
    else:
        assert rule.meta.code not in codes, f"{rule.meta.code} should not flag: {text}"


@pytest.mark.parametrize("rule", OWN_RULES, ids=lambda r: r.meta.code)
def test_every_rule_has_fail_and_pass_examples_and_its_code_range(rule: PackRule) -> None:
    assert rule.meta.examples_fail and rule.meta.examples_pass
    number = int(rule.meta.code[2:])
    if rule.meta.code.startswith("BP"):
        assert 501 <= number <= 549
    else:
        assert rule.meta.code.startswith("CQ") and 601 <= number <= 649


def test_boilerplate_fixes_are_deletions() -> None:
    for rule in BOILERPLATE.rules:
        for example in rule.meta.examples_fail:
            for f in rule.check_segment(Segment(id="1", target=example.target), CTX):
                assert f.suggestions == ("",), (rule.meta.code, f.text)


# -- phrase entries -----------------------------------------------------------------------------

ENTRIES = [
    pytest.param(rule, entry, wrong, id=f"{rule.meta.code}-{wrong}")
    for rule in OWN_RULES
    if rule.kind == "phrase"
    for entry in rule.entries
    for wrong in entry.wrong
]


def test_calques_pack_is_large() -> None:
    assert sum(len(rule.entries) for rule in CALQUES.rules) >= 150


@pytest.mark.parametrize(("rule", "entry", "wrong"), ENTRIES)
def test_wrong_form_is_flagged_with_the_right_form(rule: PackRule, entry: object, wrong: str) -> None:
    text = neutral(wrong)
    own = [f for f in rule.check_segment(Segment(id="1", target=text), CTX)]
    assert own, f"{rule.meta.code} misses {wrong!r}"
    assert own[0].text == wrong
    right = entry.right  # type: ignore[attr-defined]
    assert own[0].suggestions[0] in {right, right[:1].upper() + right[1:]}


@pytest.mark.parametrize(("rule", "entry", "wrong"), ENTRIES)
def test_right_form_is_not_flagged_by_any_shipped_rule(rule: PackRule, entry: object, wrong: str) -> None:
    right = entry.right  # type: ignore[attr-defined]
    hits = findings(neutral(right), ALL_RULES)
    assert not hits, [(f.code, f.text) for f in hits]


@pytest.mark.parametrize("rule", [r for r in CALQUES.rules if r.kind == "phrase"], ids=lambda r: r.meta.code)
def test_calque_notes_name_the_chinese_original(rule: PackRule) -> None:
    for entry in rule.entries:
        assert CJK.search(entry.note), entry.wrong


def test_exceptions_keep_established_names() -> None:
    for text in ("The treaty was signed in the Grand Kremlin Palace.", "The South Sea Fleet held drills.",
                 "Passengers sailed to the South Sea Islands.", "Rows of Czech hedgehog obstacles lined the beach."):
        assert not findings(text, ALL_RULES), text


def test_case_of_a_sentence_initial_match_is_kept() -> None:
    (f,) = findings("Pour oil on the fire, critics said.", CALQUES.rules)
    assert f.suggestions == ("Add fuel to the fire",)


# -- the seed article ---------------------------------------------------------------------------


def test_seed_boilerplate_and_steel_hedgehog_are_flagged(seed_path: Path) -> None:
    doc = plaintext.read(seed_path)
    flagged: dict[str, list[Finding]] = {seg.id: findings(seg.target, ALL_RULES) for seg in doc.segments}
    by_text = {seg.target: flagged[seg.id] for seg in doc.segments}

    first = doc.segments[0]
    assert any(f.code.startswith("BP") and f.start == 0 and f.text.startswith("【By ") and f.text.endswith("Observer】")
               for f in flagged[first.id])
    caption = next(seg for seg in doc.segments if seg.target.endswith(" IC photo"))
    assert any(f.code.startswith("BP") and f.text == " IC photo" for f in flagged[caption.id])

    # The three footer paragraphs are boilerplate from end to end; deleting them is safe.
    for seg in doc.segments[-3:]:
        assert any(f.code.startswith("BP") and (f.start, f.end) == (0, len(seg.target)) and f.safe
                   for f in by_text[seg.target]), seg.target

    hedgehog = [f for fs in flagged.values() for f in fs if f.text == "steel hedgehog"]
    assert hedgehog and hedgehog[0].suggestions == ("steel porcupine",)


def test_seed_body_has_no_boilerplate_false_alarm(seed_path: Path) -> None:
    doc = plaintext.read(seed_path)
    body = doc.segments[1:-3]
    hits = [(f.code, f.text) for seg in body for f in findings(seg.target, BOILERPLATE.rules) if f.text != " IC photo"]
    assert not hits


# -- termbase -----------------------------------------------------------------------------------

TERMBASE = resource_path("termbases", "news-zh-en.csv")


def termbase_rows() -> list[list[str]]:
    with TERMBASE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["source", "preferred", "deprecated", "note"]
    return [row for row in rows[1:] if row and not row[0].startswith("#")]


def test_termbase_rows_are_complete() -> None:
    rows = termbase_rows()
    assert len(rows) >= 100
    sources = [row[0] for row in rows]
    assert len(sources) == len(set(sources))
    for row in rows:
        assert len(row) == 4 and row[0] and row[1] and row[3], row
        assert CJK.search(row[0]), row


def test_termbase_deprecated_forms_are_unique_specific_and_never_preferred() -> None:
    rows = termbase_rows()
    preferred = {row[1].casefold() for row in rows}
    seen: dict[str, str] = {}
    for row in rows:
        for form in filter(None, row[2].split("|")):
            key = form.casefold()
            assert key not in seen, f"{form!r} is deprecated for both {seen[key]} and {row[0]}"
            seen[key] = row[0]
            assert key not in preferred, form
            assert form == form.strip() and re.search(r"[\s-]", form), f"{form!r} is not specific (multiword)"


def test_termbase_known_rows() -> None:
    rows = {row[0]: row for row in termbase_rows()}
    assert rows["自愿联盟"][1] == "coalition of the willing"
    assert {"willingness alliance", "volunteer alliance"} <= set(rows["自愿联盟"][2].split("|"))
    assert rows["全球安全倡议"][1] == "Global Security Initiative"
    assert "Global Safety Initiative" in rows["全球安全倡议"][2].split("|")


def test_termbase_and_calques_do_not_overlap() -> None:
    # One error must not get two findings with different fixes: a form is either a calque
    # (with context-fitting suggestion and exceptions) or a termbase variant, not both.
    deprecated = {form.casefold() for row in termbase_rows() for form in row[2].split("|") if form}
    for rule in CALQUES.rules:
        for entry in rule.entries:
            assert entry.right.casefold() not in deprecated, entry.right
            assert not {w.casefold() for w in entry.wrong} & deprecated, entry.wrong


# -- synonym sets -------------------------------------------------------------------------------


def test_synonym_sets_are_well_formed() -> None:
    data = yaml.safe_load(resource_path("variants", "synonyms.yaml").read_text(encoding="utf-8"))
    assert data["version"] == 1
    sets = data["sets"]
    assert len(sets) >= 60
    owner: dict[str, str] = {}
    for entry in sets:
        assert set(entry) == {"zh", "words"} and CJK.search(entry["zh"])
        words = entry["words"]
        assert len(words) >= 2
        for word in words:
            assert re.fullmatch(r"[a-z][a-z-]*", word), word
            assert word not in owner, f"{word!r} is in the sets of {owner.get(word)} and {entry['zh']}"
            owner[word] = entry["zh"]
    assert {"security", "safety"} <= set(next(s["words"] for s in sets if s["zh"] == "安全"))


# -- pack loading errors (checks/packs.py) ------------------------------------------------------

BROKEN = """pack: broken
rules:
  - code: US001
    id: one
    kind: pattern
    title: One
    category: Style/Unidiomatic
    severity: minor
    message: 'ok {match}'
    patterns: ['a']
  - code: US002
    id: two
    kind: pattern
    title: Two
    category: Style/Unidiomatic
    severity: minor
    message: '{MESSAGE}'
    patterns: ['(a)b']
    replacement: '{REPLACEMENT}'
"""


@pytest.mark.parametrize(("message", "replacement", "error"), [
    ("uses {right} in a pattern rule", "", "bad placeholder 'right'"),
    ("fine {match}", r"\2", "bad replacement"),
])
def test_pack_errors_name_the_rule_line(tmp_path: Path, message: str, replacement: str, error: str) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN.replace("{MESSAGE}", message).replace("{REPLACEMENT}", replacement), encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_pack(path)
    assert info.value.line == 11 and error in info.value.message
    assert str(info.value).startswith(f"{path}:11:")


def _copyright_pack(pattern: str) -> str:
    """A pack of one pattern rule (copyright lines) whose one ``patterns`` entry is the YAML *pattern*."""
    return """pack: house
rules:
  - code: HS101
    id: copyright
    kind: pattern
    title: Copyright line
    category: Design and markup/Extraneous content
    severity: minor
    message: 'Copyright line "{match}"'
    patterns:
""" + pattern + """    examples:
      fail: ['Copyright 2024 X.', 'All rights reserved.']
      pass: ['He holds the rights.']
"""


def test_a_pattern_prefilter_that_would_hide_an_example_is_a_load_error(tmp_path) -> None:
    import pytest

    from checks.errors import InputError
    from checks.packs import load_pack

    pack = tmp_path / "p.yaml"
    body = _copyright_pack("""      - regex: '(?i:all rights reserved|copyright \\\\d{4})'
        requires: [KEYWORDS]
""")
    pack.write_text(body.replace("KEYWORDS", "rights, copyright"), encoding="utf-8")
    rule = load_pack(pack).rules[0]
    assert rule.requires == (("rights", "copyright"),)
    pack.write_text(body.replace("KEYWORDS", "copyright"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_pack(pack)
    assert "All rights reserved" in str(err.value) and "p.yaml" in str(err.value)


def test_a_pattern_core_is_searched_first_and_checked_on_the_examples(tmp_path) -> None:
    import pytest

    from checks.errors import InputError
    from checks.model import Segment
    from checks.packs import load_pack

    pack = tmp_path / "p.yaml"
    body = _copyright_pack("""      - regex: '^[^.]*(?i:all rights reserved|copyright [0-9]{4})[^.]*'
        core: 'CORE'
""")
    pack.write_text(body.replace("CORE", "(?i:all rights reserved|copyright [0-9]{4})"), encoding="utf-8")
    rule = load_pack(pack).rules[0]
    assert rule.requires == () and [c.pattern for c in rule.cores] == ["(?i:all rights reserved|copyright [0-9]{4})"]
    found = [f.text for f in rule.check_segment(Segment(id="1", target="Note: ALL RIGHTS RESERVED by X"), None)]
    assert found == ["Note: ALL RIGHTS RESERVED by X"]
    # A core that misses a failing example where the pattern matches would hide findings.
    pack.write_text(body.replace("CORE", "(?i:copyright)"), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_pack(pack)
    assert "All rights reserved" in str(err.value) and "p.yaml" in str(err.value)
    pack.write_text(body.replace("CORE", "(unclosed"), encoding="utf-8")
    with pytest.raises(InputError, match="bad regex"):
        load_pack(pack)
    pack.write_text(body.replace("CORE", ""), encoding="utf-8")
    with pytest.raises(InputError, match="core"):
        load_pack(pack)
