"""Author-facing problems: every mistake in a scenario file, with where it is."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# The codes a validator may print.  Documented in docs/scenario-format.md; tests check every code is listed.
CODES: dict[str, str] = {
    "E001": "the file cannot be read (missing, not UTF-8, too large)",
    "E002": "YAML syntax error",
    "E003": "duplicate key in a mapping",
    "E004": "YAML feature refused (aliases that expand too far, nesting too deep, non-string keys)",
    "E005": "`extends` names a scenario that cannot be found or read, or the chain of extends loops",
    "E101": "missing required field",
    "E102": "unknown field",
    "E103": "wrong type or value out of range",
    "E201": "reference to something not defined (country, topic, group, deputy, actor, region, event...)",
    "E202": "inconsistent calendar (the crisis resolves before it starts, a check after its end)",
    "E203": "inconsistent definition (e.g. a trip across regions, a group convened by nobody)",
    "E204": "unknown effect or condition, or a parameter it does not take",
    "W301": "a source passage not found in the cited seed",
    "W302": "a country without sources",
    "W303": "an unquoted YAML 1.1 boolean (yes/no/on/off) where text may have been meant",
    "W304": "a seed file that does not exist in seeds/",
    "W305": "a date outside the crisis calendar (the event or contact can never happen)",
    "W306": "an echo's share of 0 (it does nothing)",
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


class ScenarioError(Exception):
    """A scenario that cannot be played; ``problems`` lists every error (and warnings) found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        first = errors[0] if errors else (self.problems[0] if self.problems else None)
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}" if first else "invalid scenario")


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    choices = [str(c) for c in choices]
    lowered = {c.lower(): c for c in choices}
    if str(word).lower() in lowered:
        return f" (did you mean '{lowered[str(word).lower()]}'?)"
    close = difflib.get_close_matches(str(word), choices, n=1, cutoff=0.6)
    if not close and 2 <= len(str(word)) <= 4:
        # Short codes (B8 for B9, GBP for GBR) are too short for difflib's ratio: one slip is enough to say.
        close = [c for c in choices if _one_edit(str(word).upper(), c.upper())][:1]
    return f" (did you mean '{close[0]}'?)" if close else ""


def _one_edit(a: str, b: str) -> bool:
    """True if ``a`` becomes ``b`` by changing, adding or removing one character."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
