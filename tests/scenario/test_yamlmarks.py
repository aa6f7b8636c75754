"""Safe YAML reading with positions: marks, refusals and problems, and that nothing ever raises."""

from __future__ import annotations

import datetime as dt
import os
import re
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.scenario import yamlmarks
from game.scenario.problems import CODES
from game.scenario.yamlmarks import MAX_ALIAS_NODES, MAX_BYTES, MAX_DEPTH, Marks, parse_yaml, read_yaml_file

DOC = """\
countries:
  DEU:
    name: Germany
    ties:
      us_alliance: 0.8
events:
  - id: first
    effects:
      - shift: {country: DEU, by: 5}
  - id: second
    body: |
      Line one
      line two
    effects: [{a: 1}, {b: [1, 2]}]
title: "quoted"
folded: >-
  one
  two
"""


def codes(parsed) -> list[str]:
    return [p.code for p in parsed.problems]


def assert_well_formed(problems) -> None:
    for p in problems:
        assert p.line >= 1 and p.column >= 1, p
        assert p.code in CODES, p
        assert p.severity in ("error", "warning"), p
        assert "\n" not in p.message, p


# --- marks -------------------------------------------------------------------------------------------------------


def test_clean_document_reads_like_safe_load_with_no_problems():
    parsed = parse_yaml(DOC, "doc.yaml")
    assert parsed.problems == []
    assert parsed.data == yaml.safe_load(DOC)
    assert parsed.data["events"][1]["body"] == "Line one\nline two\n"
    assert parsed.data["folded"] == "one two"


def test_marks_of_nested_mapping_values_and_keys():
    marks = parse_yaml(DOC, "doc.yaml").marks
    assert marks.key(("countries",)) == (1, 1)
    assert marks.value(("countries",)) == (2, 3)
    assert marks.key(("countries", "DEU")) == (2, 3)
    assert marks.value(("countries", "DEU", "name")) == (3, 11)
    assert marks.key(("countries", "DEU", "ties")) == (4, 5)
    assert marks.key(("countries", "DEU", "ties", "us_alliance")) == (5, 7)
    assert marks.value(("countries", "DEU", "ties", "us_alliance")) == (5, 20)


def test_marks_of_list_items():
    marks = parse_yaml(DOC, "doc.yaml").marks
    assert marks.value(("events",)) == (7, 3)  # the first "-"
    assert marks.value(("events", 0)) == (7, 5)
    assert marks.value(("events", 0, "id")) == (7, 9)
    assert marks.value(("events", 1)) == (10, 5)
    # A list item has no key: key() gives where the item starts.
    assert marks.key(("events", 1)) == (10, 5)


def test_marks_inside_flow_style():
    marks = parse_yaml(DOC, "doc.yaml").marks
    assert marks.value(("events", 0, "effects", 0, "shift")) == (9, 16)
    assert marks.key(("events", 0, "effects", 0, "shift", "by")) == (9, 31)
    assert marks.value(("events", 0, "effects", 0, "shift", "by")) == (9, 35)
    assert marks.value(("events", 1, "effects", 1)) == (14, 23)
    assert marks.key(("events", 1, "effects", 1, "b")) == (14, 24)
    assert marks.value(("events", 1, "effects", 1, "b", 1)) == (14, 31)


def test_marks_of_multi_line_and_quoted_strings():
    marks = parse_yaml(DOC, "doc.yaml").marks
    assert marks.value(("events", 1, "body")) == (11, 11)  # the "|" indicator
    assert marks.value(("title",)) == (15, 8)  # the opening quote
    assert marks.key(("folded",)) == (16, 1)
    assert marks.value(("folded",)) == (16, 9)


def test_marks_fall_back_to_the_nearest_ancestor_then_1_1():
    marks = parse_yaml(DOC, "doc.yaml").marks
    assert marks.value(("countries", "DEU", "nowhere", 3)) == (3, 5)
    assert marks.key(("countries", "DEU", "ties", "uk_alliance")) == (4, 5)
    assert marks.value(("events", 7, "id")) == (7, 3)
    assert Marks().value(("a", 1)) == (1, 1)
    assert Marks().key(()) == (1, 1)


