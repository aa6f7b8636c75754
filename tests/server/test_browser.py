"""The student's page in real Chromium (Debian's /usr/bin/chromium through Playwright, no browser download),
against a real uvicorn server on the loopback: join, the map, a dossier, an order, ready, the turn report, by
keyboard and by mouse at 1366x768.  Set FTZ_SCREENSHOTS=DIR to keep the screenshots."""

import contextlib
import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("FTZ_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[test]')")
uvicorn = pytest.importorskip("uvicorn")

from game.server.app import create_app  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def served(request, make_room):
    """A class served by uvicorn on a free loopback port, stopped after the test (two-sided when the test is
    marked ``two_sided``)."""
    room = make_room(turns=2, two_sided=request.node.get_closest_marker("two_sided") is not None)
    with serving(room) as url:
        yield room, url


@contextlib.contextmanager
def serving(room):
    """``room`` served by uvicorn in a thread on a free loopback port: its address, until the block ends."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(room), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def page():
    if not Path(CHROMIUM).exists():
        # .ci/run installs Debian's chromium, so in CI a missing browser is a failure, not a skip.
        message = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        # A 401 before joining is the page asking whether it has a seat; the browser logs every 4xx it fetched.
        page.on(
            "console",
            lambda msg: (
                errors.append(msg.text)
                if msg.type == "error" and not msg.text.startswith("Failed to load resource")
                else None
            ),
        )
        page.errors = errors
        yield page
        browser.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("FTZ_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def test_a_student_joins_gives_an_order_by_keyboard_and_reads_the_report(served, page):
    room, url = served
    page.goto(url + "/")
    page.wait_for_selector("#join-code")
    _shot(page, "join")
    # By keyboard: the code field has the focus; a hostile name stays text.
    page.keyboard.type(room.row.code.lower())
    page.keyboard.press("Tab")
    page.keyboard.type("<img src=x onerror=alert(1)>")
    page.keyboard.press("Enter")
    page.wait_for_selector("#game-view:not([hidden])")
    assert page.text_content("#side") == "Washington · <img src=x onerror=alert(1)>"
    assert page.locator("#side img").count() == 0
    page.wait_for_selector("#map path.country")
    assert page.locator("#map path.country").count() >= 20
    fill = page.eval_on_selector('#map path[data-code="DEU"]', "p => p.style.fill")
    assert fill.startswith("rgb(")

    # By mouse: Germany on the country list opens its dossier; a refused order shows the engine's reason.
    page.click('#countries button[data-code="DEU"]')
    page.wait_for_selector("#offers li")
    assert page.text_content("#dossier-title") == "Germany"
    page.click("#kinds button:has-text('Call')")
    first = page.locator("#offers li.legal button").first
    topic = first.text_content()
    first.click()
    page.wait_for_selector("#pending li button.undo")
    assert f"Call Germany on {topic}" in page.text_content("#pending")
    # A trip: the Visit tab offers the region's other capitals; ticking one makes every visit a two-capital trip.
    page.click("#kinds button:has-text('Visit')")
    page.check("#stop-FRA")
    sync_api.expect(page.locator("#offers li.legal button").first).to_have_attribute(
        "aria-label", re.compile("^Add: Visit Germany, France on ")
    )
    page.locator("#offers li.legal button").first.click()
    sync_api.expect(page.locator("#pending")).to_contain_text("Visit Germany, France on")
    sync_api.expect(page.locator("#stop-FRA")).not_to_be_checked()  # the next trip starts afresh
    _shot(page, "dossier")

    # By keyboard again: tab to the Ready button and press it; the week resolves against the bot.
    week = room.sessions[next(iter(room.sessions))].turn  # a two-week game starts late: history played the rest
    page.focus("#ready")
    page.keyboard.press("Enter")
    # Expectations rather than page scripts: the page's CSP allows no evaluated strings, and stays on.
    sync_api.expect(page.locator("#week")).to_have_text(re.compile(f"^Week {week + 2} "), timeout=20000)
    page.wait_for_selector("#report:not([hidden])")
    assert "what moved and why" in page.text_content("#report-title")
    assert "Call Germany" in page.text_content("#report-body")
    assert page.locator("#pending li.empty").count() == 1
    _shot(page, "report")
    assert page.errors == []


def test_a_wrong_code_says_why_and_a_phone_sized_window_shows_one_column(served, page):
    room, url = served
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url + "/")
    page.fill("#join-code", "WRONG1")
    page.fill("#join-name", "Ann")
    page.click("#join-form button")
    sync_api.expect(page.locator("#join-error")).to_contain_text("not this class's code")
    page.fill("#join-code", room.row.code)
    page.click("#join-form button")
    page.wait_for_selector("#game-view:not([hidden])")
    page.wait_for_selector("#map path.country")
    width = page.evaluate("document.querySelector('.countries-column').getBoundingClientRect().width")
    assert width > 300  # the columns stack on a phone
    _shot(page, "phone")
    assert page.errors == []


def test_the_teacher_sees_a_student_join_live_and_pauses_the_class(served, page):
    room, url = served
    page.goto(f"{url}/teacher#key={room.row.teacher_key}")
    sync_api.expect(page.locator("#class-code")).to_have_text(room.row.code)
    sync_api.expect(page.locator("#games")).to_contain_text("Nobody has joined yet.")
    student = page.context.browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    student.goto(url + "/")
    student.fill("#join-code", room.row.code)
    student.fill("#join-name", "<b>Bo</b>")
    student.click("#join-form button")
    student.wait_for_selector("#game-view:not([hidden])")
    # The websocket's notice brings the new student to the teacher's page without a reload.
    sync_api.expect(page.locator("#games")).to_contain_text("<b>Bo</b>")
    assert page.locator("#games b").count() == 0
    page.click("#pause")
    sync_api.expect(page.locator("#class-status")).to_contain_text("Paused")
    sync_api.expect(student.locator("#status")).to_have_text("The teacher has paused the class")
    assert student.locator("#ready").is_disabled()
    _shot(page, "teacher")
    assert page.errors == []


def test_the_teacher_page_without_its_key_says_where_to_find_it(served, page):
    room, url = served
    page.goto(f"{url}/teacher")
    sync_api.expect(page.locator("#message")).to_contain_text("#key=")
    page.goto(f"{url}/teacher#key=wrong")
    page.reload()  # only the #fragment changed: the browser stays on the page unless told to load it again
    sync_api.expect(page.locator("#message")).to_contain_text("the teacher's key is missing or wrong")


def _join(page, url: str, code: str, name: str) -> None:
    page.goto(url + "/")
    page.fill("#join-code", code)
    page.fill("#join-name", name)
    page.click("#join-form button")
    page.wait_for_selector("#game-view:not([hidden])")


def _give_first_order(page, country: str) -> None:
    page.click(f'#countries button[data-code="{country}"]')
    page.wait_for_selector("#offers li.legal button")
    page.locator("#offers li.legal button").first.click()
    page.wait_for_selector("#pending li button.undo")


@pytest.mark.two_sided
def test_two_students_play_a_week_washington_against_moscow(served, page):
    room, url = served
    moscow = page.context.browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    _join(page, url, room.row.code, "Ann")
    _join(moscow, url, room.row.code, "Ben")
    assert page.text_content("#side") == "Washington · Ann"
    assert moscow.text_content("#side") == "Moscow · Ben"
    week = room.sessions[next(iter(room.sessions))].turn
    _give_first_order(page, "DEU")
    _give_first_order(moscow, "FRA")
    assert "France" not in page.text_content("#pending") and "Germany" not in moscow.text_content("#pending")
    assert page.locator("#escalations-box").is_hidden()  # Washington has no escalations in this crisis
    moscow.click("#escalations button:has-text('troops')")
    sync_api.expect(moscow.locator("#escalations button[aria-pressed='true']")).to_contain_text("Raised:")
    page.click("#ready")
    sync_api.expect(page.locator("#status")).to_have_text("Waiting for Moscow")
    moscow.click("#ready")
    for each in (page, moscow):
        sync_api.expect(each.locator("#week")).to_have_text(re.compile(f"^Week {week + 2} "), timeout=20000)
        sync_api.expect(each.locator("#report-body")).to_contain_text("Call Germany")
        sync_api.expect(each.locator("#report-body")).to_contain_text("Call France")
        sync_api.expect(each.locator("#report-body")).to_contain_text("troops")
    _shot(moscow, "moscow")
