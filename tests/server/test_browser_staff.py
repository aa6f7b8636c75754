"""The student's page in real Chromium for "Ask your staff", the news feed and the debrief: asking by key,
adding a suggestion by its number, the teacher's weekly limit, the staff off (no control at all), the news after
each week and the debrief at the end, at 1366x768 and at phone size.  Set FTZ_SCREENSHOTS=DIR to keep the
screenshots."""

import re
import threading
import time

import pytest

from .test_browser import _free_port, _shot, page, sync_api  # noqa: F401 (page is a fixture)

pytestmark = pytest.mark.browser
uvicorn = pytest.importorskip("uvicorn")

from game.server.app import create_app  # noqa: E402


@pytest.fixture
def serve(make_room):
    """``serve(**settings)``: a class served by uvicorn on a free loopback port, stopped after the test."""
    servers = []

    def start(**settings):
        room = make_room(turns=2, **settings)
        port = _free_port()
        server = uvicorn.Server(uvicorn.Config(create_app(room), host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        servers.append((server, thread))
        deadline = time.monotonic() + 20
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        return room, f"http://127.0.0.1:{port}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(timeout=10)


def _join(page, url: str, code: str, name: str) -> None:  # noqa: F811
    page.goto(url + "/")
    page.fill("#join-code", code)
    page.fill("#join-name", name)
    page.click("#join-form button")
    page.wait_for_selector("#game-view:not([hidden])")
    page.wait_for_selector("#map path.country")


def test_the_staff_by_key_the_news_and_the_debrief(serve, page):  # noqa: F811
    room, url = serve(staff=1)
    _join(page, url, room.row.code, "<img src=x onerror=alert(1)>")
    session = room.sessions[next(iter(room.sessions))]
    week = session.turn
    # The news of the weeks history played before the students took over, each with its source.
    sync_api.expect(page.locator("#news .feed li").first).to_be_visible()
    page.locator("#news .feed details summary").first.click()
    sync_api.expect(page.locator("#news .feed details[open] .source").first).to_contain_text("Source: ")
    sync_api.expect(page.locator("#staff .staff-limit")).to_have_text(
        "Your teacher allows 1 staff suggestion a week: 1 left this week."
    )
    _shot(page, "staff-idle")

    # A asks; the answer lists suggestions with reasons and expected effect; 1 adds the first.
    page.locator("body").press("a")
    sync_api.expect(page.locator("#staff .suggestion").first).to_be_visible(timeout=30000)
    first = page.locator("#staff .suggestion").first
    words = first.locator("strong").text_content()
    assert first.locator(".why").text_content()
    sync_api.expect(first.locator(".worth")).to_contain_text("Kept up:")
    _shot(page, "staff-advice")
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#staff").scroll_into_view_if_needed()
    _shot(page, "staff-advice-phone")
    page.set_viewport_size({"width": 1366, "height": 768})
    page.keyboard.press("1")
    sync_api.expect(page.locator("#pending")).to_contain_text(words)
    sync_api.expect(page.locator("#message")).to_contain_text("Queued from your staff")
    # The limit is spent: the staff answers again for the new plan, and no suggestion can be added.
    sync_api.expect(page.locator("#staff .staff-limit")).to_contain_text("none left this week", timeout=30000)
    sync_api.expect(page.locator("#staff .suggestion").first).to_be_visible(timeout=30000)
    assert page.locator("#staff .suggestion button:enabled").count() == 0
    _shot(page, "staff-spent")
    assert session.staff_used == {session.player: 1}

    # Both weeks: the news feed follows each resolution; the debrief opens at the end.
    page.click("#ready")
    sync_api.expect(page.locator("#week")).to_have_text(re.compile(f"^Week {week + 2} "), timeout=30000)
    sync_api.expect(page.locator("#news h3")).to_contain_text(f"Moscow's moves in week {week + 1}")
    page.click("#ready")
    sync_api.expect(page.locator("#debrief")).to_be_visible(timeout=30000)
    assert page.locator("#staff").is_hidden()  # nothing to advise on when the crisis is over
    sync_api.expect(page.locator("#debrief")).to_contain_text("Played by <img src=x onerror=alert(1)> (9B)")
    assert page.locator("#debrief img").count() == 0
    sync_api.expect(page.locator("#debrief")).to_contain_text("took 1 order from the staff")
    sync_api.expect(page.locator("#debrief .positions tbody tr")).to_have_count(session.rules.n_countries)
    sync_api.expect(page.locator("#debrief .movers > li").first).to_be_visible()
    _shot(page, "debrief")
    page.set_viewport_size({"width": 390, "height": 844})
    _shot(page, "debrief-phone")
    # The printable report opens from the debrief, with no script (its own page's CSP).
    with page.context.expect_page() as opened:
        page.click("#debrief a[href='/report']")
    report = opened.value
    report.wait_for_load_state()
    sync_api.expect(report.locator("h1")).to_have_text(page.locator("#debrief-title").text_content())
    assert page.errors == []


def test_the_staff_off_shows_no_control_and_a_ignores_the_key(serve, page):  # noqa: F811
    room, url = serve(staff=0)
    page.set_viewport_size({"width": 390, "height": 844})
    _join(page, url, room.row.code, "Ann")
    sync_api.expect(page.locator("#news .feed li").first).to_be_visible()
    page.locator("body").press("a")
    assert page.locator("#staff").is_hidden()
    assert page.locator("#staff button").count() == 0
    _shot(page, "staff-off-phone")
    assert page.errors == []