def test_alias_value_is_marked_where_the_alias_is_used():
    text = "base: &b {x: 1}\nuse: *b\n"
    parsed = parse_yaml(text, "a.yaml")
    assert parsed.problems == []
    assert parsed.data == {"base": {"x": 1}, "use": {"x": 1}}
    assert parsed.marks.value(("use",)) == (2, 6)
    assert parsed.marks.value(("use", "x")) == (1, 14)  # inside the anchored definition


def test_merge_keys_behave_like_safe_load():
    text = "a: &a {p: 1, q: 2}\nb: &b {q: 9, r: 3}\nc:\n  <<: [*a, *b]\n  r: 4\n"
    parsed = parse_yaml(text, "m.yaml")
    assert parsed.problems == []
    assert parsed.data == yaml.safe_load(text)
    assert parsed.marks.key(("c", "r")) == (5, 3)


# --- problems ----------------------------------------------------------------------------------------------------


def test_duplicate_keys_are_reported_at_the_second_naming_the_first():
    text = "a: 1\nb:\n  x: 1\n  y: 2\n  x: 3\na: 4\n"
    parsed = parse_yaml(text, "d.yaml")
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(5, 3, "E003"), (6, 1, "E003")]
    assert "'x'" in parsed.problems[0].message and "line 3" in parsed.problems[0].message
    assert "'a'" in parsed.problems[1].message and "line 1" in parsed.problems[1].message
    assert str(parsed.problems[0]).startswith("d.yaml:5:3: error E003 ")


def test_bare_yaml_11_booleans_warn_but_true_false_and_quoted_do_not():
    text = "a: NO\nb: on\nc: Yes\nd: true\ne: 'no'\nf: !!bool yes\ng: y\nh: OFF\n"
    parsed = parse_yaml(text, "b.yaml")
    assert parsed.data == {"a": False, "b": True, "c": True, "d": True, "e": "no", "f": True, "g": "y", "h": False}
    warnings = [(p.line, p.code, p.severity) for p in parsed.problems]
    assert warnings == [(1, "W303", "warning"), (2, "W303", "warning"), (3, "W303", "warning"), (8, "W303", "warning")]
    assert parsed.problems[0].message.startswith("bare NO is read as false; quote it: 'NO'")
    assert parsed.problems[0].column == 4


def test_boolean_keys_are_errors_with_the_quoting_hint_and_keep_their_text():
    text = "countries:\n  NO: {name: Norway}\n  ON: {name: x}\n  'NO2': {}\n"
    parsed = parse_yaml(text, "k.yaml")
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(2, 3, "E004"), (3, 3, "E004")]
    assert "quote it: 'NO'" in parsed.problems[0].message
    assert "false" in parsed.problems[0].message
    assert set(parsed.data["countries"]) == {"NO", "ON", "NO2"}


def test_other_non_text_keys_are_refused():
    text = "1: a\n~: b\n2022-01-03: c\n? [x, y]\n: d\nok: e\n"
    parsed = parse_yaml(text, "k.yaml")
    assert [(p.line, p.code) for p in parsed.problems] == [(1, "E004"), (2, "E004"), (3, "E004"), (4, "E004")]
    assert parsed.data["ok"] == "e"
    assert "integer" in parsed.problems[0].message


def test_syntax_error_is_one_problem_at_its_mark_and_no_data():
    parsed = parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "s.yaml")
    assert parsed.data is None
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert problem.code == "E002" and problem.severity == "error"
    assert problem.line >= 2


def test_tab_indentation_gets_a_hint():
    parsed = parse_yaml("a:\n\tb: 1\n", "t.yaml")
    assert codes(parsed) == ["E002"]
    assert "tabs" in parsed.problems[0].message
    assert parsed.problems[0].line == 2


def test_control_character_and_several_documents_are_syntax_errors():
    parsed = parse_yaml("a: 1\nb: x\x07y\n", "c.yaml")
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(2, 5, "E002")]
    assert codes(parse_yaml("a: 1\n---\nb: 2\n", "two.yaml")) == ["E002"]
    assert codes(parse_yaml("a: *nowhere\n", "u.yaml")) == ["E002"]


