"""The yearly report from a blank year to a version the People's Council reads, driven in Chromium.

Home Affairs starts the report, writes its narrative, generates a version, watches it finish, reads the
Word document and submits it; the People's Council then finds it, opens it and downloads the same document.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from playwright.sync_api import Browser, Page, expect

from dancoso.periods import current_period
from reporting.models import AnnualReport, ReportVersion, VersionStatus

pytestmark = pytest.mark.e2e

PASSWORD = "mat-khau-thu-nghiem-2024"
LEADERSHIP = "Ủy ban nhân dân tỉnh ban hành Kế hoạch số 45/KH-UBND triển khai Nghị quyết đến từng cơ quan."
TRAINING_COMMENT = "Các lớp bồi dưỡng được tổ chức đúng kế hoạch, học viên tham gia đầy đủ, nghiêm túc."
SUBMITTED = "Đã gửi HĐND"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _log_in(browser: Browser, base_url: str, username: str) -> Page:
    """A fresh browser context signed in through the real login form."""
    page = browser.new_context().new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
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
    expect(page.get_by_test_id("no-reports")).to_be_visible()
    page.get_by_label("Năm báo cáo").fill(str(year))
    page.get_by_role("button", name="Lập báo cáo").click()
    expect(page.get_by_text(f"Đã tạo báo cáo năm {year}.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Báo cáo năm {year} gửi HĐND tỉnh", level=1)).to_be_visible()


def _write_narrative(page: Page) -> None:
    page.get_by_role("link", name="Viết nội dung báo cáo").click()
    page.get_by_label("Công tác lãnh đạo, chỉ đạo, triển khai").fill(LEADERSHIP)
    page.get_by_label(re.compile(r"Nhận xét mục II\.1:")).fill(TRAINING_COMMENT)
    page.get_by_role("button", name="Lưu nội dung").click()
    expect(page.get_by_text("Đã lưu nội dung báo cáo.")).to_be_visible()
    expect(page.get_by_text("✓ I.")).to_be_visible()
    expect(page.get_by_text("✓ II.1.")).to_be_visible()


def _generate(page: Page, year: int) -> None:
    """Generate, then wait for the bar to reach the end.

    With tasks in-process the version is done before the page first loads; with a worker the bar polls
    and the page reloads itself. Either way the final state is the same.
    """
    page.get_by_role("button", name="Tạo phiên bản mới").click()
    expect(page).to_have_url(re.compile(r"/reports/versions/\d+/$"))
    expect(page.get_by_role("heading", name=f"Báo cáo năm {year}, phiên bản 1", level=1)).to_be_visible()
    expect(page.get_by_test_id("progress-done")).to_be_visible(timeout=30_000)
    expect(page.get_by_role("progressbar", name="Tiến độ tạo báo cáo")).to_have_attribute(
        "aria-valuenow", "100"
    )
    expect(page.get_by_test_id("progress")).to_contain_text("100%")
    expect(page.get_by_test_id("version-status")).to_have_text("Đã tạo")


def _submit(page: Page) -> None:
    page.get_by_role("button", name="Gửi phiên bản này").click()
    expect(page.get_by_text("Đã gửi phiên bản 1 tới HĐND tỉnh.")).to_be_visible()
    expect(page.get_by_test_id("version-status")).to_have_text(SUBMITTED)
    expect(page.get_by_role("button", name="Gửi phiên bản này")).to_have_count(0)


def _council_reads(page: Page, year: int, tmp_path: Path) -> str:
    _open_report_list(page)
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=str(year), exact=True))
    expect(row).to_contain_text(SUBMITTED)
    row.get_by_role("link", name=str(year), exact=True).click()
    expect(page.get_by_role("button", name="Tạo phiên bản mới")).to_have_count(0)
    page.get_by_role("link", name="Phiên bản 1", exact=True).click()
    expect(page.get_by_role("heading", name=f"Báo cáo năm {year}, phiên bản 1", level=1)).to_be_visible()
    expect(page.get_by_test_id("version-status")).to_have_text(SUBMITTED)
    expect(page.get_by_role("button", name="Gửi phiên bản này")).to_have_count(0)
    return _download_docx(page, tmp_path, "hdnd.docx")


def test_home_affairs_submits_a_generated_report_that_the_council_downloads(
    live_server, browser: Browser, province, admin_user, council_user, tmp_path
):
    base_url = live_server.url
    year = current_period().year

    home_affairs = _log_in(browser, base_url, "noivu")
    _start_report(home_affairs, year)
    _write_narrative(home_affairs)
    _generate(home_affairs, year)
    text = _download_docx(home_affairs, tmp_path, "noivu.docx")
    assert "BÁO CÁO" in text
    assert LEADERSHIP in text
    assert TRAINING_COMMENT in text
    _submit(home_affairs)
    home_affairs.context.close()

    version = ReportVersion.objects.get(report=AnnualReport.objects.get(year=year))
    assert version.status == VersionStatus.SUBMITTED
    assert version.submitted_by == admin_user

    council = _log_in(browser, base_url, "hdnd")
    council_text = _council_reads(council, year, tmp_path)
    council.context.close()
    assert council_text == text
