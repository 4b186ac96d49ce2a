"""Loading the 2024 agency list: idempotent, parents by code, file order, uncertain rows flagged."""

from __future__ import annotations

import csv
from io import StringIO

import pytest
from django.core.management import call_command

from dancoso.agencies.models import Agency, Province
from dancoso.agencies.services import AGENCIES_CSV, VERIFY_MARKER, agencies_load_csv, agency_retire

pytestmark = pytest.mark.django_db


def _csv_rows() -> list[dict[str, str]]:
    with open(AGENCIES_CSV, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _load() -> str:
    out = StringIO()
    call_command("load_agencies", stdout=out)
    return out.getvalue()


def _snapshot() -> list[tuple]:
    fields = ("pk", "code", "name", "parent__code", "display_order", "needs_verification", "kind")
    return list(Agency.objects.order_by("code").values_list(*fields))


def test_load_twice_gives_the_same_rows_and_no_new_history():
    first = _load()
    snapshot, history = _snapshot(), Agency.history.count()
    second = _load()
    rows = _csv_rows()
    assert 40 <= len(rows) <= 50
    assert len(snapshot) == len(rows)
    assert _snapshot() == snapshot
    assert Agency.history.count() == history == len(rows)
    assert f"{len(rows)} cơ quan, đơn vị ({len(rows)} mới, 0 cập nhật, 0 không thay đổi)" in first
    assert f"(0 mới, 0 cập nhật, {len(rows)} không thay đổi)" in second
    assert Province.objects.get().name == "Bắc Giang"


def test_parents_are_resolved_by_code():
    _load()
    parents = dict(Agency.objects.values_list("code", "parent__code"))
    assert parents["SNV"] == "UBND-BG"
    assert parents["VPTU"] == "TU-BG"
    assert parents["VPDBQH-HDND"] == "HDND-BG"
    assert parents["CONGTTDT"] == "VPUBND"
    assert parents["UBND-BG"] is None
    assert all(parent is None or parent in parents for parent in parents.values())


def test_display_order_follows_the_file_and_uncertain_rows_are_flagged():
    _load()
    rows = _csv_rows()
    assert [agency.code for agency in Agency.objects.order_by("display_order")] == [
        row["code"] for row in rows
    ]
    flagged = set(Agency.objects.filter(needs_verification=True).values_list("code", flat=True))
    assert flagged == {row["code"] for row in rows if row["note"].startswith(VERIFY_MARKER)}
    assert flagged == {"STP", "BQLDA-DDCN", "BQLDA-GTNN", "QDTPT", "VPDBQH-HDND", "CONGTTDT", "TTHCC"}
    assert "SNV" not in flagged
    assert not any("UNCERTAIN" in row["note"] for row in rows)  # the old English marker is gone


def test_reload_restores_file_values_but_keeps_retirements(admin_user):
    _load()
    snv = Agency.objects.get(code="SNV")
    snv.name = "Tên sai"
    snv.save()
    agency_retire(agency=Agency.objects.get(code="H-YENDUNG"), actor=admin_user)
    assert "(0 mới, 1 cập nhật," in _load()
    assert Agency.objects.get(code="SNV").name == "Sở Nội vụ tỉnh Bắc Giang"
    assert not Agency.objects.get(code="H-YENDUNG").is_active


def test_children_listed_before_their_parent_still_load(tmp_path):
    path = tmp_path / "agencies.csv"
    path.write_text(
        "code,name,short_name,kind,parent_code,source,note\n"
        "CON,Phòng Con,Phòng Con,other,ME,,\n"
        "ME,Cơ quan Mẹ,Cơ quan Mẹ,department,,,CẦN XÁC MINH: thử\n",
        encoding="utf-8",
    )
    result = agencies_load_csv(path=path)
    child = Agency.objects.get(code="CON")
    assert (result.created, result.needs_verification) == (2, 1)
    assert (child.parent.code, child.display_order, child.parent.display_order) == ("ME", 10, 20)