def test_unsafe_and_unknown_tags_are_refused():
    parsed = parse_yaml("a: !!python/object:os.system x\nb: !custom 3\nc: !!int nope\nd: ok\n", "t.yaml")
    assert [(p.line, p.code) for p in parsed.problems] == [(1, "E004"), (2, "E004"), (3, "E004")]
    assert parsed.data["d"] == "ok"


def test_impossible_date_is_kept_as_text_for_the_schema_to_judge():
    parsed = parse_yaml("a: 2022-02-30\nb: 2022-02-28\n", "d.yaml")
    assert parsed.problems == []
    assert parsed.data == {"a": "2022-02-30", "b": dt.date(2022, 2, 28)}


def test_overlong_number_is_refused():
    parsed = parse_yaml("a: " + "9" * 5000 + "\n", "n.yaml")
    assert codes(parsed) == ["E004"]


def test_oversized_text_is_refused_before_parsing():
    parsed = parse_yaml("a: " + "x" * MAX_BYTES, "big.yaml")
    assert parsed.data is None
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(1, 1, "E001")]


def test_deep_block_nesting_is_refused():
    text = "".join("  " * i + f"k{i}:\n" for i in range(MAX_DEPTH + 10)) + "  " * (MAX_DEPTH + 10) + "v: 1\n"
    parsed = parse_yaml(text, "deep.yaml")
    assert "E004" in codes(parsed)
    assert all(p.code == "E004" for p in parsed.problems)


def test_deep_flow_nesting_is_refused_without_scanning_it_all():
    text = "a: " + "[" * 200_000 + "]" * 200_000
    parsed = parse_yaml(text, "deep.yaml")
    assert codes(parsed) == ["E004"]
    assert parsed.problems[0].column <= MAX_DEPTH + 5


def test_nesting_too_deep_through_an_alias_is_refused():
    depth = MAX_DEPTH - 5
    text = "a: &a " + "[" * depth + "]" * depth + "\nb: " + "[" * 10 + "*a" + "]" * 10 + "\n"
    parsed = parse_yaml(text, "alias-deep.yaml")
    assert "E004" in codes(parsed)


def test_billion_laughs_is_refused_with_bounded_work():
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]")
    lines.append("boom: *lol9")
    parsed = parse_yaml("\n".join(lines) + "\n", "lol.yaml")
    assert [p.code for p in parsed.problems] == ["E004"]
    assert "aliases expand" in parsed.problems[0].message
    # Every value built is marked: the mark count shows how much was built.
    assert len(parsed.marks.values) <= MAX_ALIAS_NODES + 200


def test_alias_budget_is_the_module_limit(monkeypatch):
    monkeypatch.setattr(yamlmarks, "MAX_ALIAS_NODES", 5)
    text = "a: &a [1, 2, 3]\nb: *a\nc: *a\n"
    parsed = parse_yaml(text, "small.yaml")
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(3, 4, "E004")]
    assert parsed.data == {"a": [1, 2, 3], "b": [1, 2, 3], "c": None}


def test_recursive_alias_is_refused():
    parsed = parse_yaml("a: &a [1, *a]\n", "r.yaml")
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(1, 11, "E004")]


def test_empty_document_has_no_data_and_no_problem():
    parsed = parse_yaml("# only a comment\n", "e.yaml")
    assert parsed.data is None and parsed.problems == []


def test_all_problems_of_a_file_are_collected():
    text = "a: 1\na: 2\nb: yes\n3: x\nc: !weird 1\n"
    assert codes(parse_yaml(text, "many.yaml")) == ["E003", "W303", "E004", "E004"]


# --- files -------------------------------------------------------------------------------------------------------


