"""Feedback in Chromium: an anonymous citizen sends feedback to Sở Tư pháp on the portal and keeps the
tracking code; `canbo.tuphap` answers it; the citizen reads the answer on the portal; `noivu` sees it
counted as answered on time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from accountability.models import Petition
from dancoso import indicators
from dancoso.periods import current_period
from tests.e2e.test_layout import VIEWPORT, _log_in

pytestmark = pytest.mark.e2e

SUBJECT = "Đề nghị niêm yết thời hạn cấp phiếu lý lịch tư pháp"
ANSWER = "Sở Tư pháp đã niêm yết thời hạn giải quyết tại Bộ phận một cửa từ ngày hôm nay."
ON_TIME = "accountability.petitions_on_time"


def test_a_citizen_sends_feedback_and_reads_the_answer(live_server, browser: Browser, demo):
    period = current_period()
    before = indicators.section_for("accountability", period).indicator(ON_TIME).value

    citizen = browser.new_context(viewport=VIEWPORT).new_page()
    citizen.goto(f"{live_server.url}/portal/feedback/new/")
    citizen.locator("[name=sender_name]").fill("Nguyễn Thị Hoa")
    citizen.locator("[name=sender_phone]").fill("0912 345 678")
    citizen.locator("[name=requested_agency]").select_option(label="Sở Tư pháp")
    citizen.locator("[name=field]").select_option(index=1)
    citizen.locator("[name=title]").fill(SUBJECT)
    # Without consent the form comes back with a Vietnamese message and everything typed kept.
    citizen.locator("[name=content]").fill(
        "Bộ phận một cửa chưa niêm yết thời hạn cấp phiếu lý lịch tư pháp."
    )
    citizen.locator("form:has([name=title]) [type=submit]").click()
    expect(citizen.locator(".invalid-feedback").first).to_be_visible()
    expect(citizen.locator("[name=title]")).to_have_value(SUBJECT)
    citizen.locator("[name=consent]").check()
    citizen.locator("form:has([name=title]) [type=submit]").click()
    expect(citizen).to_have_url(re.compile(r"/portal/feedback/[2-9A-Z]{10}/$"))
    code = citizen.url.rstrip("/").rsplit("/", 1)[-1]
    expect(citizen.get_by_text(code).first).to_be_visible()
    expect(citizen.get_by_text("0912 345 678")).to_have_count(0)

    petition = Petition.objects.get(code=code)
    assert petition.agency.code == "STP" and petition.status == "assigned"

    officer = _log_in(browser, live_server.url, "canbo.tuphap")
    officer.goto(f"{live_server.url}/accountability/petitions/?q={code}")
    officer.get_by_role("link", name=code).first.click()
    expect(officer.get_by_text("0912 345 678")).to_be_visible()
    officer.locator("form:has([name=answer]) [name=answer]").fill(ANSWER)
    officer.locator("form:has([name=answer]) [type=submit]").click()
    expect(officer.locator(".alert-success").first).to_be_visible()
    officer.context.close()

    petition.refresh_from_db()
    assert petition.status == "answered" and petition.answered_in_time

    citizen.goto(f"{live_server.url}/portal/feedback/")
    citizen.locator("[name=code]").fill(code.lower())
    citizen.locator("[name=code]").press("Enter")
    expect(citizen.get_by_text(ANSWER)).to_be_visible()
    citizen.context.close()

    home_affairs = _log_in(browser, live_server.url, "noivu")
    figure = home_affairs.get_by_test_id(f"indicator-{ON_TIME}").locator(".indicator-value")
    expect(figure).to_have_text(re.compile(rf"^\s*{before + 1}\b"))
    home_affairs.context.close()
