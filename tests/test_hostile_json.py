"""JSON files a classmate can hand you (replays, saves, settings, results): each reader takes a regular file only,
caps its size and nesting, refuses numbers out of range, and says why in one line - never a traceback or a hang.
(Issue 15; the corpus of hostile files is made here, in the test.)"""

from __future__ import annotations

import json
import os
import threading

import pytest

from game.classroom.replay import ReplayError, open_replay
from game.files import JsonFileError, read_json
from game.session import SaveError, Session

HOSTILE = {
    "deep.json": "[" * 100_000 + "]" * 100_000,
    "deep_object.json": '{"a":' * 50_000 + "1" + "}" * 50_000,
    "inf.json": '{"seed": 1e999}',
    "nan.json": '{"seed": NaN}',
    "huge_int.json": '{"seed": ' + "9" * 400 + "}",
    "cut.json": '{"format": "flood-the-zone-save", "weeks": [',
    "latin1.json": b'{"name": "Chlo\xe9"}',
    "empty.json": "",
}


def _write(folder, name, content):
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_hostile_file_is_one_clear_line(tmp_path, name):
    path = _write(tmp_path, name, HOSTILE[name])
    with pytest.raises(JsonFileError) as err:
        read_json(path, 5_000_000, "replay")
    assert "\n" not in str(err.value) and str(err.value)
    with pytest.raises(ReplayError) as replay_err:
        open_replay(path)
    assert str(replay_err.value).startswith(str(path))
    with pytest.raises(SaveError):
        Session.load(path)


