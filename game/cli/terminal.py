"""What reaches a terminal is text, never a command to it.

File names, game codes and scenario text come from other people; printed raw, an escape sequence in one of
them can clear the screen, retitle the window or hide the rest of a message.  Every message the commands
write to the error stream (and to the output stream when it is a terminal) goes through :class:`SafeStream`,
which shows control characters as visible escapes (``\\x1b``) instead of sending them.
"""

from __future__ import annotations

from typing import TextIO

from game.files import one_line


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline shown as an escape."""
    return one_line(text, keep="\n\t")


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
