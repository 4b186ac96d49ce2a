"""A commendation in Chromium, from the quota to the certificate: `noivu` allocates Sở Tư pháp one Giấy
khen; `canbo.tuphap` nominates an official and submits; a second nomination is refused for the quota;
`noivu` records the council's approval and the decision; the certificate downloads as a PDF."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from dancoso.agencies.models import Agency, Person
from emulation.models import Award, Nomination, NominationStatus, Quota
from tests.e2e.test_date_picker import _type_date
from tests.e2e.test_layout import _log_in

pytestmark = pytest.mark.e2e

GIAY_KHEN = "Giấy khen"


def _nominate(page: Page, base_url: str, person: Person) -> None:
    page.goto(f"{base_url}/emulation/nominations/new/")
    page.locator("[name=award]").select_option(label=GIAY_KHEN)
    page.locator("[name=kind][value=individual]").check()
    page.locator("[name=person]").select_option(label=person.full_name)
    page.locator("[name=achievements]").fill(
        f"{person.full_name} tham mưu tổ chức hội nghị cán bộ, công chức đúng hạn, đủ thành phần; "
        "công khai đầy đủ dự toán ngân sách tại trụ sở."
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page).to_have_url(re.compile(r"/emulation/nominations/\d+/$"))
    page.get_by_role("button", name="Trình trong chỉ tiêu").click()


def test_a_commendation_from_quota_to_certificate(demo, live_server, browser: Browser):
    year = timezone.localdate().year
    justice = Agency.objects.get(code="STP")
    # The demo's own commendations of Sở Tư pháp this year are set aside: the test starts from no quota.
    Nomination.objects.filter(agency=justice, year=year).delete()
    Quota.objects.filter(agency=justice, year=year, award__name=GIAY_KHEN).delete()
    first, second = Person.objects.filter(agency=justice, is_active=True).order_by("full_name")[:2]

    home_affairs = _log_in(browser, live_server.url, "noivu")
    home_affairs.goto(f"{live_server.url}/emulation/quotas/new/")
    home_affairs.locator("[name=year]").fill(str(year))
    home_affairs.locator("[name=agency]").select_option(value=str(justice.pk))
    home_affairs.locator("[name=award]").select_option(label=GIAY_KHEN)
    home_affairs.locator("[name=places]").fill("1")
    home_affairs.get_by_role("button", name="Lưu").click()
    expect(home_affairs.locator(".alert-success").first).to_contain_text("Đã lưu chỉ tiêu")
    assert Quota.objects.get(agency=justice, year=year, award__name=GIAY_KHEN).places == 1

    officer = _log_in(browser, live_server.url, "canbo.tuphap")
    _nominate(officer, live_server.url, first)
    expect(officer.locator(".alert-success").first).to_contain_text("Đã trình đề nghị")
    expect(officer.get_by_test_id("quota")).to_contain_text("Đã sử dụng 1/1 chỉ tiêu")
    _nominate(officer, live_server.url, second)
    expect(officer.locator(".alert-danger").first).to_contain_text("đã hết chỉ tiêu Giấy khen")
    officer.context.close()
    submitted = Nomination.objects.get(agency=justice, year=year, person=first)
    assert submitted.status == NominationStatus.SUBMITTED
    assert Nomination.objects.get(agency=justice, year=year, person=second).status == NominationStatus.DRAFT

    today = f"{timezone.localdate():%d/%m/%Y}"
    home_affairs.goto(f"{live_server.url}{submitted.get_absolute_url()}")
    home_affairs.locator("[name=approved][value=yes]").check()
    _type_date(home_affairs, "reviewed_on", today)
    home_affairs.get_by_role("button", name="Ghi kết quả xét của Hội đồng").click()
    expect(home_affairs.locator(".alert-success").first).to_contain_text("Đã ghi kết quả xét")
    home_affairs.locator("[name=decision_number]").fill("125/QĐ-UBND")
    _type_date(home_affairs, "decision_date", today)
    home_affairs.locator("[name=decision_issuer]").fill("Chủ tịch UBND tỉnh Bắc Giang")
    home_affairs.get_by_role("button", name="Ghi quyết định khen thưởng").click()
    expect(home_affairs.locator(".alert-success").first).to_contain_text("Đã ghi quyết định")

    link = home_affairs.get_by_test_id("certificate")
    response = home_affairs.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    home_affairs.context.close()
    assert Nomination.objects.get(pk=submitted.pk).status == NominationStatus.DECIDED
    assert Award.objects.get(name=GIAY_KHEN).nominations.filter(status=NominationStatus.DECIDED).exists()
