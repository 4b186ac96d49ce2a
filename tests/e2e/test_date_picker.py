"""The date picker on a real form, in Chromium: picking and typing both give dd/mm/yyyy."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.test_layout import _log_in

pytestmark = pytest.mark.e2e

DAY_MONTH_YEAR = re.compile(r"^\d{2}/\d{2}/\d{4}$")


def _class_form(browser: Browser, base_url: str) -> Page:
    page = _log_in(browser, base_url, "noivu")
    page.goto(f"{base_url}/training/classes/new/")
    return page


def _open_calendar(page: Page, field: str):
    page.locator(f"input[name={field}]").click()
    calendar = page.locator(".flatpickr-calendar.open")
    expect(calendar).to_be_visible()
    return calendar


def _type_date(page, name: str, text: str):
    """Type a date into a field as a person would, then leave it; the field's locator."""
    field = page.locator(f"input[name={name}]")
    field.click()
    field.press_sequentially(text)
    field.press("Tab")
    return field


def test_picking_a_day_writes_it_as_dd_mm_yyyy(demo, live_server, browser: Browser):
    page = _class_form(browser, live_server.url)
    start = page.locator("input[name=start_date]")
    expect(start).to_have_attribute("placeholder", "dd/mm/yyyy")
    calendar = _open_calendar(page, "start_date")
    # The calendar speaks Vietnamese and starts the week on Monday.
    expect(calendar.locator(".flatpickr-weekday").first).to_have_text("T2")
    month = calendar.locator(".flatpickr-monthDropdown-months").input_value()
    year = calendar.locator(".cur-year").input_value()
    calendar.locator(
        ".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text=re.compile("^15$")
    ).click()
    expect(start).to_have_value(f"15/{int(month) + 1:02d}/{year}")
    expect(page.locator(".flatpickr-calendar.open")).to_have_count(0)


def test_typing_a_date_keeps_dd_mm_yyyy_and_moves_the_calendar(demo, live_server, browser: Browser):
    page = _class_form(browser, live_server.url)
    end = _type_date(page, "end_date", "5/3/2026")
    # Completed to two digits, and the calendar now has the day selected.
    expect(end).to_have_value("05/03/2026")
    calendar = _open_calendar(page, "end_date")
    expect(calendar.locator(".flatpickr-day.selected")).to_have_attribute(
        "aria-label", re.compile("^5 .* 2026$")
    )
    assert DAY_MONTH_YEAR.match(end.input_value())


def test_a_day_that_does_not_exist_stays_as_typed_for_the_server_to_refuse(
    demo, live_server, browser: Browser
):
    page = _class_form(browser, live_server.url)
    start = _type_date(page, "start_date", "31/02/2026")
    # Not moved to 3 March, not emptied: the form is sent with what was typed, and refused with a message.
    expect(start).to_have_value("31/02/2026")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("input[name=start_date]")).to_have_value("31/02/2026")
    expect(page.locator("input[name=start_date]")).to_have_class(re.compile("is-invalid"))
