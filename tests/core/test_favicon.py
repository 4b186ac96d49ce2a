"""The portal's icon: linked from every page, and answered at /favicon.ico where browsers ask for it."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image


def test_favicon_ico_is_served_at_the_root(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age" in response["Cache-Control"]
    icon = Image.open(BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO" and (32, 32) in icon.info["sizes"]


def test_favicon_is_not_written(client):
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
def test_pages_link_the_svg_icon_and_the_ico(client, province):
    page = client.get(reverse("portal:home")).content.decode()
    assert '<link rel="icon" href="/static/img/favicon.svg" type="image/svg+xml">' in page
    assert '<link rel="icon" href="/static/img/favicon.ico"' in page
    svg = Path(finders.find("img/favicon.svg")).read_text(encoding="utf-8")
    # The portal's dark red, as in static/css/portal.css.
    assert svg.startswith("<svg") and "#8b1a1a" in svg
