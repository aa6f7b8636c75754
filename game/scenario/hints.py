"""Hints for authors' near misses that a did-you-mean over names cannot give.

A cited passage that is not in its seed is usually a slip in copying (a word left out, a word changed, the
wrong quote); pointing at the stretch of the seed it was copied from makes the fix a matter of seconds.
"""

from __future__ import annotations

from .yamlmarks import display_text

__all__ = ["closest_passage", "passage_hint"]

_GRAM = 3  # words per probe: long enough to be rare in an article, short enough to survive a typo nearby
_MAX_HITS = 50  # occurrences of one probe looked at: a common phrase must not make this slow
_SHOWN = 90


def closest_passage(passage: str, text: str) -> str | None:
    """The stretch of ``text`` that ``passage`` was most likely copied from, or None if nothing is close.

    Both are expected normalised alike (``checks.normalise_text``): offsets in the passage then line up with
    offsets in the text wherever the copy is faithful.
    """
    words = passage.split()
    if len(words) < _GRAM or not text:
        return None
    # Each probe found in the text votes for where the copy starts; the probes of the winning place then span
    # the stretch it was copied from (exact text, whatever was mistyped around them).
    votes: dict[int, list[tuple[int, int]]] = {}
    offset = 0
    for i, word in enumerate(words):
        offset = passage.find(word, offset)
        if i + _GRAM > len(words):
            break
        gram = " ".join(words[i : i + _GRAM])
        found, hits = text.find(gram), 0
        while found >= 0 and hits < _MAX_HITS:
            votes.setdefault(max(0, found - offset) // 40, []).append((found, found + len(gram)))
            found, hits = text.find(gram, found + 1), hits + 1
        offset += len(word)
    if not votes:
        return None
    spans = max(votes.values(), key=len)
    if len(spans) * _GRAM < min(len(words), 2 * _GRAM):  # one probe matching in a long passage is chance
        return None
    start, end = min(s for s, _ in spans), max(e for _, e in spans)
    return text[start:end].strip()


def passage_hint(passage: str, text: str) -> str:
    """`` (closest text in the seed: '...')`` for a W301 message, or ''."""
    found = closest_passage(passage, text)
    if not found:
        return ""
    return f" (closest in the seed, ignoring case: '{display_text(found, _SHOWN)}')"
