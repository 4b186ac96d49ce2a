"""The yearly report from a blank year to a version the People's Council reads, driven in Chromium.

On the demo, Home Affairs starts this year's report, fills its narrative with the portal's drafts and writes
the parts that are its own, generates a version, is stopped from submitting it without a document number,
records the number, generates again and submits; the People's Council then finds the report, opens it and
downloads the same document.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from docx import Document
from docx.oxml.ns import qn
from playwright.sync_api import Browser, Page, expect

from dancoso import indicators
from dancoso.measures import MEASURES
from dancoso.periods import current_period
from reporting.models import AnnualReport, VersionStatus

pytestmark = pytest.mark.e2e

LEADERSHIP = "Ủy ban nhân dân tỉnh ban hành Kế hoạch số 45/KH-UBND triển khai Nghị quyết đến từng cơ quan."
CAUSES = "Lịch công tác chuyên môn của một số cơ quan trùng với thời gian tổ chức lớp."
PROPOSALS = "Đề nghị HĐND tỉnh tiếp tục quan tâm bố trí kinh phí thực hiện Nghị quyết."
SUBMITTED = "Đã gửi HĐND"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _log_in(browser: Browser, base_url: str, username: str) -> Page:
    """A fresh browser context signed in through the real login form."""
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tổng quan", level=1)).to_be_visible()
    return page


def _open_report_list(page: Page) -> None:
    """Through the main menu, as a user would find it."""
    page.get_by_role("button", name="Điều 3 – Báo cáo").click()
    page.get_by_role("link", name="Báo cáo hằng năm gửi HĐND tỉnh").click()
    expect(page.get_by_role("heading", name="Báo cáo hằng năm gửi HĐND tỉnh", level=1)).to_be_visible()


def _document_text(path: Path) -> str:
    """Every paragraph of the DOCX, tables included, one per line (runs of a paragraph joined)."""
    body = Document(str(path)).element.body
    paragraphs = ("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
    return "\n".join(paragraphs)


def _download_docx(page: Page, tmp_path: Path, name: str) -> str:
    with page.expect_download() as download_info:
        page.get_by_test_id("download-docx").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")
    target = tmp_path / name
    download.save_as(target)
    return _document_text(target)


def _start_report(page: Page, year: int) -> None:
    _open_report_list(page)
    # The demo has last year's report; this year's is started here.
    expect(page.get_by_role("link", name=str(year - 1), exact=True)).to_be_visible()
    page.get_by_label("Năm báo cáo").fill(str(year))
    page.get_by_role("button", name="Lập báo cáo").click()
    expect(page.get_by_text(f"Đã tạo báo cáo năm {year}.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Báo cáo năm {year} gửi HĐND tỉnh", level=1)).to_be_visible()


def _accept_drafts_and_write_the_rest(page: Page, year: int) -> None:
    """The drafts fill the results, strengths, shortcomings and tasks; the office writes parts I, III.3, V."""
    page.get_by_role("link", name="Viết nội dung báo cáo").click()
    expect(page.get_by_test_id("draft-measure_training")).to_be_visible()
    page.get_by_test_id("fill-drafts").click()
    # One part per measure with figures in the demo, then strengths, shortcomings and next year's tasks.
    landed = {provider.key for provider in indicators.providers()} & {measure.key for measure in MEASURES}
    expect(page.get_by_text(f"Đã điền dự thảo vào {len(landed) + 3} mục còn trống")).to_be_visible()
    training = page.get_by_label(re.compile(r"Nhận xét mục II\.1:"))
    expect(training).to_have_value(re.compile(rf"^Trong năm {year}, tổ chức \d+ lớp bồi dưỡng"))
    page.get_by_label("Công tác lãnh đạo, chỉ đạo, triển khai").fill(LEADERSHIP)
    page.get_by_label("Nguyên nhân").fill(CAUSES)
    page.get_by_label("Đề xuất, kiến nghị").fill(PROPOSALS)
    page.get_by_role("button", name="Lưu nội dung").click()
    expect(page.get_by_text("Đã lưu nội dung báo cáo.")).to_be_visible()
    expect(page.get_by_text("✓ I.")).to_be_visible()
    expect(page.get_by_text("✓ II.1.")).to_be_visible()


def _header(page: Page, **fields: str) -> None:
    page.get_by_role("link", name="Thể thức và người ký").click()
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu các thay đổi.")).to_be_visible()


def _generate(page: Page, year: int, number: int) -> None:
    """Generate, then wait for the bar to reach the end.

    With tasks in-process the version is done before the page first loads; with a worker the bar polls
    and the page reloads itself. Either way the final state is the same.
    """
    page.get_by_role("button", name="Tạo phiên bản mới").click()
    expect(page).to_have_url(re.compile(r"/reports/versions/\d+/$"))
    heading = f"Báo cáo năm {year}, phiên bản {number}"
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.get_by_test_id("progress-done")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("progressbar", name="Tiến độ tạo báo cáo")).to_have_attribute(
        "aria-valuenow", "100"
    )
    expect(page.get_by_test_id("progress")).to_contain_text("100%")
    expect(page.get_by_test_id("version-status")).to_have_text("Đã tạo")


def _submit_is_refused_without_a_number(page: Page) -> None:
    gaps = page.get_by_test_id("gaps")
    expect(gaps.get_by_role("listitem")).to_have_count(1)
    expect(page.get_by_test_id("gap-number")).to_contain_text("Báo cáo chưa có số văn bản.")
    page.get_by_role("button", name="Gửi phiên bản này").click()
    expect(page.get_by_test_id("gap-number")).to_contain_text("Hãy bổ sung rồi tạo phiên bản mới")
    expect(page.get_by_test_id("version-status")).to_have_text("Đã tạo")


def _submit(page: Page, number: int) -> None:
    expect(page.get_by_test_id("no-gaps")).to_be_visible()
    page.get_by_role("button", name="Gửi phiên bản này").click()
    expect(page.get_by_text(f"Đã gửi phiên bản {number} tới HĐND tỉnh.")).to_be_visible()
    expect(page.get_by_test_id("version-status")).to_have_text(SUBMITTED)
    expect(page.get_by_role("button", name="Gửi phiên bản này")).to_have_count(0)


def _council_reads(page: Page, year: int, number: int, tmp_path: Path) -> str:
    _open_report_list(page)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=str(year), exact=True))
    expect(row).to_contain_text(SUBMITTED)
    row.get_by_role("link", name=str(year), exact=True).click()
    expect(page.get_by_role("button", name="Tạo phiên bản mới")).to_have_count(0)
    page.get_by_role("link", name=f"Phiên bản {number}", exact=True).click()
    heading = f"Báo cáo năm {year}, phiên bản {number}"
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()
    expect(page.get_by_test_id("version-status")).to_have_text(SUBMITTED)
    expect(page.get_by_role("button", name="Gửi phiên bản này")).to_have_count(0)
    return _download_docx(page, tmp_path, "hdnd.docx")


def test_home_affairs_accepts_the_drafts_is_stopped_without_a_number_then_submits(
    live_server, browser: Browser, demo, tmp_path
):
    base_url = live_server.url
    year = current_period().year

    home_affairs = _log_in(browser, base_url, "noivu")
    _start_report(home_affairs, year)
    _accept_drafts_and_write_the_rest(home_affairs, year)
    _header(home_affairs, **{"Họ tên người ký": "Trần Quang Minh"})
    _generate(home_affairs, year, 1)
    _submit_is_refused_without_a_number(home_affairs)

    home_affairs.get_by_role("link", name=str(year), exact=True).click()
    _header(home_affairs, **{"Số": "412"})
    _generate(home_affairs, year, 2)
    text = _download_docx(home_affairs, tmp_path, "noivu.docx")
    assert "Số: 412/BC-UBND" in text
    assert LEADERSHIP in text and PROPOSALS in text
    assert f"Trong năm {year}, tổ chức" in text
    _submit(home_affairs, 2)
    home_affairs.context.close()

    report = AnnualReport.objects.get(year=year)
    assert report.versions.get(status=VersionStatus.SUBMITTED).number == 2
    assert report.versions.get(number=1).status == VersionStatus.GENERATED

    council = _log_in(browser, base_url, "hdnd")
    council_text = _council_reads(council, year, 2, tmp_path)
    council.context.close()
    assert council_text == text
