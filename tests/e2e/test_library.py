"""The legal-document library in Chromium: Home Affairs adds a document and publishes it; a visitor finds it
on the public portal by typing its words without accents."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tests.e2e.test_layout import _log_in

pytestmark = pytest.mark.e2e

SUMMARY = "Kế hoạch tuyên truyền, phổ biến Luật Thực hiện dân chủ ở cơ sở năm 2026"


def test_home_affairs_publishes_a_document_that_a_visitor_finds_without_accents(
    live_server, browser: Browser, demo
):
    page = _log_in(browser, live_server.url, "noivu")
    page.get_by_role("button", name="Điều 1 – Các biện pháp").click()
    page.get_by_role("link", name="§2 Thư viện văn bản pháp luật").click()
    expect(page.get_by_role("heading", name="Thư viện văn bản pháp luật", level=1)).to_be_visible()
    page.get_by_role("link", name="Thêm văn bản").click()
    page.get_by_label("Số, ký hiệu").fill("88/KH-UBND")
    page.get_by_label("Loại văn bản").select_option(label="Kế hoạch")
    page.get_by_label("Cơ quan ban hành").fill("Ủy ban nhân dân tỉnh Bắc Giang")
    page.get_by_label("Ngày ban hành").fill("20/01/2026")
    page.get_by_label("Trích yếu").fill(SUMMARY)
    page.get_by_label("Cấp ban hành").select_option(label="Tỉnh")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu văn bản.")).to_be_visible()
    page.get_by_label("Số, ký hiệu của văn bản kia").fill("10/2022/QH15")
    page.get_by_label("Văn bản này").select_option(label="hướng dẫn, triển khai thi hành")
    page.get_by_role("button", name="Ghi nhận quan hệ").click()
    expect(page.get_by_text("Đã ghi nhận quan hệ trên cả hai văn bản.")).to_be_visible()
    page.get_by_test_id("publish").click()
    expect(page.get_by_text("Đã đăng trên Cổng thông tin quy chế dân chủ.")).to_be_visible()
    page.context.close()

    visitor = browser.new_context().new_page()
    visitor.goto(f"{live_server.url}/portal/documents/")
    visitor.get_by_label("Tìm kiếm").fill("tuyen truyen pho bien luat dan chu")
    visitor.get_by_role("button", name="Lọc").click()
    rows = visitor.get_by_test_id("document-row")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("mark").first).to_have_text("tuyên")
    rows.first.get_by_role("link", name="88/KH-UBND").click()
    expect(visitor.get_by_role("heading", name="Kế hoạch 88/KH-UBND", level=1)).to_be_visible()
    expect(visitor.get_by_test_id("relations")).to_contain_text("Văn bản này hướng dẫn, triển khai thi hành")
    expect(visitor.get_by_test_id("status")).to_contain_text("Còn hiệu lực")
    visitor.context.close()
