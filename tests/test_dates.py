"""Dates in words on every platform: no glibc-only strftime code anywhere in the game."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from game.dates import day_text

GAME = Path(__file__).resolve().parent.parent / "game"


def test_the_day_has_no_leading_zero():
    assert day_text(dt.date(2022, 3, 5)) == "5 March 2022"
    assert day_text(dt.date(2022, 11, 24), "%b") == "24 Nov"
    assert day_text(dt.datetime(2021, 8, 1, 9, 30), "%b %Y") == "1 Aug 2021"


def test_no_glibc_only_strftime_code_is_left_in_the_game():
    # %-d, %-m, %-H ... (no padding) exist in glibc's strftime only; Windows raises or prints them as they are.
    found = [
        f"{path.relative_to(GAME.parent)}:{n}: {line.strip()}"
        for path in sorted(GAME.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"%-[a-zA-Z]", line)
    ]
    assert not found, "\n".join(found)
