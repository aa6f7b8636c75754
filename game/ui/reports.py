"""The debrief's Report button: the game's after-action report (``game.classroom.report``) written into the
data folder's ``reports/``, and opened in the player's web browser when there is one.

Neither step may stop the game: a disk that refuses the file and a machine without a browser both come back
as one line for the window to show.
"""

from __future__ import annotations

import datetime as dt
import webbrowser
from pathlib import Path

from game.session import Session


def write_game_report(session: Session, now: dt.datetime | None = None) -> tuple[Path | None, str]:
    """Write the report to ``reports/<scenario>-<time>.html``; returns (path, "") or (None, the problem)."""
    from game.classroom.report import write_report
    from game.files import reports_dir

    try:
        return write_report(session, now=now), ""
    except OSError as exc:
        return None, f"cannot write the report in {reports_dir()}: {exc.strerror or exc}"


def open_in_browser(path: Path) -> str:
    """Open a written report in the web browser; "" when it was handed to one, else why not (one line)."""
    if not path.exists():
        return f"{path} is gone: write the report again"
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return f"no web browser was found on this machine; open {path} in one yourself"
    # A text-mode browser (lynx, w3m) would take over the terminal and freeze the window until it quits.
    if type(browser) is webbrowser.GenericBrowser:
        return f"only a text-mode browser was found; open {path} in a web browser yourself"
    try:
        opened = browser.open(path.resolve().as_uri())
    except (OSError, webbrowser.Error) as exc:
        return f"the web browser could not be started ({exc}); open {path} yourself"
    if not opened:
        return f"the web browser did not open the page; open {path} yourself"
    return ""
