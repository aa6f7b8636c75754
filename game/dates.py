"""Dates in words, the same on every platform.

glibc's dash flag for strftime (a day without its leading zero) is not in Windows' strftime, where it raises or prints
nonsense; the day is formatted by Python instead and only portable codes go to strftime.  Standard library only:
the scenario's week labels, the printed pages and the window all use it.
"""

from __future__ import annotations

import datetime as dt


def day_text(day: dt.date, rest: str = "%B %Y") -> str:
    """``5 March 2024`` (``rest="%b"``: ``5 Mar``): the day of the month without a leading zero, then ``rest``."""
    return f"{day.day} {day:{rest}}"