def test_read_yaml_file_reads_a_file(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    parsed = read_yaml_file(path)
    assert parsed.data == {"a": [1, 2]} and parsed.problems == []


def test_utf8_bom_is_accepted_and_does_not_shift_columns(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: b\n".encode())
    parsed = read_yaml_file(path)
    assert parsed.data == {"a": "b"}
    assert parsed.marks.value(("a",)) == (1, 4)


def test_missing_file(tmp_path):
    parsed = read_yaml_file(tmp_path / "nope.yaml")
    assert parsed.data is None
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(1, 1, "E001")]
    assert "no such file" in parsed.problems[0].message
    assert parsed.problems[0].file.endswith("nope.yaml")


def test_directory(tmp_path):
    parsed = read_yaml_file(tmp_path)
    assert codes(parsed) == ["E001"]
    assert "directory" in parsed.problems[0].message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    assert codes(read_yaml_file(path)) == ["E001"]


def test_not_utf8_is_reported_where_the_bad_byte_is(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"a: 1\nname: Citt\xe0\n")
    parsed = read_yaml_file(path)
    assert parsed.data is None
    assert [(p.line, p.column, p.code) for p in parsed.problems] == [(2, 11, "E001")]
    assert "UTF-8" in parsed.problems[0].message


def test_oversized_file(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    parsed = read_yaml_file(path)
    assert parsed.data is None and codes(parsed) == ["E001"]
    assert "1 MB" in parsed.problems[0].message


# --- fuzz --------------------------------------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

scalars = (
    st.text(max_size=20)
    | st.integers(min_value=-(10**18), max_value=10**18)
    | st.floats(allow_nan=False)
    | st.booleans()
    | st.none()
    | st.dates()
)
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)


def all_paths(data, path=()):
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from all_paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from all_paths(value, path + (i,))


@FUZZ
@given(st.text(max_size=300))
def test_random_text_never_raises(text):
    parsed = parse_yaml(text, "fuzz.yaml")
    assert_well_formed(parsed.problems)


@FUZZ
@given(st.text(alphabet=string.printable + "[]{}:-?&*!|>'\"#%@`,~ ", max_size=200))
def test_random_yaml_punctuation_never_raises(text):
    parsed = parse_yaml(text, "fuzz.yaml")
    assert_well_formed(parsed.problems)


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_never_raise(fuzz_dir, raw):
    path = fuzz_dir / "bytes.yaml"
    path.write_bytes(raw)
    assert_well_formed(read_yaml_file(path).problems)


@FUZZ
@given(documents, st.booleans())
def test_dumped_data_reads_back_exactly_with_a_mark_for_every_value(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    parsed = parse_yaml(text, "dump.yaml")
    assert parsed.problems == []
    assert parsed.data == yaml.safe_load(text)
    # YAML counts NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR as line breaks too (they can appear in dumped text)
    lines = len(re.split("\r\n|[\n\r\x85\u2028\u2029]", text))
    for path in all_paths(parsed.data):
        assert path in parsed.marks.values
        line, column = parsed.marks.value(path)
        assert 1 <= line <= lines and column >= 1


# --- libyaml and the pure-Python loader agree ----------------------------------------------------------------------
# (Every test of this folder also runs under both loaders: tests/scenario/conftest.py.)

needs_libyaml = pytest.mark.skipif(yamlmarks.CParser is None, reason="this PyYAML was built without libyaml")


def read_both(text: str):
    """The text read with libyaml's parser (falling back where it must) and with the pure-Python loader only."""
    saved = yamlmarks.LIBYAML
    try:
        yamlmarks.LIBYAML = yamlmarks.CParser
        fast = parse_yaml(text, "f.yaml")
        yamlmarks.LIBYAML = None
        slow = parse_yaml(text, "f.yaml")
    finally:
        yamlmarks.LIBYAML = saved
    return fast, slow


def takes_the_libyaml_path(text: str) -> bool:
    saved = yamlmarks.LIBYAML
    try:
        yamlmarks.LIBYAML = yamlmarks.CParser
        return yamlmarks._compose_libyaml(text) is not None
    except yamlmarks._NotForLibyaml:
        return False
    finally:
        yamlmarks.LIBYAML = saved


def assert_same(text: str) -> None:
    fast, slow = read_both(text)
    assert fast.problems == slow.problems
    assert fast.marks == slow.marks
    assert repr(fast.data) == repr(slow.data)  # repr: NaN and the types of equal numbers count too


@needs_libyaml
@pytest.mark.parametrize("name", ["flood_the_zone", "isolation_complication", "the_rational_way", "tutorial"])
def test_bundled_scenarios_take_the_libyaml_path_and_read_the_same(name):
    from game.scenario import resolve

    text = resolve(name).read_text(encoding="utf-8")
    assert takes_the_libyaml_path(text)
    assert_same(text)


DIVERGENT = [
    "61\tmW: x\n",  # libyaml takes a tab inside a plain scalar
    "a: |#\n  x\n",  # and a comment glued to a block scalar's indicator
    "\x85!?!",  # and a tag PyYAML cannot scan
    "!\n\ufeff1",  # and drops a byte-order mark in the middle
    "?",  # and, without a final line break, puts an empty value on a line after the last
    "a: !!bool no\nb: ! 1\n",  # explicit and non-specific tags
    "%YAML 1.1\n---\na: 1\n",  # directives
    "a: &x 1\nb: &x 2\n",  # a duplicate anchor
    "a: *nope\n",  # an undefined alias
    "a: 1\n---\nb: 2\n",  # two documents
    "a: [1, 2\n",  # a syntax error
    "a: \x07\n",  # a control character
    "a: \ud800\n",  # a lone surrogate cannot even be encoded for libyaml
]


@needs_libyaml
@pytest.mark.parametrize("text", DIVERGENT)
def test_where_libyaml_would_differ_the_pure_python_loader_decides(text):
    assert_same(text)


@needs_libyaml
@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,
        "{a: " * 100_000 + "}" * 100_000,
        "- " * 100_000 + "x\n",
        "".join("  " * i + f"k{i}:\n" for i in range(300)),
        "a:\n" + "  - " * 30 + "[" * 100_000,
        "a: &a " + "[" * (MAX_DEPTH - 5) + "]" * (MAX_DEPTH - 5) + "\nb: " + "[" * 10 + "*a" + "]" * 10 + "\n",
    ],
    ids=["flow-100k", "flow-map-100k", "block-100k", "block-map-300", "block-then-flow", "alias-deeper"],
)
def test_hostile_nesting_is_refused_the_same_by_both_loaders(text):
    fast, slow = read_both(text)
    assert "E004" in codes(fast)
    assert fast.problems == slow.problems