def test_a_pipe_a_device_and_a_folder_are_not_read(tmp_path):
    fifo = tmp_path / "replay.json"
    os.mkfifo(fifo)
    done = []
    worker = threading.Thread(target=lambda: done.append(_reason(fifo)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done == ["not a regular file"]  # no writer would ever come: a plain read would hang here
    assert _reason("/dev/zero") == "not a regular file"  # a read would never end
    assert _reason(tmp_path) == "a folder, not a file"
    assert _reason(tmp_path / "missing.json") == "no such file"


def _reason(path) -> str:
    try:
        read_json(path, 1000)
    except JsonFileError as exc:
        return str(exc)
    return "read"


def test_a_file_over_the_cap_is_refused_without_reading_it_all(tmp_path):
    path = _write(tmp_path, "big.json", json.dumps({"pad": "x" * 2000}))
    assert _reason(path) == "too large to be a file"


def test_the_game_starts_whatever_its_settings_file_holds(tmp_path, monkeypatch):
    from game.ui import paths

    monkeypatch.setenv("FLOOD_THE_ZONE_HOME", str(tmp_path))
    for content in (HOSTILE["deep.json"], '{"window": [1e999, 2]}', '{"map_labels": NaN}', "[1, 2"):
        (tmp_path / "settings.json").write_text(content, encoding="utf-8")
        assert paths.load_settings() == paths.DEFAULT_SETTINGS
    assert len(list(tmp_path.glob("settings.unreadable-*.json"))) == 4  # each set aside, none lost
    (tmp_path / "settings.json").unlink(missing_ok=True)
    os.mkfifo(tmp_path / "settings.json")
    assert paths.load_settings() == paths.DEFAULT_SETTINGS  # a pipe as settings does not hang the start


def test_a_good_file_still_reads(tmp_path):
    path = _write(tmp_path, "ok.json", '\ufeff{"seed": 3, "weeks": [[1, 2.5, "x"]], "flag": true}')
    assert read_json(path, 1000) == {"seed": 3, "weeks": [[1, 2.5, "x"]], "flag": True}


# ------------------------------------------------------------------------------ fields of a save or replay


@pytest.fixture(scope="module")
def good_save():
    from game.scenario import load_scenario

    session = Session(load_scenario("tutorial"), 3)
    session.end_turn()
    session.end_turn()
    return session.to_dict()


@pytest.mark.parametrize("seed", [-1, 3.7, True, 10**30, "5", None])
def test_a_seed_the_command_line_would_refuse_is_refused_in_a_file(tmp_path, good_save, seed):
    path = _write(tmp_path, "save.json", json.dumps({**good_save, "seed": seed}))
    with pytest.raises(SaveError, match="seed must be a whole number|number out of range"):
        Session.load(path)
    with pytest.raises(ReplayError):
        open_replay(path)


@pytest.mark.parametrize("name", [7, ["flood_the_zone"], {"a": 1}, "x" * 300, "a\x00b", ""])
def test_a_scenario_path_that_cannot_be_a_path_is_passed_over(tmp_path, good_save, name):
    path = _write(tmp_path, "save.json", json.dumps({**good_save, "scenario_path": name}))
    assert Session.load(path).turn == 2  # found by its id instead


def test_any_field_of_a_save_may_be_anything_and_the_readers_still_answer_in_one_line(tmp_path, good_save):
    """A property-based fuzzer over the save and replay readers: every top-level field replaced by any JSON."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    values = st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(10**6), 10**6)
        | st.floats(allow_nan=False, allow_infinity=False)
        | st.text(max_size=20),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )
    path = tmp_path / "fuzzed.json"

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(key=st.sampled_from(sorted(good_save)), value=values)
    def check(key, value):
        path.write_text(json.dumps({**good_save, key: value}), encoding="utf-8")
        for reader, error in ((Session.load, SaveError), (open_replay, ReplayError)):
            try:
                reader(path)
            except error as exc:
                assert "\n" not in str(exc)

    check()


def _paths(node, prefix=()):
    """Every place in a JSON document (a path of keys and indexes), the root's children first."""
    if isinstance(node, dict):
        items = list(node.items())
    elif isinstance(node, list):
        items = list(enumerate(node))
    else:
        return []
    out = []
    for key, child in items:
        out.append((*prefix, key))
        out.extend(_paths(child, (*prefix, key)))
    return out


def _replaced(doc, where, value):
    copy = json.loads(json.dumps(doc))
    node = copy
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    return copy


def test_any_nested_field_of_a_save_may_be_anything_and_the_readers_still_answer_in_one_line(tmp_path, good_save):
    """The fuzzer again, one level down and deeper: any value anywhere in a save (a week's order, an order's
    target, a setting, a name) replaced by any JSON value."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    places = _paths(good_save)
    values = (
        st.none() | st.booleans() | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False, allow_infinity=False)
    )
    values = values | st.text(max_size=30) | st.lists(st.integers(-5, 5), max_size=3) | st.just({"x": [1]})
    path = tmp_path / "fuzzed.json"

    # No shrinking: a failing example is reported as found (shrinking one replay at a time takes minutes).
    @settings(
        max_examples=200,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
    )
    @given(where=st.sampled_from(places), value=values)
    def check(where, value):
        path.write_text(json.dumps(_replaced(good_save, where, value)), encoding="utf-8")
        for reader, error in ((Session.load, SaveError), (open_replay, ReplayError)):
            try:
                reader(path)
            except error as exc:
                assert "\n" not in str(exc)

    check()


def test_a_class_set_with_mangled_files_still_makes_its_view(tmp_path, good_save):
    """A class folder where every file but one is a save with one field mangled: the class view is made from
    what can be read, and every other file is left out with a one-line reason naming it."""
    import random

    from game.classroom.classview import ClassViewError, load_class

    places = _paths(good_save)
    rng = random.Random(15)
    odd_values = [None, -1, 10**30, 2.5, "", "x" * 500, [1, [2]], {"a": "b"}, True, "=1+1"]
    files = [_write(tmp_path, "honest.json", json.dumps(good_save))]
    for i in range(40):
        doc = _replaced(good_save, rng.choice(places), rng.choice(odd_values))
        files.append(_write(tmp_path, f"mangled{i}.json", json.dumps(doc)))
    try:
        view = load_class(files)
    except ClassViewError as exc:
        pytest.fail(f"one honest file should be enough for a class view: {exc}")
    names = {e.path.name for e in view.entries}
    assert "honest.json" in names
    assert len(view.entries) + len(view.problems) == len(files)
    for problem in view.problems:
        assert "\n" not in problem and problem.startswith(str(tmp_path))
