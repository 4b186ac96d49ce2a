"""Funding in Chromium: `canbo.yte` enters a budget line for training and a spending entry; `noivu` sees the
execution rate in the summary and in the yearly report's Excel workbook."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Browser, expect

from dancoso.core.numbers import format_percent, percent
from dancoso.measures import MEASURES
from dancoso.periods import current_period
from funding.models import BudgetLine
from tests.e2e.test_date_picker import _type_date
from tests.e2e.test_layout import _log_in
from tests.e2e.test_report import _generate, _start_report

pytestmark = pytest.mark.e2e

CONTENT = "Cử cán bộ phụ trách công tác dân chủ dự lớp bồi dưỡng"


def test_an_agency_budgets_and_spends_and_home_affairs_sees_the_rate(
    live_server, browser: Browser, demo, tmp_path
):
    year = current_period().year
    officer = _log_in(browser, live_server.url, "canbo.yte")
    officer.goto(f"{live_server.url}/funding/lines/new/")
    officer.locator("[name=year]").fill(str(year))
    officer.locator("[name=measure]").select_option(value="training")
    officer.locator("[name=description]").fill(CONTENT)
    officer.locator("[name=source]").select_option(index=1)
    officer.locator("[name=estimate]").fill("-5.000.000")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer.locator(".invalid-feedback").first).to_contain_text("không được âm")
    expect(officer.locator("[name=description]")).to_have_value(CONTENT)
    officer.locator("[name=estimate]").fill("20.000.000")
    officer.locator("[name=allocated]").fill("18,000,000 đ")
    officer.get_by_role("button", name="Lưu").click()
    expect(officer).to_have_url(re.compile(r"/funding/lines/\d+/$"))
    _type_date(officer, "spent_on", f"10/03/{year}")
    officer.locator("[name=amount]").fill("12.600.000")
    officer.locator("[name=document_number]").fill("45/GRN")
    officer.get_by_role("button", name="Ghi", exact=True).click()
    expect(officer.get_by_test_id("spent")).to_have_text("12.600.000 đ")
    officer.context.close()
    line = BudgetLine.objects.get(description=CONTENT)
    assert (line.agency.code, line.spent, line.allocated) == ("SYT", 12_600_000, 18_000_000)

    totals = BudgetLine.objects.filter(year=year, measure="training").values_list("allocated", "spent")
    value = percent(sum(spent for _a, spent in totals), sum(allocated or 0 for allocated, _s in totals))
    rate = format_percent(value)
    home_affairs = _log_in(browser, live_server.url, "noivu")
    home_affairs.goto(f"{live_server.url}/funding/summary/?year={year}")
    row = home_affairs.get_by_test_id("summary").get_by_role("row").filter(has_text="Công tác bồi dưỡng")
    expect(row).to_contain_text(rate)

    _start_report(home_affairs, year)
    _generate(home_affairs, year, 1)
    with home_affairs.expect_download() as download_info:
        home_affairs.get_by_test_id("download-xlsx").click()
    target = Path(tmp_path) / "bao-cao.xlsx"
    download_info.value.save_as(target)
    home_affairs.context.close()
    training = MEASURES[0].heading
    rows = [
        [cell for cell in row if cell is not None]
        for sheet in openpyxl.load_workbook(target).worksheets
        for row in sheet.iter_rows(values_only=True)
    ]
    funding_rows = [row for row in rows if training in row and any(cell == float(value) for cell in row)]
    assert funding_rows, "the report's Excel workbook gives the training line's execution rate"
