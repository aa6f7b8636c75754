"""How printed pages cite their sources: a seed article by title, outlet and date (never by its file name), a
public record beyond the articles by publisher, date and address.

The seed articles' titles, outlets and dates live in one place, the table "How the game cites them" of
``seeds/README.md``; :func:`parse_seed_catalogue` reads any Markdown table there whose header names the columns
``file``, ``title``, ``outlet`` and ``date`` (in any order, others ignored).  A seed the catalogue does not know (a
scenario author's own article) is cited as "an article supplied with the scenario": a file name means nothing to
a student and must not reach the page.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from game.assets import seeds_dir
from game.dates import day_text

CATALOGUE_COLUMNS = ("file", "title", "outlet", "date")
UNKNOWN_SEED = "an article supplied with the scenario"


@dataclass(frozen=True)
class SeedCitation:
    file: str
    title: str
    outlet: str
    date: str

    def text(self) -> str:
        """``"Title", Outlet, date`` - a bracketed title is a description of ours, so it takes no quotes."""
        title = self.title if self.title.startswith("[") else f"“{self.title}”"
        return ", ".join(part for part in (title, self.outlet, self.date) if part)

    def short(self) -> str:
        """``Outlet, date`` under a quotation; the page's source list gives the title."""
        return ", ".join(part for part in (self.outlet, self.date) if part) or self.text()


def _cells(line: str) -> list[str] | None:
    """The cells of one Markdown table row, or None for a line that is not one.  ``\\|`` is a literal bar."""
    line = line.strip()
    if not line.startswith("|"):
        return None
    cells = [c.replace("\0", "|").strip() for c in line.replace("\\|", "\0").strip("|").split("|")]
    return [c[1:-1].strip() if len(c) >= 2 and c[0] == c[-1] == "`" else c for c in cells]


def _is_rule(cells: list[str]) -> bool:
    return all(re.fullmatch(r":?-{2,}:?", c) for c in cells if c) and any(cells)


def parse_seed_catalogue(text: str) -> dict[str, SeedCitation]:
    """Every row of every table of ``text`` with the catalogue's columns, by file name.  Rows that are short,
    have no file name or lack a title are skipped; a file listed twice keeps its first row."""
    found: dict[str, SeedCitation] = {}
    columns: dict[str, int] | None = None
    for line in text.splitlines():
        cells = _cells(line)
        if cells is None:
            columns = None  # a table ends at its first line that is not a row
            continue
        if _is_rule(cells):
            continue
        names = [c.lower() for c in cells]
        if columns is None:
            if all(name in names for name in CATALOGUE_COLUMNS):
                columns = {name: names.index(name) for name in CATALOGUE_COLUMNS}
            else:
                columns = {}  # a table of other columns: skip its rows
            continue
        if not columns or len(cells) <= max(columns.values()):
            continue
        row = {name: cells[i] for name, i in columns.items()}
        if row["file"] and row["title"] and row["file"] not in found:
            found[row["file"]] = SeedCitation(row["file"], row["title"], row["outlet"], row["date"])
    return found


@functools.cache
def seed_catalogue() -> dict[str, SeedCitation]:
    """The bundled ``seeds/README.md`` catalogue ({} when the seeds are not shipped or cannot be read)."""
    folder = seeds_dir()
    if folder is None:
        return {}
    try:
        return parse_seed_catalogue((folder / "README.md").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


def cite_seed(seed: str, catalogue: dict[str, SeedCitation] | None = None) -> str:
    """A seed article as a reader sees it cited (plain text: escape it for HTML)."""
    found = (seed_catalogue() if catalogue is None else catalogue).get(seed)
    return found.text() if found else UNKNOWN_SEED


def cite_seed_short(seed: str, catalogue: dict[str, SeedCitation] | None = None) -> str:
    """A seed article cited under a quotation: outlet and date (the full entry is in the page's source list)."""
    found = (seed_catalogue() if catalogue is None else catalogue).get(seed)
    return found.short() if found else UNKNOWN_SEED


def cite_public(source) -> str:
    """A public record beyond the articles (a scenario's ``PublicSource``), as the scenario gives it."""
    parts = [f"“{source.title}”" if source.title else "", source.publisher, source.id or ""]
    if source.date is not None:
        parts.append(day_text(source.date))
    return ", ".join(p for p in parts if p)
