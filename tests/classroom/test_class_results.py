"""``class_results``: the class view, the gradebook and the reports of ``make_class_folder`` made from games in
memory (the class server's), equal byte for byte to what it writes from the same files, second copies and games
of another scenario left out with the same reasons."""

from __future__ import annotations

import json
from pathlib import Path

from game.classroom.classfolder import class_results, make_class_folder
from tests.classroom.test_classfolder import handed_in  # noqa: F401


def test_games_in_memory_grade_as_the_same_files_in_a_folder(handed_in, tmp_path, ftz):  # noqa: F811
    folder = tmp_path / "readable"
    folder.mkdir()
    games = []
    for path in sorted(handed_in.rglob("*.json")):
        if path.is_symlink() or path.name in ("damaged.json", "huge.json"):
            continue
        (folder / path.name).write_bytes(path.read_bytes())
        games.append((Path(path.name), json.loads(path.read_bytes())))
    written = make_class_folder([folder], tmp_path / "out")
    made = class_results(games, ftz)
    assert made.ok and written.ok
    on_disk = {p.relative_to(tmp_path / "out").as_posix(): p.read_bytes() for p in (tmp_path / "out").rglob("*.*")}
    assert made.files == on_disk
    assert [lo.flag for lo in made.left_out] == [lo.flag for lo in written.left_out]
    assert {"duplicate", "other scenario"} <= {lo.flag for lo in made.left_out}
    assert made.files["class.csv"].startswith(b"\xef\xbb\xbf")
    assert set(made.reports.values()) == {p for p in made.files if p.startswith("reports/")}


def test_no_game_or_nothing_readable_is_said_not_raised(ftz):
    assert class_results([], ftz).error == "no game to grade"
    made = class_results([(Path("a.json"), [1, 2]), (Path("b.json"), "text")], ftz)
    assert not made.ok and made.files == {} and "no game could be read" in made.error
    assert [lo.flag for lo in made.left_out] == ["unreadable", "unreadable"]
