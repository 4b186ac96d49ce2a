"""Disclosures to staff and consultations: recording them in the browser, the rules, scoping, the Home
Affairs matrix with its gaps and export, bad input and query counts."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accountability.models import Consultation, Disclosure, DisclosureCategory, DisclosureForm
from tests.accountability.factories import (
    ConsultationFactory,
    DisclosureCategoryFactory,
    DisclosureFactory,
)
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("accountability:disclosure_list")
NEW_URL = reverse("accountability:disclosure_create")
MATRIX_URL = reverse("accountability:disclosure_matrix")
CONSULTATIONS_URL = reverse("accountability:consultation_list")
NEW_CONSULTATION_URL = reverse("accountability:consultation_create")


def _data(**changes):
    return {
        "agency": "",
        "category": DisclosureCategory.objects.first().pk,
        "year": 2026,
        "title": "Dự toán ngân sách năm 2026 được giao",
        "period_covered": "Năm 2026",
        "disclosed_on": "10/03/2026",
        "forms": [DisclosureForm.objects.first().pk],
        "url": "",
        "note": "",
        **changes,
    }


def _consultation(**changes):
    return {
        "agency": "",
        "matter": "Quy chế chi tiêu nội bộ năm 2026",
        "kind": "decide",
        "started_on": "02/02/2026",
        "ended_on": "06/02/2026",
        "participation": "meeting",
        "participants": "42",
        "outcome": "Tập thể thống nhất thông qua.",
        **changes,
    }


def test_staff_record_a_disclosure_for_their_own_agency(client_for, staff_a, agency_a, agency_b):
    response = client_for(staff_a).post(NEW_URL, _data(agency=agency_b.pk))
    disclosure = Disclosure.objects.get()
    assert response.status_code == 302 and response["Location"] == disclosure.get_absolute_url()
    # The agency field is fixed for staff: the posted agency B is ignored.
    assert disclosure.agency == agency_a and disclosure.created_by == staff_a
    assert list(disclosure.forms.all()) == [DisclosureForm.objects.first()]
    page = client_for(staff_a).get(disclosure.get_absolute_url()).content.decode()
    assert "Dự toán ngân sách năm 2026 được giao" in page


def test_a_disclosure_without_a_form_keeps_what_was_typed(client_for, staff_a):
    response = client_for(staff_a).post(NEW_URL, _data(forms=[]))
    assert response.status_code == 200 and not Disclosure.objects.exists()
    form = response.context["form"]
    assert "forms" in form.errors
    assert form["title"].value() == "Dự toán ngân sách năm 2026 được giao"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"title": "x" * 10_000}, "title"),
        ({"disclosed_on": "31/02/2026"}, "disclosed_on"),
        ({"disclosed_on": "10/03/2019"}, "disclosed_on"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"year": "99999"}, "year"),
        ({"forms": ["99999999999999999999999"]}, "forms"),
    ],
)
def test_bad_input_gives_a_message_not_an_error(client_for, staff_a, changes, field):
    response = client_for(staff_a).post(NEW_URL, _data(**changes))
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not Disclosure.objects.exists()


def test_a_disguised_file_is_refused(client_for, staff_a, _media):
    upload = SimpleUploadedFile(
        "cong-khai.pdf", b"MZ\x90\x00\x03\x00\x00\x00", content_type="application/pdf"
    )
    response = client_for(staff_a).post(NEW_URL, {**_data(), "file": upload})
    assert response.status_code == 200 and "file" in response.context["form"].errors
    assert not Disclosure.objects.exists()


def test_a_real_pdf_is_kept_and_served_only_in_scope(client_for, staff_a, staff_b, _media):
    upload = SimpleUploadedFile("cong-khai.pdf", b"%PDF-1.4 du toan", content_type="application/pdf")
    client_for(staff_a).post(NEW_URL, {**_data(), "file": upload})
    disclosure = Disclosure.objects.get()
    url = reverse("accountability:disclosure_file", args=[disclosure.pk])
    assert b"".join(client_for(staff_a).get(url).streaming_content).startswith(b"%PDF")
    assert client_for(staff_b).get(url).status_code == 404


def test_agency_b_cannot_see_or_change_agency_a_records_even_by_guessed_id(client_for, staff_b, agency_a):
    disclosure = DisclosureFactory(agency=agency_a, title="Công khai riêng của Sở A")
    consultation = ConsultationFactory(agency=agency_a, matter="Lấy ý kiến riêng của Sở A")
    client = client_for(staff_b)
    for name, pk in [
        ("disclosure_detail", disclosure.pk),
        ("disclosure_update", disclosure.pk),
        ("consultation_detail", consultation.pk),
        ("consultation_update", consultation.pk),
    ]:
        assert client.get(reverse(f"accountability:{name}", args=[pk])).status_code == 404
    assert (
        client.post(reverse("accountability:disclosure_update", args=[disclosure.pk]), _data()).status_code
        == 404
    )
    assert "Công khai riêng của Sở A" not in client.get(LIST_URL).content.decode()
    assert "Lấy ý kiến riêng của Sở A" not in client.get(CONSULTATIONS_URL).content.decode()
    assert client.get(MATRIX_URL).status_code == 403


def test_editing_keeps_a_history_of_the_forms(client_for, staff_a, agency_a):
    disclosure = DisclosureFactory(agency=agency_a)
    second = DisclosureForm.objects.order_by("pk")[1]
    data = _data(forms=[second.pk], title="Tiêu đề mới")
    client = client_for(staff_a)
    client.post(reverse("accountability:disclosure_update", args=[disclosure.pk]), data)
    disclosure.refresh_from_db()
    assert disclosure.title == "Tiêu đề mới" and list(disclosure.forms.all()) == [second]
    page = client.get(disclosure.get_absolute_url()).content.decode()
    assert second.name in page and disclosure.history.count() >= 2


def test_the_matrix_shows_each_agency_gaps_first(client_for, admin_user, agency_a, agency_b):
    DisclosureCategory.objects.update(is_required=False)
    first = DisclosureCategoryFactory(name="Chủ trương, chính sách", is_required=True)
    second = DisclosureCategoryFactory(name="Dự toán ngân sách", is_required=True)
    DisclosureFactory(agency=agency_a, category=first, disclosed_on=dt.date(2026, 2, 3))
    DisclosureFactory(agency=agency_a, category=second, disclosed_on=dt.date(2026, 3, 4))
    DisclosureFactory(agency=agency_b, category=first, disclosed_on=dt.date(2026, 5, 6))
    response = client_for(admin_user).get(MATRIX_URL, {"year": 2026})
    rows = {row.agency.pk: row for row in response.context["page_obj"].rows}
    assert rows[agency_a.pk].gaps == 0 and rows[agency_b.pk].gaps == 1
    assert (
        rows[agency_b.pk].cells[0].first_on == dt.date(2026, 5, 6) and rows[agency_b.pk].cells[1].count == 0
    )
    order = [row.agency.pk for row in response.context["page_obj"].rows]
    assert order.index(agency_b.pk) < order.index(agency_a.pk)
    gaps_only = client_for(admin_user).get(MATRIX_URL, {"year": 2026, "gaps_only": "on"})
    assert agency_a.pk not in [row.agency.pk for row in gaps_only.context["page_obj"].rows]

    export = client_for(admin_user).get(MATRIX_URL, {"year": 2026, "export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in values if "Chủ trương, chính sách" in row)
    assert "Dự toán ngân sách" in header
    line = next(row for row in values if agency_b.name in row)
    assert line[-1] == 1


def test_the_matrix_says_so_when_no_category_is_required(client_for, admin_user, agency_a):
    DisclosureCategory.objects.update(is_required=False)
    response = client_for(admin_user).get(MATRIX_URL)
    assert response.context["required"] == []
    with translation.override("vi"):
        assert (
            translation.gettext("No disclosure category is marked as required yet.")
            in response.content.decode()
        )


def test_staff_record_a_consultation_and_the_end_cannot_precede_the_start(client_for, staff_a, agency_a):
    client = client_for(staff_a)
    bad = client.post(NEW_CONSULTATION_URL, _consultation(ended_on="01/02/2026"))
    assert bad.status_code == 200 and "ended_on" in bad.context["form"].errors
    assert bad.context["form"]["matter"].value() == "Quy chế chi tiêu nội bộ năm 2026"
    response = client.post(NEW_CONSULTATION_URL, _consultation())
    consultation = Consultation.objects.get()
    assert response["Location"] == consultation.get_absolute_url() and consultation.agency == agency_a
    long = client.post(NEW_CONSULTATION_URL, _consultation(matter="y" * 10_000, participants="-3"))
    assert {"matter", "participants"} <= set(long.context["form"].errors)


def test_home_affairs_records_for_any_agency_and_filters(client_for, admin_user, agency_b):
    client = client_for(admin_user)
    client.post(NEW_URL, _data(agency=agency_b.pk))
    assert Disclosure.objects.get().agency == agency_b
    response = client.get(LIST_URL, {"agency": agency_b.pk, "year": 2026})
    assert response.context["page_obj"].paginator.count == 1
    export = client.get(LIST_URL, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    assert any("Dự toán ngân sách năm 2026 được giao" in row for row in sheet.iter_rows(values_only=True))


def _grow(n, agency):
    forms = list(DisclosureForm.objects.all()[:2])
    for _ in range(n):
        DisclosureFactory(agency=agency, forms=forms)
        ConsultationFactory(agency=agency)
        DisclosureFactory(agency=AgencyFactory())


# The matrix is Home Affairs' page: agency staff are refused it (tested with the permission walk).
@pytest.mark.parametrize(
    ("persona", "url"),
    [
        ("admin_user", LIST_URL),
        ("admin_user", CONSULTATIONS_URL),
        ("admin_user", MATRIX_URL),
        ("staff_a", LIST_URL),
        ("staff_a", CONSULTATIONS_URL),
    ],
)
def test_pages_cost_the_same_queries_for_2_and_20_rows(persona, url, request, client, agency_a):
    client.force_login(request.getfixturevalue(persona))
    counts = []
    for n in (2, 18):
        _grow(n, agency_a)
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_detail_pages_cost_the_same_queries_with_more_history(client_for, staff_a, agency_a):
    disclosure = DisclosureFactory(agency=agency_a)
    client = client_for(staff_a)
    counts = []
    for title in ("Lần một", "Lần hai và ba"):
        client.post(reverse("accountability:disclosure_update", args=[disclosure.pk]), _data(title=title))
        with CaptureQueriesContext(connection) as queries:
            client.get(disclosure.get_absolute_url())
        counts.append(len(queries))
    assert counts[0] == counts[1]
