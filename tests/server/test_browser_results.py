"""The end of a class in real Chromium (as ``test_browser.py``: Debian's /usr/bin/chromium through Playwright,
a real uvicorn server on the loopback): a student with a hostile name plays a week, the teacher ends the class,
the student's page says so, and the teacher opens the class view, a report from it, and downloads the
gradebook and the zip, at 1366x768 and at phone size.  FTZ_SCREENSHOTS=DIR keeps the screenshots."""

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from .test_browser import _give_first_order, _join, _shot, page, served, sync_api  # noqa: F401

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"


def test_the_teacher_ends_the_class_and_opens_its_results(served, page, tmp_path):  # noqa: F811
    room, url = served
    student = page.context.browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    _join(student, url, room.row.code, HOSTILE)
    _give_first_order(student, "DEU")
    week = room.sessions[next(iter(room.sessions))].turn
    student.click("#ready")
    sync_api.expect(student.locator("#week")).to_have_text(re.compile(f"^Week {week + 2} "), timeout=20000)

    page.goto(f"{url}/teacher#key={room.row.teacher_key}")
    sync_api.expect(page.locator("#games")).to_contain_text(HOSTILE)
    assert page.locator("#results").is_hidden()  # no results while the class plays
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#end")
    sync_api.expect(page.locator("#class-status")).to_contain_text("Ended")
    sync_api.expect(page.locator("#results-games tr")).to_have_count(1, timeout=60000)
    row = page.locator("#results-games tr")
    sync_api.expect(row).to_contain_text(HOSTILE)
    sync_api.expect(row).to_contain_text("Unfinished: 1 of 2 weeks played")
    assert page.locator("#results img").count() == 0
    # The results come first once the class has ended; the join card is gone (nobody joins now).
    assert page.locator("#results").bounding_box()["y"] < page.locator("#games").bounding_box()["y"]
    assert page.locator(".join-card").is_hidden()
    _shot(page, "teacher-results")

    # The student's page says the class has ended and what to do now; there is no week to end.
    sync_api.expect(student.locator("#ended")).to_be_visible()
    sync_api.expect(student.locator("#ended")).to_contain_text("nothing more to do")
    sync_api.expect(student.locator("#ready")).to_be_hidden()
    _shot(student, "student-ended-phone")

    # The class view opens as a page of its own (the key in no address), and its name links to the report.
    with page.context.expect_page() as opened:
        page.click("#results-class")
    view = opened.value
    view.wait_for_load_state()
    assert "#key" not in view.url and room.row.teacher_key not in view.url
    sync_api.expect(view.locator("h1")).to_have_text("1 games, 0 finished")
    sync_api.expect(view.locator("table").first).to_contain_text(HOSTILE)
    assert view.locator("img").count() == 0
    # Its own inline stylesheet applies (the page's policy allows it): headings are set in the report's style.
    assert view.eval_on_selector("h2", "h => getComputedStyle(h).borderBottomStyle") == "solid"
    view.click("table a")
    sync_api.expect(view.locator(".kicker")).to_contain_text("After-action report")
    sync_api.expect(view.locator(".meta").first).to_contain_text(HOSTILE)
    _shot(view, "report")
    # It prints: Chromium's own PDF of the served report, on A4, over several pages (poppler's pdfinfo counts
    # them; .ci/run installs it).
    target = tmp_path / "report.pdf"
    target.write_bytes(view.pdf(format="A4"))
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True).stdout
    assert "A4" in info and int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2

    # The gradebook and the zip download through plain links, with the cookie the key's request gave.
    with page.expect_download() as download:
        page.click("#results-csv")
    assert download.value.suggested_filename == "class.csv"
    assert Path(download.value.path()).read_bytes().startswith(b"\xef\xbb\xbf")
    with page.expect_download() as download:
        page.click("#results-zip")
    assert download.value.suggested_filename == "9B results.zip"
    with zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes())) as archive:
        names = archive.namelist()
    assert "9B results/class.html" in names and "9B results/class.csv" in names
    assert sum(n.startswith("9B results/reports/") for n in names) == 1
    assert sum(n.startswith("9B results/replays/") for n in names) == 1

    # At phone size the results are one short block per game, still first.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator("#results").bounding_box()["y"] < page.locator("#games").bounding_box()["y"]
    width = page.evaluate("document.querySelector('#results').getBoundingClientRect().width")
    assert width <= 390
    _shot(page, "teacher-results-phone")
    assert page.errors == []
