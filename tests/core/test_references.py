"""Home Affairs' pages of reference data: the lists the apps declare, and the working-day calendar."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from dancoso.core import navigation, references
from dancoso.core.models import CalendarDay, DayKind
from dancoso.core.navigation import Reference
from propaganda.models import Channel, DocumentType
from tests.propaganda.factories import LegalDocumentFactory

TYPES = "propaganda.documenttype"
CHANNELS = "propaganda.channel"
DAYS = "core.calendarday"


def _list(model: str = TYPES) -> str:
    return reverse("reference_list", kwargs={"model": model})


def _create(model: str = TYPES) -> str:
    return reverse("reference_create", kwargs={"model": model})


def _update(row, model: str = TYPES) -> str:
    return reverse("reference_update", kwargs={"model": model, "pk": row.pk})


def _delete(row, model: str = TYPES) -> str:
    return reverse("reference_delete", kwargs={"model": model, "pk": row.pk})


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def admin(admin_user, client_for):
    return client_for(admin_user)


@pytest.fixture
def document_type(db):
    return DocumentType.objects.create(name="Thông báo", display_order=500)


# The declarations.


def test_the_core_and_propaganda_declare_their_lists(db):
    declared = references.declared()
    assert {TYPES, CHANNELS, DAYS} <= declared.keys()
    assert declared[CHANNELS].fields == ("name", "kind", "display_order")
    # The measures' lists come by article, the core's own last.
    assert list(declared)[-1] == DAYS
    assert declared[TYPES].article == (1, 2) and declared[DAYS].article is None


def test_every_declared_list_names_fields_of_a_model_with_history_and_reach(db):
    for reference in references.declared().values():
        names = {field.name for field in reference.model._meta.get_fields()}
        assert set(reference.fields) <= names, reference.key
        assert hasattr(reference.model, "history"), reference.key
        assert hasattr(reference.model, "reach"), reference.key


def test_a_list_declared_by_an_app_opens_and_an_undeclared_one_does_not(monkeypatch, admin):
    assert admin.get(_list(DAYS)).status_code == 200
    monkeypatch.setattr(navigation, "CORE_REFERENCES", ())
    assert admin.get(_list(DAYS)).status_code == 404
    # Declared again with its day only: the pages show and edit that field and no other.
    monkeypatch.setattr(navigation, "CORE_REFERENCES", (Reference("core.CalendarDay", ("day",)),))
    assert len(admin.get(_list(DAYS)).context["reference"].headers()) == 1
    assert list(admin.get(_create(DAYS)).context["form"].fields) == ["day"]


# Who may open the pages.


@pytest.mark.parametrize("persona", ["staff_a", "leader_user", "council_user"])
def test_only_home_affairs_opens_the_pages(persona, request, client_for, document_type):
    client = client_for(request.getfixturevalue(persona))
    urls = [
        reverse("reference_index"),
        _list(),
        _create(),
        _update(document_type),
        reverse("calendar"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"name": "Đổi tên", "display_order": 1}).status_code == 403, url
    assert client.post(_delete(document_type)).status_code == 403
    document_type.refresh_from_db()
    assert document_type.name == "Thông báo"


def test_anonymous_visitors_are_sent_to_login(client, document_type):
    response = client.get(_list())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("model", ["accounts.user", "agencies.agency", "nope.nothing", "propaganda"])
def test_an_undeclared_model_is_404(model, admin):
    assert admin.get(_list(model)).status_code == 404
    assert admin.get(_create(model)).status_code == 404


def test_a_missing_row_is_404(admin):
    missing = DocumentType(pk=999_999)
    assert admin.get(_update(missing)).status_code == 404
    assert admin.post(_delete(missing)).status_code == 404


def test_the_label_is_read_without_case(admin):
    assert admin.get(_list("propaganda.DocumentType")).status_code == 200


# The index and the lists.


def test_the_index_groups_the_lists_by_article_with_their_row_counts(admin, document_type):
    response = admin.get(reverse("reference_index"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert [group["article"] for group in groups][-1] is None
    counts = {item["reference"].key: item["count"] for group in groups for item in group["lists"]}
    assert counts[TYPES] == DocumentType.objects.count()
    assert counts[CHANNELS] == Channel.objects.count()
    assert counts[DAYS] == CalendarDay.objects.count()
    assert _list(TYPES) in response.content.decode()


def test_the_list_shows_the_declared_fields_with_add_and_edit(admin, document_type):
    response = admin.get(_list())
    page = response.content.decode()
    assert "Thông báo" in page
    assert _create() in page and _update(document_type) in page
    assert len(response.context["reference"].headers()) == 2


def test_the_list_shows_labels_of_choices(admin):
    Channel.objects.create(name="Kênh YouTube", kind="other", display_order=900)
    response = admin.get(_list(CHANNELS), {"q": "youtube"})
    [(row, cells)] = response.context["page_obj"].rows
    assert cells == ["Kênh YouTube", str(Channel(kind="other").get_kind_display()), 900]


def test_the_search_finds_by_name_and_says_when_nothing_matches(admin, document_type):
    response = admin.get(_list(), {"q": "báo"})
    assert [row for row, _cells in response.context["page_obj"].rows] == [document_type]
    response = admin.get(_list(), {"q": "không có loại này"})
    assert response.context["page_obj"].paginator.count == 0
    assert "<table" not in response.content.decode()


def test_a_tampered_search_shows_the_whole_list(admin):
    response = admin.get(_list(), {"q": "x" * 10_000})
    assert response.status_code == 200
    assert response.context["page_obj"].paginator.count == DocumentType.objects.count()


def test_the_list_exports_to_excel(admin, document_type):
    response = admin.get(_list(), {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.values)
    assert len(rows) == DocumentType.objects.count() + 1
    assert ("Thông báo", 500) in rows


def test_the_list_costs_the_same_queries_for_2_and_20_rows(admin, django_assert_num_queries):
    CalendarDay.objects.all().delete()
    for day in range(1, 3):
        CalendarDay.objects.create(day=date(2027, 1, day), kind=DayKind.OFF, name=f"Nghỉ {day}")
    admin.get(_list(DAYS))
    with CaptureQueriesContext(connection) as small:
        assert admin.get(_list(DAYS)).status_code == 200
    for day in range(3, 21):
        CalendarDay.objects.create(day=date(2027, 1, day), kind=DayKind.WORKING, name=f"Làm bù {day}")
    with django_assert_num_queries(len(small.captured_queries)):
        response = admin.get(_list(DAYS))
    assert len(response.context["page_obj"].rows) == 20


# Writes.


def test_home_affairs_adds_a_row_and_its_history_names_them(admin, admin_user):
    response = admin.post(_create(), {"name": "Thông báo kết luận", "display_order": 120})
    assert response.status_code == 302 and response["Location"] == _list()
    row = DocumentType.objects.get(name="Thông báo kết luận")
    assert row.display_order == 120
    record = row.history.get()
    assert record.history_type == "+" and record.history_user == admin_user
    assert _messages(response)


def test_home_affairs_edits_a_row_and_the_edit_page_shows_who_did(admin, admin_user, document_type):
    response = admin.post(_update(document_type), {"name": "Thông báo mới", "display_order": 7})
    assert response.status_code == 302
    document_type.refresh_from_db()
    assert (document_type.name, document_type.display_order) == ("Thông báo mới", 7)
    assert document_type.history.latest().history_user == admin_user
    page = admin.get(_update(document_type))
    assert [row["who"] for row in page.context["history"]][0] == admin_user


def test_a_calendar_day_is_recorded_through_the_reference_form(admin, admin_user):
    CalendarDay.objects.filter(day=date(2026, 8, 22)).delete()
    response = admin.post(
        _create(DAYS), {"day": "22/08/2026", "kind": DayKind.WORKING, "name": "Làm bù cho ngày 31/08/2026"}
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get(day=date(2026, 8, 22))
    assert day.kind == DayKind.WORKING and day.history.get().history_user == admin_user


@pytest.mark.parametrize(
    "data",
    [
        {"name": "x" * 10_000, "display_order": 1},
        {"name": "", "display_order": 1},
        {"name": "Loại mới", "display_order": -3},
        {"name": "Loại mới", "display_order": "mười"},
        {"name": "Nghị định", "display_order": 1},
    ],
    ids=["10000-characters", "empty", "negative", "not-a-number", "duplicate"],
)
def test_bad_input_is_refused_with_a_message(admin, data):
    DocumentType.objects.get_or_create(name="Nghị định")
    before = DocumentType.objects.count()
    response = admin.post(_create(), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "invalid-feedback" in response.content.decode()
    assert DocumentType.objects.count() == before


def test_an_unknown_channel_kind_is_refused(admin):
    response = admin.post(_create(CHANNELS), {"name": "Kênh lạ", "kind": "tiktok", "display_order": 1})
    assert response.status_code == 200 and "kind" in response.context["form"].errors
    assert not Channel.objects.filter(name="Kênh lạ").exists()


def test_only_the_declared_fields_can_be_changed(admin_user, document_type):
    reference = references.reference_for(TYPES)
    with pytest.raises(TypeError):
        references.reference_save(
            reference=reference, row=document_type, fields={"pk": 5, "name": "Khác"}, actor=admin_user
        )
    assert list(references.form_class(reference).base_fields) == ["name", "display_order"]


def test_deleting_an_unused_row_records_who_deleted_it(admin, admin_user, document_type):
    response = admin.post(_delete(document_type))
    assert response.status_code == 302 and response["Location"] == _list()
    assert not DocumentType.objects.filter(pk=document_type.pk).exists()
    last = DocumentType.history.filter(id=document_type.pk).latest()
    assert last.history_type == "-" and last.history_user == admin_user


def test_deleting_a_document_type_in_use_is_refused_with_a_message(admin, document_type):
    LegalDocumentFactory(document_type=document_type)
    response = admin.post(_delete(document_type), follow=True)
    assert DocumentType.objects.filter(pk=document_type.pk).exists()
    [message] = _messages(response)
    assert "Thông báo" in message and "1" in message
    assert response.redirect_chain[-1][0] == _update(document_type)


def test_delete_is_post_only(admin, document_type):
    assert admin.get(_delete(document_type)).status_code == 405
    assert DocumentType.objects.filter(pk=document_type.pk).exists()


# The working-day calendar.


def test_the_calendar_shows_tet_and_the_recorded_days_of_the_year(admin):
    CalendarDay.objects.update_or_create(
        day=date(2026, 8, 22), defaults={"kind": DayKind.WORKING, "name": "Làm bù cho ngày 31/08/2026"}
    )
    response = admin.get(reverse("calendar"), {"year": 2026})
    assert response.status_code == 200
    holidays = {holiday["day"]: holiday for holiday in response.context["holidays"]}
    assert {date(2026, 2, day) for day in range(16, 21)} <= holidays.keys()
    assert not holidays[date(2026, 2, 17)]["is_working_day"]
    saturday = next(day for day in response.context["exceptions"] if day.day == date(2026, 8, 22))
    page = response.content.decode()
    assert _update(saturday, DAYS) in page and _create(DAYS) in page
    assert "Làm bù cho ngày 31/08/2026" in page


def test_the_calendar_counts_the_working_days_of_the_year(admin):
    CalendarDay.objects.filter(day__year=2026).delete()
    without = admin.get(reverse("calendar"), {"year": 2026}).context["working_days"]
    CalendarDay.objects.create(day=date(2026, 8, 22), kind=DayKind.WORKING, name="Làm bù")
    assert admin.get(reverse("calendar"), {"year": 2026}).context["working_days"] == without + 1


@pytest.mark.parametrize("year", ["abc", "99999", "-1"])
def test_a_tampered_year_shows_this_year(admin, year):
    response = admin.get(reverse("calendar"), {"year": year})
    assert response.status_code == 200
    assert response.context["year"] == date.today().year


def test_a_year_without_exceptions_says_so(admin):
    response = admin.get(reverse("calendar"), {"year": 2031})
    assert response.context["exceptions"] == []
    assert "2031" in response.content.decode()


def test_the_menu_links_home_affairs_to_reference_data(admin_user, staff_a):
    def urls(user):
        return {entry["url"] for group in navigation.menu_for(user) for entry in group["entries"]}

    assert {reverse("reference_index"), reverse("calendar")} <= urls(admin_user)
    assert not {reverse("reference_index"), reverse("calendar")} & urls(staff_a)
