"""Every page a demo user can reach from the menu keeps to the layout, in Chromium at 1366×768.

Nothing visible may stand above the navigation bar (the skip link excepted: it shows only when focused),
the page may not scroll sideways, and nothing inside ``<main>`` may pass the right edge of the window.
A full-page screenshot of each page is kept under test-results/layout/<role>/ for review.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect

from dancoso.accounts.models import User
from dancoso.core.navigation import menu_for

pytestmark = pytest.mark.e2e

VIEWPORT = {"width": 1366, "height": 768}
ROLES = ("noivu", "lanhdao", "hdnd", "canbo.tuphap", "canbo.yte")
SCREENSHOTS = Path(settings.BASE_DIR) / "test-results" / "layout"

# Runs in the page: a description of every visible thing that breaks the layout.
FIND_FAULTS = """
() => {
  const faults = [];
  const width = window.innerWidth;
  const navTop = document.querySelector("nav.navbar").getBoundingClientRect().top;
  const hidden = "script, style, template, .visually-hidden, .visually-hidden-focusable:not(:focus-within)";
  const options = {checkOpacity: true, visibilityProperty: true};
  const shown = (el) => !el.closest(hidden) && el.checkVisibility(options);
  const classes = (el) => (typeof el.className === "string" ? el.className.trim().split(/\\s+/) : []);
  const name = (el) => [el.tagName.toLowerCase() + (el.id ? "#" + el.id : ""), ...classes(el)].join(".");
  const says = (text) => JSON.stringify(text.trim().replace(/\\s+/g, " ").slice(0, 60));

  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || !shown(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const box = range.getBoundingClientRect();
    if (box.width && box.height && box.bottom <= navTop)
      faults.push(`text ${says(node.textContent)} above the navigation bar`);
  }
  // Only the outermost element past the edge is named: its cells and links pass it too.
  const past = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height) continue;
    if (box.bottom <= navTop) faults.push(`${name(el)} ${says(el.textContent)} above the navigation bar`);
    if (el.closest("main") && box.right > width + 0.5 && !past.some((outer) => outer.contains(el))) {
      past.push(el);
      faults.push(`${name(el)} ${says(el.textContent)} passes the right edge (${Math.round(box.right)}px)`);
    }
  }
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) faults.push(`the page scrolls sideways (${scrollWidth}px wide)`);
  return faults;
}
"""


def _log_in(browser: Browser, base_url: str, username: str) -> Page:
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tổng quan", level=1)).to_be_visible()
    return page


def _pages_of(username: str) -> list[str]:
    """The dashboard, the public portal's home, and every entry of the user's menu."""
    menu = [
        entry["url"] for group in menu_for(User.objects.get(username=username)) for entry in group["entries"]
    ]
    return ["/dashboard/", "/", *menu]


def _screenshot_name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "portal-home"


def _faults_on(page: Page, base_url: str, path: str, role: str) -> list[str]:
    response = page.goto(f"{base_url}{path}")
    assert response is not None and response.ok, f"{role} could not open {path}"
    page.screenshot(path=SCREENSHOTS / role / f"{_screenshot_name(path)}.png", full_page=True)
    return [f"{path}: {fault}" for fault in page.evaluate(FIND_FAULTS)]


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_page_keeps_to_the_layout(demo, live_server, browser: Browser, role):
    page = _log_in(browser, live_server.url, role)
    pages = _pages_of(role)
    assert len(pages) > 2, f"{role} has an empty menu"
    faults = [fault for path in pages for fault in _faults_on(page, live_server.url, path, role)]
    page.context.close()
    assert not faults, "\n".join(faults)


# Runs in the page: the dashboard's own faults at this width. A table may scroll inside its box (its cells
# then pass the window's edge, hidden), but its headings must all be in view, none of them cut short.
FIND_DASHBOARD_FAULTS = """
() => {
  const faults = [];
  const width = window.innerWidth;
  const says = (el) => JSON.stringify((el ? el.textContent : "").trim().replace(/\\s+/g, " ").slice(0, 60));
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width) faults.push(`the page scrolls sideways (${scrollWidth}px wide)`);
  for (const el of document.querySelectorAll("main *")) {
    const box = el.getBoundingClientRect();
    if (!el.closest(".table-responsive") && box.width && box.right > width + 0.5)
      faults.push(`${el.tagName} ${says(el)} passes the right edge (${Math.round(box.right)}px)`);
  }
  for (const table of document.querySelectorAll("main table")) {
    if (!table.checkVisibility()) continue;
    const scroller = table.closest(".table-responsive");
    const card = table.dataset.testid !== "agency-table" || (scroller && scroller.closest(".card"));
    if (!scroller || !card) {
      faults.push(`table ${says(table.caption)} does not scroll inside its box`);
      continue;
    }
    const edge = scroller.getBoundingClientRect().right;
    for (const th of table.querySelectorAll("thead th")) {
      if (th.getBoundingClientRect().right > edge + 0.5) faults.push(`heading ${says(th)} is cut off`);
      if (th.scrollWidth > th.clientWidth) faults.push(`heading ${says(th)} is clipped`);
    }
  }
  return faults;
}
"""


@pytest.mark.parametrize("role", ["noivu", "canbo.tuphap"])
def test_the_dashboard_fits_a_1366_pixel_window(demo, live_server, browser: Browser, role):
    page = _log_in(browser, live_server.url, role)
    assert page.viewport_size == VIEWPORT
    assert page.locator("[data-testid=agency-table]").count() > 0, "the demo should show a per-agency table"
    # The figures behind each chart are tables too: open them, so their headings are measured as well.
    for summary in page.locator("[data-testid=trend] details > summary").all():
        summary.click()
    faults = page.evaluate(FIND_DASHBOARD_FAULTS)
    page.context.close()
    assert not faults, "\n".join(faults)
