"""The teacher releases an inject in real Chromium (the fixtures of ``test_browser``) and a student sees it
land in their turn report.  Set FTZ_SCREENSHOTS=DIR to keep the screenshots."""

import re

import pytest

from .test_browser import _join, _shot, page, served, sync_api  # noqa: F401  (fixtures used by name)

pytestmark = pytest.mark.browser
HEADLINE = "What if: mixed signals from Zagreb grew louder"


def test_the_teacher_releases_an_inject_and_the_student_sees_it_land(served, page):  # noqa: F811
    room, url = served
    page.on("dialog", lambda dialog: dialog.accept())  # the "Release ... to every game?" confirmation
    page.goto(f"{url}/teacher#key={room.row.teacher_key}")
    sync_api.expect(page.locator("#injects li")).to_have_count(len(room.scenario.doc.injects))
    item = page.locator("#injects li", has_text=HEADLINE)
    sync_api.expect(item).to_contain_text("Not released")
    sync_api.expect(item).to_contain_text("POLITICO")
    student = page.context.browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    _join(student, url, room.row.code, "Ann")
    sync_api.expect(page.locator("#games")).to_contain_text("Ann")
    _shot(page, "teacher-injects")

    item.get_by_role("button", name=f"Release: {HEADLINE}").click()
    sync_api.expect(item).to_contain_text(re.compile(r"Released at .* lands in 1 when the week ends"))
    assert item.get_by_role("button").is_disabled()
    item.scroll_into_view_if_needed()
    _shot(page, "teacher-injects-released")

    # The student ends the week: the news lands in their report, marked as the teacher's what-if, cited.
    week = room.sessions[next(iter(room.sessions))].turn
    student.click("#ready")
    sync_api.expect(student.locator("#week")).to_have_text(re.compile(f"^Week {week + 2} "), timeout=20000)
    news = student.locator("#report-body .inject-news")
    sync_api.expect(news).to_contain_text(f"From your teacher: {HEADLINE}")
    sync_api.expect(news).to_contain_text("as in the case of Croatia")
    sync_api.expect(student.locator("#report-body")).to_contain_text("Croatia")
    # Scrolled once the page has settled: a refresh that the week's notices brought may draw it again.
    student.wait_for_load_state("networkidle")
    news.scroll_into_view_if_needed()
    _shot(student, "student-inject")
    # The teacher's page hears the week end and counts where it landed.
    sync_api.expect(item).to_contain_text("landed in 1 of 1 games")
    assert page.errors == []
