"""Petitions and feedback: the public form, the handling workflow, working-day deadlines, scoping, speed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accountability.models import Petition, PetitionEvent, PetitionField, Step
from accountability.models.petitions import CODE_ALPHABET
from accountability.services import petitions as services
from dancoso.core.models import CalendarDay
from tests.accountability.factories import PetitionFactory, PetitionFieldFactory

NEW_URL = reverse("public_feedback:new")
LIST_URL = reverse("accountability:petition_list")
OVERDUE_URL = reverse("accountability:petition_overdue")


@pytest.fixture
def today(monkeypatch):
    """Pin the services' and selectors' today."""

    def pin(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: day)

    return pin


def _post(client, agency=None, **changes):
    data = {
        "sender_name": "Nguyễn Văn An",
        "sender_phone": "0912345678",
        "sender_email": "",
        "requested_agency": agency.pk if agency else "",
        "field": PetitionField.objects.get(name="Thủ tục hành chính").pk,
        "title": "Đề nghị niêm yết thời hạn giải quyết hồ sơ",
        "content": "Tại bộ phận một cửa chưa niêm yết thời hạn giải quyết hồ sơ lý lịch tư pháp.",
        "consent": "on",
        "website": "",
        **changes,
    }
    return client.post(NEW_URL, data)


# The public form.


def test_a_citizen_sends_feedback_to_a_named_agency_and_gets_a_code(client, agency_a, today):
    today(dt.date(2026, 11, 2))
    response = _post(client, agency_a)
    petition = Petition.objects.get()
    assert response.status_code == 302 and response["Location"] == petition.get_public_url()
    assert petition.status == "assigned" and petition.agency == agency_a
    # 15 working days from Monday 2 November 2026: three weeks later.
    assert petition.deadline == dt.date(2026, 11, 23)
    assert [event.step for event in petition.events.all()] == [Step.RECEIVED, Step.ASSIGNED]
    page = client.get(petition.get_public_url())
    assert petition.code in page.content.decode()


def test_feedback_for_an_unknown_agency_waits_for_home_affairs(client):
    _post(client)
    petition = Petition.objects.get()
    assert petition.status == "received" and petition.agency is None and petition.deadline is None


def test_the_public_page_shows_no_contact_details(client, agency_a):
    _post(client, agency_a, sender_email="an.nguyen@example.vn")
    petition = Petition.objects.get()
    html = client.get(petition.get_public_url()).content.decode()
    assert "0912345678" not in html and "an.nguyen@example.vn" not in html and "Nguyễn Văn An" not in html


def test_a_sender_without_phone_or_email_is_asked_for_one(client):
    response = _post(client, sender_phone="")
    assert response.status_code == 200 and not Petition.objects.exists()
    assert "sender_phone" in response.context["form"].errors
    # What was typed stays in the form.
    assert response.context["form"]["title"].value() == "Đề nghị niêm yết thời hạn giải quyết hồ sơ"


def test_a_10000_character_name_is_refused_with_a_message(client):
    response = _post(client, sender_name="A" * 10_000)
    assert response.status_code == 200 and not Petition.objects.exists()
    assert "sender_name" in response.context["form"].errors


def test_the_honeypot_stores_nothing(client):
    response = _post(client, website="http://spam.example")
    assert response.status_code == 400 and not Petition.objects.exists()


def test_twenty_posts_in_a_minute_from_one_address_are_refused_after_the_limit(client, settings):
    settings.FEEDBACK_RATE = "5/m"
    statuses = [_post(client).status_code for _ in range(20)]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    assert Petition.objects.count() == 5


def test_a_disguised_attachment_is_refused_and_nothing_stored(client, _media):
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    response = _post(client, files=[fake])
    assert response.status_code == 200 and not Petition.objects.exists()
    assert "files" in response.context["form"].errors


def test_four_attachments_are_refused(client, _media):
    files = [SimpleUploadedFile(f"anh-{n}.png", b"\x89PNG\r\n\x1a\n....") for n in range(4)]
    response = _post(client, files=files)
    assert not Petition.objects.exists() and "files" in response.context["form"].errors


def test_attachments_are_kept(client, agency_a, _media):
    files = [
        SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n...."),
        SimpleUploadedFile("bang.xlsx", b"PK\x03\x04...."),
    ]
    _post(client, agency_a, files=files)
    assert sorted(Petition.objects.get().attachments.values_list("original_name", flat=True)) == [
        "anh.png",
        "bang.xlsx",
    ]


@pytest.mark.parametrize("code", ["ZZZZZZZZZZ", "abc", "'; DROP TABLE x", "0" * 10, "A" * 500])
def test_an_unknown_or_malformed_code_is_a_plain_not_found(client, code):
    response = client.get(reverse("public_feedback:track", args=[code]))
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode() or "Not found" in response.content.decode()


def test_codes_are_not_sequential(client, agency_a):
    _post(client, agency_a)
    _post(client, agency_a)
    first, second = Petition.objects.order_by("pk").values_list("code", flat=True)
    assert first != second
    assert len(first) == len(second) == 10
    assert set(first + second) <= set(CODE_ALPHABET)
    # The public URL names the code, never the row's id.
    pk = Petition.objects.get(code=first).pk
    assert reverse("public_feedback:track", args=[first]).rstrip("/").rsplit("/", 1)[-1] == first != str(pk)


def test_a_code_typed_in_lower_case_with_a_dash_is_found(client, agency_a):
    petition = PetitionFactory(agency=agency_a)
    typed = f"{petition.code[:5].lower()}-{petition.code[5:].lower()}"
    response = client.get(reverse("public_feedback:lookup"), {"code": typed}, follow=True)
    assert response.status_code == 200 and response.context["petition"] == petition


# Working days.


def test_a_deadline_skips_tet(today):
    # Received Thursday 12 February 2026: Fri 13 (1); Tết closes 16–20 February; 23–27 (6), 2–6 March (11),
    # 9–12 March (15). Without Tết the deadline would be 5 March.
    today(dt.date(2026, 2, 12))
    petition = services.petition_submit(
        sender_name="Trần Thị Bình",
        sender_phone="0987000111",
        field=PetitionFieldFactory(),
        title="Kiến nghị",
        content="Nội dung",
        requested_agency=PetitionFactory().agency,
    )
    assert petition.deadline == dt.date(2026, 3, 12)


def test_a_swapped_saturday_counts_as_a_working_day(today, admin_user, agency_a):
    # 31 August 2026 is a day off in exchange for Saturday 22 August (recorded by the starting data).
    today(dt.date(2026, 8, 17))
    petition = PetitionFactory(status="received", agency=None, deadline=None, assigned_on=None)
    services.petition_assign(petition=petition, agency=agency_a, actor=admin_user)
    # Working days after 17/8: 18–21 (4), Sat 22 (5), 24–28 (10), 31/8 off, 1–2 Sep holidays, 3–4 (12),
    # 7–9 (15).
    assert petition.deadline == dt.date(2026, 9, 9)
    CalendarDay.objects.filter(day=dt.date(2026, 8, 22)).delete()
    services.petition_assign(petition=petition, agency=agency_a, actor=admin_user)
    assert petition.deadline == dt.date(2026, 9, 10)


def test_a_time_limit_is_the_fields(today, admin_user, agency_a):
    today(dt.date(2026, 11, 2))
    field = PetitionFieldFactory(name="Góp ý dự thảo văn bản", time_limit=5)
    petition = PetitionFactory(field=field, status="received", agency=None, deadline=None, assigned_on=None)
    services.petition_assign(petition=petition, agency=agency_a, actor=admin_user)
    assert petition.deadline == dt.date(2026, 11, 9)


# The workflow.


def test_forwarding_is_allowed_on_the_fifth_working_day_and_not_the_sixth(today, staff_a, agency_a, agency_b):
    petition = PetitionFactory(agency=agency_a, assigned_on=dt.date(2026, 11, 2))
    today(dt.date(2026, 11, 10))  # 6th working day after Monday 2 November
    with pytest.raises(ValidationError, match="5"):
        services.petition_forward(
            petition=petition, agency=agency_b, reason="Ngoài thẩm quyền", actor=staff_a
        )
    today(dt.date(2026, 11, 9))  # 5th working day
    services.petition_forward(petition=petition, agency=agency_b, reason="Ngoài thẩm quyền", actor=staff_a)
    petition.refresh_from_db()
    assert petition.agency == agency_b and petition.assigned_on == dt.date(2026, 11, 9)
    # 24 November is Vietnam Culture Day, a public holiday from 2025 on.
    assert petition.deadline == dt.date(2026, 12, 1)
    assert petition.events.get(step=Step.FORWARDED).text == "Ngoài thẩm quyền"


def test_forwarding_needs_a_reason(staff_a, agency_a, today):
    today(dt.date(2026, 11, 3))
    petition = PetitionFactory(agency=agency_a, assigned_on=dt.date(2026, 11, 2))
    with pytest.raises(ValidationError):
        services.petition_forward(petition=petition, reason="  ", actor=staff_a)


def test_forwarding_back_to_home_affairs_unassigns(staff_a, agency_a, today):
    today(dt.date(2026, 11, 3))
    petition = PetitionFactory(agency=agency_a, assigned_on=dt.date(2026, 11, 2))
    services.petition_forward(petition=petition, reason="Không thuộc lĩnh vực", actor=staff_a)
    assert petition.status == "received" and petition.agency is None


def test_answered_on_time_and_late(staff_a, agency_a, today):
    on_time = PetitionFactory(agency=agency_a, deadline=dt.date(2026, 11, 23))
    late = PetitionFactory(agency=agency_a, deadline=dt.date(2026, 11, 20))
    today(dt.date(2026, 11, 23))
    services.petition_answer(petition=on_time, answer="Đã niêm yết.", actor=staff_a)
    services.petition_answer(petition=late, answer="Đã niêm yết.", actor=staff_a)
    assert on_time.answered_in_time is True and late.answered_in_time is False


def test_reopening_gives_a_new_deadline(staff_a, agency_a, today):
    petition = PetitionFactory(agency=agency_a)
    today(dt.date(2026, 11, 23))
    services.petition_answer(petition=petition, answer="Đã trả lời.", actor=staff_a)
    services.petition_close(petition=petition, actor=staff_a)
    today(dt.date(2026, 11, 30))
    services.petition_reopen(petition=petition, reason="Người gửi chưa đồng ý", actor=staff_a)
    assert petition.status == "in_progress" and petition.deadline == dt.date(2026, 12, 21)
    assert petition.answered_on is None


def test_refusing_needs_a_reason_and_is_shown_publicly(client, staff_a, agency_a):
    petition = PetitionFactory(agency=agency_a)
    services.petition_refuse(
        petition=petition, reason="Đây là đơn khiếu nại, xử lý theo Luật Khiếu nại.", actor=staff_a
    )
    assert "Luật Khiếu nại" in client.get(petition.get_public_url()).content.decode()


def test_internal_notes_never_reach_the_public_page(client, staff_a, agency_a):
    petition = PetitionFactory(agency=agency_a)
    services.petition_note(petition=petition, text="Gọi lại cho người gửi chiều thứ Hai", actor=staff_a)
    assert "Gọi lại" not in client.get(petition.get_public_url()).content.decode()


def test_staff_of_another_agency_cannot_handle_it(staff_b, agency_a):
    petition = PetitionFactory(agency=agency_a)
    with pytest.raises(PermissionDenied):
        services.petition_answer(petition=petition, answer="x", actor=staff_b)


def test_only_home_affairs_assigns(staff_a, agency_a):
    petition = PetitionFactory(status="received", agency=None, deadline=None, assigned_on=None)
    with pytest.raises(PermissionDenied):
        services.petition_assign(petition=petition, agency=agency_a, actor=staff_a)


# Pages and scoping.


def test_agency_b_cannot_see_agency_a_petitions_even_by_guessed_id(client_for, staff_b, agency_a):
    petition = PetitionFactory(agency=agency_a, title="Kiến nghị riêng của cơ quan A")
    client = client_for(staff_b)
    assert "Kiến nghị riêng" not in client.get(LIST_URL).content.decode()
    assert client.get(reverse("accountability:petition_detail", args=[petition.pk])).status_code == 404
    answer = client.post(reverse("accountability:petition_answer", args=[petition.pk]), {"answer": "x"})
    assert answer.status_code == 404
    assert not PetitionEvent.objects.filter(step=Step.ANSWERED).exists()


def test_contact_details_show_to_the_handling_agency_and_home_affairs_only(
    client_for, staff_a, admin_user, leader_user, agency_a
):
    petition = PetitionFactory(agency=agency_a, sender_phone="0911222333")
    url = reverse("accountability:petition_detail", args=[petition.pk])
    assert "0911222333" in client_for(staff_a).get(url).content.decode()
    assert "0911222333" in client_for(admin_user).get(url).content.decode()
    assert "0911222333" not in client_for(leader_user).get(url).content.decode()


def test_the_handling_agency_answers_in_the_browser_flow(client_for, staff_a, agency_a, today):
    today(dt.date(2026, 11, 10))
    petition = PetitionFactory(agency=agency_a)
    client = client_for(staff_a)
    assert client.post(reverse("accountability:petition_start", args=[petition.pk])).status_code == 302
    response = client.post(reverse("accountability:petition_answer", args=[petition.pk]), {"answer": ""})
    assert response.status_code == 400 and "answer" in response.context["steps"]["answer"].errors
    client.post(reverse("accountability:petition_answer", args=[petition.pk]), {"answer": "Đã niêm yết."})
    petition.refresh_from_db()
    assert petition.status == "answered" and petition.answered_in_time


def test_staff_record_a_paper_petition_for_their_own_agency(client_for, staff_a, agency_a, agency_b, today):
    today(dt.date(2026, 11, 2))
    client = client_for(staff_a)
    field = PetitionField.objects.get(name="Y tế")
    data = {
        "source": "paper",
        "received_on": "02/11/2026",
        "sender_name": "Lê Văn Cường",
        "sender_phone": "0900000001",
        "requested_agency": agency_b.pk,  # ignored: staff record their own agency's
        "field": field.pk,
        "title": "Phản ánh giờ làm việc",
        "content": "Bộ phận tiếp dân mở cửa muộn.",
    }
    response = client.post(reverse("accountability:petition_create"), data)
    assert response.status_code == 302, response.context["form"].errors
    petition = Petition.objects.get()
    assert petition.agency == agency_a and petition.source == "paper" and petition.recorded_by == staff_a


def test_the_overdue_view_lists_the_oldest_first(client_for, admin_user, agency_a, agency_b, today):
    today(dt.date(2026, 12, 1))
    newer = PetitionFactory(agency=agency_a, deadline=dt.date(2026, 11, 25))
    older = PetitionFactory(agency=agency_b, deadline=dt.date(2026, 11, 10))
    PetitionFactory(agency=agency_a, deadline=dt.date(2026, 12, 20))
    PetitionFactory(
        agency=agency_a, deadline=dt.date(2026, 11, 1), status="answered", answered_on=dt.date(2026, 11, 1)
    )
    response = client_for(admin_user).get(OVERDUE_URL)
    assert list(response.context["page_obj"]) == [older, newer]
    assert [row["count"] for row in response.context["by_agency"]] == [1, 1]


def test_the_export_opens_and_leaves_out_contact_details(client_for, admin_user, agency_a):
    import io

    from openpyxl import load_workbook

    PetitionFactory(agency=agency_a, sender_phone="0911222333")
    response = client_for(admin_user).get(LIST_URL, {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert sheet.max_row == 2 and "0911222333" not in values


def _bulk(count: int, agency) -> None:
    field = PetitionFieldFactory()
    Petition.objects.bulk_create(
        Petition(
            code=f"T{n:09d}",
            source="portal",
            sender_name="Người gửi",
            sender_phone="0900000000",
            agency=agency,
            field=field,
            title=f"Kiến nghị {n}",
            content="Nội dung",
            status="assigned",
            received_on=dt.date(2026, 10, 1),
            assigned_on=dt.date(2026, 10, 1),
            deadline=dt.date(2026, 10, 22),
        )
        for n in range(count)
    )


@pytest.mark.parametrize("url", [LIST_URL, OVERDUE_URL])
@pytest.mark.parametrize("persona", ["admin_user", "staff_a"])
def test_lists_cost_the_same_queries_for_10_and_10000_petitions(persona, url, request, agency_a, today):
    today(dt.date(2026, 12, 1))
    client = request.getfixturevalue("client")
    client.force_login(request.getfixturevalue(persona))
    _bulk(10, agency_a)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    Petition.objects.all().delete()
    _bulk(10_000, agency_a)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
    assert response.context["page_obj"].paginator.count == 10_000