@needs_libyaml
def test_billion_laughs_is_refused_the_same_by_both_loaders():
    lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 10) + "]" for i in range(1, 10)]
    text = "\n".join(lines) + "\nboom: *lol9\n"
    assert takes_the_libyaml_path(text)  # composing is linear: the builder's budget refuses it
    fast, slow = read_both(text)
    assert [p.code for p in fast.problems] == ["E004"] and fast.problems == slow.problems
    assert len(fast.marks.values) <= MAX_ALIAS_NODES + 200


@needs_libyaml
@FUZZ
@given(st.text(alphabet="[]{}:-?&*!|>'\"#%@`,~ \n\r\t\x85\u2028\ufeff\x07ab01.y\u00e9\U0001f600", max_size=120))
def test_random_yaml_punctuation_reads_the_same_with_both_loaders(text):
    assert_same(text)


@needs_libyaml
@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(0, 6),
            st.sampled_from(
                ["- ", "a: ", "b:", "- a: ", "? ", ": ", "&x ", "*x", "c: *x", "<<: *x", "'q'", '"q\\n"', "|", ">-"]
                + ["[1, 2]", "{a: 1}", "x", "yes", "NO", "2022-02-30", "1e3", "0x1F", "~", "# c", "---", "..."]
            ),
        ),
        max_size=12,
    )
)
def test_random_yaml_lines_read_the_same_with_both_loaders(lines):
    assert_same("".join(" " * indent + part + "\n" for indent, part in lines))


@needs_libyaml
@FUZZ
@given(documents, st.booleans())
def test_dumped_data_reads_the_same_with_both_loaders(data, flow):
    assert_same(yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True))
