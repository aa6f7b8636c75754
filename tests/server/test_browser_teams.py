"""A two-sided class of teams in real Chromium (Debian's /usr/bin/chromium through Playwright), against a real
uvicorn server: four students in four browser contexts - Washington's Secretary and Wendy Sherman, Moscow's
Secretary and Sergei Ryabkov - play the crisis to its end while the teacher's page shows each seat's role and
readiness.  Set FTZ_SCREENSHOTS=DIR to keep the screenshots (1366x768 and phone size)."""

import os
import re
from pathlib import Path

import pytest

from .test_browser import page as chromium_page  # noqa: F401

# The Chromium page of test_browser.py, as a fixture of this module named chromium_page.
from .test_browser import serving, sync_api

pytestmark = pytest.mark.browser
uvicorn = pytest.importorskip("uvicorn")

from game.server.room import ClassRoom  # noqa: E402
from game.server.store import Store  # noqa: E402
from game.sim.settings import Settings  # noqa: E402

DESK = {"width": 1366, "height": 768}


def _shot(tab, name: str) -> None:
    """The whole page (a phone's is long), kept when FTZ_SCREENSHOTS names a folder."""
    folder = os.environ.get("FTZ_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


PHONE = {"width": 390, "height": 844}


@pytest.fixture
def served_teams(ftz, db_path):
    """A two-sided class of teams of two on the crisis's last two weeks, served on a free loopback port."""
    store = Store(db_path)
    room = ClassRoom.create(store, ftz, 11, Settings(rival="historical", turns=2, two_sided=True), "9B", team=2)
    with serving(room) as url:
        yield room, url
    store.close()


def _student(teacher, url, code, name, viewport=DESK, seat=None):
    student = teacher.context.browser.new_context(viewport=viewport).new_page()
    errors = []
    student.on("pageerror", lambda exc: errors.append(str(exc)))
    student.errors = errors
    student.goto(url + "/")
    student.fill("#join-code", code)
    student.fill("#join-name", name)
    if seat is not None:
        # A class of teams offers its free seats once the code is typed.
        sync_api.expect(student.locator("#join-seat")).to_be_visible()
        option = student.locator("#join-seat option", has_text=seat)
        sync_api.expect(option).to_have_count(1)
        student.select_option("#join-seat", value=option.get_attribute("value"))
    student.click("#join-form button")
    student.wait_for_selector("#game-view:not([hidden])")
    student.wait_for_selector("#map path.country")
    return student


def _give(student, tab, countries=("DEU", "FRA", "POL", "ITA", "GBR", "TUR")) -> bool:
    """Give the first legal order of ``tab`` (Call, a deputy's name) on the first country that has one."""
    before = student.locator("#pending li button.undo").count()
    for country in countries:
        student.click(f'#countries button[data-code="{country}"]')
        sync_api.expect(student.locator("#dossier-title")).not_to_have_text("Choose a country")
        student.wait_for_selector("#offers li")
        student.locator("#kinds button", has_text=tab).first.click()
        legal = student.locator("#offers li.legal button")
        if legal.count():
            legal.first.click()
            sync_api.expect(student.locator("#pending li button.undo")).to_have_count(before + 1)
            return True
    return False


def test_two_teams_of_two_play_the_crisis_to_its_end_and_the_teacher_sees_every_seat(served_teams, request):
    room, url = served_teams
    page = request.getfixturevalue("chromium_page")  # the teacher's
    code = room.row.code
    page.goto(f"{url}/teacher#key={room.row.teacher_key}")
    sync_api.expect(page.locator("#class-code")).to_have_text(code)
    ann = _student(page, url, code, "Ann")
    ben = _student(page, url, code, "Ben")
    cy = _student(page, url, code, "Cy", seat="Wendy Sherman")  # picked on the join page
    dee = _student(page, url, code, "<i>Dee</i>", viewport=PHONE)  # the next free seat: Moscow's deputy
    students = (ann, ben, cy, dee)
    assert ann.text_content("#side") == "Washington · Secretary of State Antony Blinken · Ann"
    assert cy.text_content("#side") == "Washington · Wendy Sherman · Cy"
    assert ben.text_content("#side").startswith("Moscow · President Putin")
    assert dee.text_content("#side") == "Moscow · Sergei Ryabkov · <i>Dee</i>"
    assert dee.locator("#side i").count() == 0
    sync_api.expect(cy.locator("#team")).to_contain_text("Ann")
    sync_api.expect(cy.locator("#team")).to_contain_text("Cy (you)")

    # A deputy's seat is offered its deputy's call only: the Secretary's call is refused with whose it is.
    cy.click('#countries button[data-code="DEU"]')
    cy.wait_for_selector("#offers li")
    cy.locator("#kinds button", has_text="Call").first.click()
    sync_api.expect(cy.locator("#kind-reason")).to_contain_text("whom Ann plays")
    assert cy.locator("#offers li.legal").count() == 0
    sync_api.expect(page.locator("#games")).to_contain_text("<i>Dee</i> · Sergei Ryabkov")

    weeks = 0
    while not room.sessions[next(iter(room.sessions))].is_over:
        week = room.sessions[next(iter(room.sessions))].turn
        assert _give(ann, "Call")
        gave_sherman = _give(cy, "Wendy Sherman")
        assert _give(ben, "Call", ("HUN", "TUR", "IND", "CHN", "DEU"))
        _give(dee, "Sergei Ryabkov", ("HUN", "TUR", "IND", "CHN", "DEU"))
        # The team shares one sheet: Ann sees Cy's order, with no button to take it back; Moscow sees none.
        if gave_sherman:
            theirs = ann.locator("#pending li.theirs")
            sync_api.expect(theirs).to_contain_text("Cy: Wendy Sherman calls")
            assert theirs.locator("button").count() == 0
        assert "Wendy Sherman calls" not in ben.text_content("#pending")
        assert "Wendy Sherman calls" not in dee.text_content(".plan")  # the report shows last week's, once resolved
        ann.click("#ready")
        sync_api.expect(ann.locator("#status")).to_have_text("Waiting for Cy")
        sync_api.expect(page.locator("#games")).to_contain_text("Ann · Secretary of State Antony Blinken ✓ ready")
        if weeks == 0:
            _shot(ann, "team-student")
            _shot(dee, "team-student-phone")
            _shot(page, "team-teacher")
        cy.click("#ready")
        ben.click("#ready")
        sync_api.expect(ben.locator("#status")).to_have_text("Waiting for <i>Dee</i>")
        dee.click("#ready")
        for each in students:
            if week + 1 == room.scenario.rules.n_turns:  # the last week: the crisis ends with it
                sync_api.expect(each.locator("#week")).to_have_text("The crisis is over", timeout=20000)
            else:
                sync_api.expect(each.locator("#week")).to_have_text(re.compile(f"^Week {week + 2} "), timeout=20000)
            sync_api.expect(each.locator("#report-body")).to_contain_text("Washington's orders")
        sync_api.expect(ann.locator("#report-body")).to_contain_text("Call ")
        weeks += 1
    assert weeks == 2
    for each in students:
        sync_api.expect(each.locator("#week")).to_have_text("The crisis is over")
        assert each.locator("#ready").is_disabled()
        assert each.errors == []
    sync_api.expect(page.locator("#games")).to_contain_text("over")
    _shot(cy, "team-over")
    page.set_viewport_size(PHONE)
    _shot(page, "team-teacher-phone")
    assert page.errors == []
