"""The week's plan on the student's page in real Chromium (the fixtures of ``test_browser``): a deputy's standing
instruction from the dossier, changing a queued order in place, moving it, "repeat last week" and ending the
instruction, by mouse and by keyboard, at 1366x768 and at phone size.  FTZ_SCREENSHOTS=DIR keeps the pictures."""

import re

import pytest

from .test_browser import _join, _shot, page, served, sync_api  # noqa: F401 - fixtures used by name

pytestmark = pytest.mark.browser
expect = sync_api.expect


def test_a_student_plans_with_standing_instructions_changes_and_repeat(served, page):  # noqa: F811
    room, url = served
    _join(page, url, room.row.code, "Ann")
    week = room.sessions[next(iter(room.sessions))].turn

    # Repeat is offered once there is a week of the student's own to repeat, and says why not before.
    expect(page.locator("#repeat")).to_be_disabled()
    expect(page.locator("#repeat-reason")).to_have_text("no week of yours to repeat yet")

    # By mouse: Germany's dossier, Nuland's tab, "Every week" on her specialty makes her standing instruction.
    page.click('#countries button[data-code="DEU"]')
    page.click("#kinds button:has-text('Victoria Nuland')")
    row = page.locator("#offers li", has=page.locator("button.offer", has_text="Sanctions"))
    row.locator("button.every-week").click()
    expect(page.locator("#message")).to_contain_text("Standing: Victoria Nuland calls Germany on their specialty")
    expect(page.locator("#standing")).to_contain_text("Victoria Nuland calls Germany")
    expect(page.locator("#pending li").first).to_contain_text("Victoria Nuland calls Germany")
    expect(page.locator("#pending li .tag").first).to_have_text(" standing")
    expect(row.locator("button.every-week")).to_have_attribute("aria-pressed", "true")
    _shot(page, "plan-standing")

    # A call to France, then changed in place to another topic: the dossier opens on it, judged without it.
    page.click('#countries button[data-code="FRA"]')
    page.click("#kinds button:has-text('Call')")
    page.locator("#offers li.legal button.offer").first.click()
    expect(page.locator("#pending li")).to_have_count(2)
    first_words = page.locator("#pending li").nth(1).locator("span").first.text_content()
    page.locator("#pending li").nth(1).locator("button.change").click()
    expect(page.locator("#editing")).to_be_visible()
    expect(page.locator("#editing-words")).to_contain_text("Changing order 2")
    expect(page.locator("#kinds button[aria-selected='true']")).to_have_text("Call")
    _shot(page, "plan-editing")
    other = page.locator("#offers li.legal button.offer").nth(1)
    expect(other).to_have_attribute("aria-label", re.compile("^Change to: Call France on "))
    other.click()
    expect(page.locator("#editing")).to_be_hidden()
    expect(page.locator("#pending li")).to_have_count(2)
    expect(page.locator("#pending li").nth(1)).not_to_contain_text(first_words)
    expect(page.locator("#pending li").nth(1)).to_contain_text("Call France on")

    # By keyboard: Change, then Escape keeps the order as it was; the arrow moves it up the plan.
    page.locator("#pending li").nth(1).locator("button.change").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#editing")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#editing")).to_be_hidden()
    page.locator("#pending li").nth(1).locator("button.move", has_text="↑").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#pending li").first).to_contain_text("Call France on")
    _shot(page, "plan")

    # Ready: next week Nuland's instruction has queued her call again; Repeat queues last week's call.
    page.click("#ready")
    expect(page.locator("#week")).to_have_text(re.compile(f"^Week {week + 2} "), timeout=20000)
    expect(page.locator("#pending")).to_contain_text("Victoria Nuland calls Germany")
    expect(page.locator("#repeat")).to_be_enabled()
    page.focus("#repeat")
    page.keyboard.press("Enter")
    expect(page.locator("#message")).to_contain_text("Repeated 1 of last week's orders")
    expect(page.locator("#pending")).to_contain_text("Call France on")
    expect(page.locator("#pending li")).to_have_count(2)

    # Ending the instruction takes this week's call back too.
    page.click("#standing button:has-text('End')")
    expect(page.locator("#standing")).to_contain_text("None.")
    expect(page.locator("#pending")).not_to_contain_text("Victoria Nuland")
    _shot(page, "plan-week2")

    # A phone: the plan's controls wrap and stay usable.
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("#plan-title").scroll_into_view_if_needed()
    box = page.locator("#pending li").first.bounding_box()
    assert box is not None and box["width"] <= 390
    for button in page.locator("#pending li").first.locator("button").all():
        b = button.bounding_box()
        assert b is not None and b["x"] >= 0 and b["x"] + b["width"] <= 390
    _shot(page, "plan-phone")
    page.click('#countries button[data-code="DEU"]')
    page.click("#kinds button:has-text('Victoria Nuland')")
    every = page.locator("#offers button.every-week").first
    every.scroll_into_view_if_needed()
    b = every.bounding_box()
    assert b is not None and b["x"] + b["width"] <= 390
    _shot(page, "plan-phone-dossier")
    assert page.errors == []
