"""The year's evaluation in Chromium: `noivu` prepares and opens the year; `canbo.tuphap` completes the
self-assessment, adds an evidence file and submits; `noivu` adjusts one criterion with a reason and locks;
`hdnd` reads the ranking."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from accountability.models import AgencyEvaluation, Evaluation, EvaluationStatus, ScorecardStatus
from dancoso.agencies.models import Agency
from tests.e2e.test_layout import _log_in

pytestmark = pytest.mark.e2e


def test_a_year_evaluated_from_opening_to_the_ranking(demo, live_server, browser: Browser, tmp_path):
    year = timezone.localdate().year
    justice = Agency.objects.get(code="STP")
    # The demo's own evaluation of this year is set aside: the test opens the year itself.
    Evaluation.objects.filter(year=year).delete()
    base = live_server.url

    home_affairs = _log_in(browser, base, "noivu")
    home_affairs.goto(f"{base}/accountability/evaluation/")
    home_affairs.locator("[name=year]").fill(str(year))
    home_affairs.get_by_role("button", name="Chuẩn bị").click()
    expect(home_affairs).to_have_url(re.compile(rf"/accountability/evaluation/{year}/rubric/$"))
    expect(home_affairs.get_by_role("cell", name="Tỷ lệ thực hiện dự toán kinh phí")).to_be_visible()
    home_affairs.goto(f"{base}/accountability/evaluation/{year}/")
    home_affairs.get_by_role("button", name="Mở đánh giá năm và tính điểm").click()
    expect(home_affairs.locator(".alert-success").first).to_contain_text("Đã mở đánh giá năm")
    expect(home_affairs.get_by_test_id("ranking")).to_contain_text("Sở Tư pháp")

    officer = _log_in(browser, base, "canbo.tuphap")
    officer.goto(f"{base}/accountability/evaluation/{year}/{justice.pk}/")
    officer.get_by_role("link", name="Tự đánh giá").click()
    officer.locator("[name=self_assessment]").fill(
        "Sở đã công khai đầy đủ các nội dung bắt buộc, tổ chức hội nghị cán bộ đúng hạn; Ban Thanh tra nhân "
        "dân giám sát việc thực hiện quy chế chi tiêu nội bộ."
    )
    for field in officer.locator("input[name^=points_]").all():
        field.fill("2")
    evidence = officer.locator("textarea[name^=evidence_]")
    for index in range(evidence.count()):
        evidence.nth(index).fill("Báo cáo số 45/BC-BTTND ngày 20/11 về kết quả giám sát")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer.locator(".alert-success").first).to_contain_text("Đã lưu phần tự đánh giá")
    proof = tmp_path / "bien-ban-giam-sat.pdf"
    proof.write_bytes(b"%PDF-1.4\n% bien ban giam sat\n")
    officer.locator("input[type=file]").first.set_input_files(str(proof))
    officer.get_by_role("button", name="Thêm tệp").first.click()
    expect(officer.locator(".alert-success").first).to_contain_text("Đã thêm tệp minh chứng")
    expect(officer.get_by_role("link", name="bien-ban-giam-sat.pdf")).to_be_visible()
    officer.get_by_role("button", name="Gửi Sở Nội vụ").click()
    expect(officer.locator(".alert-success").first).to_contain_text("Đã gửi phiếu đánh giá")
    officer.context.close()
    card = AgencyEvaluation.objects.get(evaluation__year=year, agency=justice)
    assert card.status == ScorecardStatus.SUBMITTED

    home_affairs.goto(f"{base}/accountability/evaluation/{year}/{justice.pk}/")
    before = home_affairs.get_by_test_id("score").inner_text()
    home_affairs.get_by_test_id("criterion-6.2").get_by_role("link", name="Điều chỉnh").click()
    home_affairs.locator("[name=points]").fill("1")
    home_affairs.locator("[name=reason]").fill("Mô hình mới triển khai, chưa có quyết định công nhận")
    home_affairs.get_by_role("button", name="Ghi điều chỉnh").click()
    expect(home_affairs.locator(".alert-success").first).to_contain_text("Đã ghi điều chỉnh")
    expect(home_affairs.get_by_test_id("criterion-6.2")).to_contain_text("chưa có quyết định công nhận")
    expect(home_affairs.get_by_test_id("score")).not_to_have_text(before)
    home_affairs.goto(f"{base}/accountability/evaluation/{year}/")
    home_affairs.get_by_role("button", name="Khóa kết quả").click()
    expect(home_affairs.locator(".alert-success").first).to_contain_text("Đã khóa kết quả")
    home_affairs.context.close()
    assert Evaluation.objects.get(year=year).status == EvaluationStatus.LOCKED

    council = _log_in(browser, base, "hdnd")
    council.goto(f"{base}/accountability/evaluation/")
    council.get_by_role("link", name=f"Đánh giá, xếp loại năm {year}").click()
    expect(council.get_by_test_id("distribution")).to_contain_text("Hoàn thành nhiệm vụ")
    expect(council.get_by_test_id("ranking")).to_contain_text("Sở Tư pháp")
    council.get_by_role("link", name="Sở Tư pháp").click()
    expect(council.get_by_test_id("criterion-6.2")).to_contain_text("chưa có quyết định công nhận")
    council.context.close()
