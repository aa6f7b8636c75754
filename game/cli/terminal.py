"""What reaches a terminal is text, never a command to it.

File names, game codes and scenario text come from other people; printed raw, an escape sequence in one of
them can clear the screen, retitle the window or hide the rest of a message.  Every message the commands
write to the error stream (and to the output stream when it is a terminal) goes through :class:`SafeStream`,
which shows control characters as visible escapes (``\\x1b``) instead of sending them.
"""

from __future__ import annotations

import re
from typing import TextIO

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that can reorder a line.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape."""
    return _CONTROL.sub(_escape, text)


class SafeStream:
    """A text stream that writes ``printable`` text to the stream it wraps."""

    def __init__(self, inner: TextIO):
        self.inner = inner

    def write(self, text: str) -> int:
        return self.inner.write(printable(text))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name):
        return getattr(self.inner, name)
