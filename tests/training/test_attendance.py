"""Attendance by session: who may mark, what may be marked, bulk marking, history and query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import EnrolmentFactory, SessionFactory
from training.models import Attendance
from training.services.attendance import attendance_all_present, attendance_record
from training.views.attendance import SHEET_PAGE_SIZE


def _post_sheet(client, session, marks):
    data = {}
    for enrolment, (status, note) in marks.items():
        data[f"status-{enrolment.pk}"], data[f"note-{enrolment.pk}"] = status, note
    return client.post(reverse("training:session_attendance", args=[session.pk]), data)


def test_all_present_then_one_absence(past_sessions, trainee_a, trainee_b, admin_user):
    session = past_sessions[0]
    assert attendance_all_present(session=session, actor=admin_user) == 2
    attendance_record(session=session, marks={trainee_b.pk: ("absent", "Ốm")}, actor=admin_user)
    marks = dict(session.attendances.values_list("enrolment_id", "status"))
    assert marks == {trainee_a.pk: "present", trainee_b.pk: "absent"}


def test_all_present_keeps_marks_already_given(past_sessions, trainee_a, trainee_b, admin_user):
    session = past_sessions[0]
    attendance_record(session=session, marks={trainee_b.pk: ("excused", "Đi công tác")}, actor=admin_user)
    assert attendance_all_present(session=session, actor=admin_user) == 1
    assert session.attendances.get(enrolment=trainee_b).status == "excused"


def test_every_change_is_kept_in_the_history(past_sessions, trainee_a, admin_user, staff_a):
    session = past_sessions[0]
    attendance_record(session=session, marks={trainee_a.pk: ("present", "")}, actor=admin_user)
    attendance_record(session=session, marks={trainee_a.pk: ("late", "Đến muộn 15 phút")}, actor=admin_user)
    mark = session.attendances.get()
    assert [(h.status, h.history_user) for h in mark.history.order_by("history_date")] == [
        ("present", admin_user),
        ("late", admin_user),
    ]


def test_unchanged_marks_are_not_rewritten(past_sessions, trainee_a, admin_user):
    session = past_sessions[0]
    attendance_record(session=session, marks={trainee_a.pk: ("present", "")}, actor=admin_user)
    assert attendance_record(session=session, marks={trainee_a.pk: ("present", "")}, actor=admin_user) == 0


def test_cancelled_class_refuses_attendance(past_sessions, trainee_a, admin_user):
    session = past_sessions[0]
    session.training_class.status = "cancelled"
    session.training_class.save()
    with pytest.raises(ValidationError, match="đã bị hủy"):
        attendance_record(session=session, marks={trainee_a.pk: ("present", "")}, actor=admin_user)


def test_future_session_refuses_attendance(open_class, trainee_a, admin_user):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    open_class.start_date, open_class.end_date = tomorrow, tomorrow + dt.timedelta(days=3)
    open_class.save()
    session = SessionFactory(training_class=open_class, date=tomorrow)
    with pytest.raises(ValidationError, match="chưa diễn ra"):
        attendance_record(session=session, marks={trainee_a.pk: ("present", "")}, actor=admin_user)
    assert not Attendance.objects.exists()


def test_only_confirmed_trainees_of_the_class_are_marked(past_sessions, open_class, admin_user):
    pending = EnrolmentFactory(training_class=open_class, status="nominated")
    stranger = EnrolmentFactory()
    for enrolment in (pending, stranger):
        with pytest.raises(ValidationError):
            attendance_record(
                session=past_sessions[0], marks={enrolment.pk: ("present", "")}, actor=admin_user
            )


def test_unknown_status_is_refused(past_sessions, trainee_a, admin_user):
    with pytest.raises(ValidationError):
        attendance_record(session=past_sessions[0], marks={trainee_a.pk: ("asleep", "")}, actor=admin_user)


def test_organiser_staff_mark_the_whole_session(client_for, past_sessions, trainee_a, trainee_b, staff_a):
    organiser = trainee_a.training_class
    organiser.organiser = staff_a.agency
    organiser.save()
    response = _post_sheet(
        client_for(staff_a), past_sessions[0], {trainee_a: ("present", ""), trainee_b: ("absent", "")}
    )
    assert response.status_code == 302
    assert past_sessions[0].attendances.count() == 2


def test_staff_of_another_agency_cannot_mark_even_by_guessing_ids(
    client_for, past_sessions, trainee_a, staff_b
):
    client = client_for(staff_b)
    session = past_sessions[0]
    response = _post_sheet(client, session, {trainee_a: ("absent", "")})
    assert response.status_code == 302, "agency A's trainee is not on B's sheet: nothing is posted for it"
    mark_url = reverse("training:attendance_mark", args=[trainee_a.pk, session.pk])
    assert client.post(mark_url, {f"status-{trainee_a.pk}": "absent"}).status_code == 404
    client.post(reverse("training:attendance_all_present", args=[session.pk]))
    with pytest.raises(ValidationError, match="không thuộc quyền"):
        attendance_record(session=session, marks={trainee_a.pk: ("absent", "")}, actor=staff_b)
    assert not Attendance.objects.exists()


def test_staff_mark_their_own_trainees_in_a_class_of_many_agencies(
    client_for, past_sessions, trainee_a, trainee_b, staff_a
):
    """The class is organised by Home Affairs; agency A marks its own trainee, and only it."""
    client = client_for(staff_a)
    session = past_sessions[0]
    page = client.get(reverse("training:session_attendance", args=[session.pk])).content.decode()
    assert 'data-testid="all-present"' in page and "attendance-read-only" not in page
    mark_url = reverse("training:attendance_mark", args=[trainee_a.pk, session.pk])
    response = client.post(mark_url, {f"status-{trainee_a.pk}": "absent"}, headers={"HX-Request": "true"})
    assert 'data-testid="row-saved"' in response.content.decode()
    client.post(reverse("training:attendance_all_present", args=[session.pk]))
    assert dict(session.attendances.values_list("enrolment_id", "status")) == {trainee_a.pk: "absent"}
    assert session.attendances.get().history.get().history_user == staff_a


def test_all_present_by_an_agency_marks_only_its_own_trainees(past_sessions, trainee_a, trainee_b, staff_a):
    assert attendance_all_present(session=past_sessions[0], actor=staff_a) == 1
    assert list(past_sessions[0].attendances.values_list("enrolment_id", flat=True)) == [trainee_a.pk]


def test_a_class_marked_by_its_organiser_only_refuses_and_explains(
    client_for, open_class, past_sessions, trainee_a, staff_a
):
    open_class.attendance_by = "organiser"
    open_class.save()
    client = client_for(staff_a)
    session = past_sessions[0]
    page = client.get(reverse("training:session_attendance", args=[session.pk])).content.decode()
    assert 'data-testid="attendance-read-only"' in page
    assert f"Lớp này chỉ do đơn vị tổ chức ({open_class.organiser}) điểm danh." in page
    assert 'data-testid="all-present"' not in page and " disabled" in page
    response = _post_sheet(client, session, {trainee_a: ("absent", "")})
    assert response.status_code == 200 and "không thuộc quyền" in response.content.decode()
    mark_url = reverse("training:attendance_mark", args=[trainee_a.pk, session.pk])
    response = client.post(mark_url, {f"status-{trainee_a.pk}": "absent"}, headers={"HX-Request": "true"})
    assert "không thuộc quyền" in response.content.decode()
    assert attendance_all_present(session=session, actor=staff_a) == 0
    assert not Attendance.objects.exists()


def test_leaders_read_the_sheet_and_are_told_who_marks(client_for, past_sessions, trainee_a, leader_user):
    page = client_for(leader_user).get(reverse("training:session_attendance", args=[past_sessions[0].pk]))
    content = page.content.decode()
    assert trainee_a.person.full_name in content
    assert 'data-testid="attendance-read-only"' in content and 'data-testid="all-present"' not in content


def test_staff_b_does_not_see_agency_a_marks(
    client_for, past_sessions, trainee_a, trainee_b, admin_user, staff_b
):
    attendance_record(
        session=past_sessions[0],
        marks={trainee_a.pk: ("absent", "Lý do riêng tư"), trainee_b.pk: ("present", "")},
        actor=admin_user,
    )
    client = client_for(staff_b)
    for url in (
        reverse("training:session_attendance", args=[past_sessions[0].pk]),
        reverse("training:attendance_sheet", args=[trainee_a.training_class_id]),
    ):
        content = client.get(url).content.decode()
        assert trainee_b.person.full_name in content
        assert trainee_a.person.full_name not in content and "Lý do riêng tư" not in content


def test_htmx_row_mark_saves_one_trainee(client_for, past_sessions, trainee_a, admin_user):
    session = past_sessions[0]
    response = client_for(admin_user).post(
        reverse("training:attendance_mark", args=[trainee_a.pk, session.pk]),
        {f"status-{trainee_a.pk}": "late", f"note-{trainee_a.pk}": "Muộn 10 phút"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'data-testid="row-saved"' in response.content.decode()
    assert session.attendances.get().note == "Muộn 10 phút"


def test_refused_sheet_keeps_what_was_typed(client_for, past_sessions, trainee_a, trainee_b, admin_user):
    session = past_sessions[0]
    response = _post_sheet(
        client_for(admin_user), session, {trainee_a: ("absent", "Ghi chú đã gõ"), trainee_b: ("bogus", "")}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Ghi chú đã gõ" in content
    assert f'id="status-{trainee_a.pk}-absent" value="absent" checked' in content
    assert not Attendance.objects.exists()


def _big_class(open_class, size):
    open_class.capacity = size
    open_class.save()
    return EnrolmentFactory.create_batch(size, training_class=open_class)


@pytest.mark.parametrize("size", [20, 500])
def test_marking_a_page_of_the_sheet_is_one_request_with_bounded_queries(
    client_for, past_sessions, open_class, admin_user, size
):
    trainees = _big_class(open_class, size)
    marks = dict.fromkeys(trainees, ("present", ""))
    marks[trainees[0]] = ("absent", "Không báo trước")
    client = client_for(admin_user)
    with CaptureQueriesContext(connection) as queries:
        response = _post_sheet(client, past_sessions[0], marks)
    assert response.status_code == 302
    # The sheet shows a page at a time and a save takes the rows of its page only.
    assert past_sessions[0].attendances.count() == min(size, SHEET_PAGE_SIZE)
    # Session, user, trainees, existing marks, then the inserts and their history. SQLite caps the
    # variables of one statement, so there the 500 rows go in a few batches; PostgreSQL takes one each.
    assert len(queries) <= 30, [q["sql"][:80] for q in queries]


def test_a_large_session_is_marked_a_page_or_an_agency_at_a_time(
    client_for, past_sessions, open_class, admin_user, agency_a
):
    session, url = past_sessions[0], reverse("training:session_attendance", args=[past_sessions[0].pk])
    _big_class(open_class, SHEET_PAGE_SIZE + 30)
    ours = EnrolmentFactory.create_batch(3, training_class=open_class, person__agency=agency_a)
    client = client_for(admin_user)
    first = client.get(url)
    assert len(first.context["rows"]) == SHEET_PAGE_SIZE
    assert first.context["page_obj"].paginator.num_pages == 2
    assert first.context["unmarked"] == SHEET_PAGE_SIZE + 33
    # One agency's trainees, saved from the filtered sheet; the counts still cover the whole session.
    response = client.post(f"{url}?agency={agency_a.pk}", {f"status-{e.pk}": "present" for e in ours})
    assert response.status_code == 302 and response["Location"].endswith(f"?agency={agency_a.pk}")
    assert set(session.attendances.values_list("enrolment", flat=True)) == {e.pk for e in ours}
    after = client.get(url, {"agency": agency_a.pk})
    assert [row["status"] for row in after.context["rows"]] == ["present"] * 3
    assert after.context["counts"]["present"] == 3 and after.context["unmarked"] == SHEET_PAGE_SIZE + 30
    # What is left is found with "not marked yet", and "all present" marks every page at once.
    assert client.get(url, {"unmarked": "on"}).context["page_obj"].paginator.count == SHEET_PAGE_SIZE + 30
    client.post(reverse("training:attendance_all_present", args=[session.pk]))
    assert session.attendances.count() == SHEET_PAGE_SIZE + 33


def test_a_marked_trainee_can_no_longer_be_declined_so_counts_hold(
    client_for, past_sessions, trainee_a, trainee_b, admin_user
):
    from training.services.enrolment import enrolment_decide

    session = past_sessions[0]
    attendance_record(
        session=session, marks={trainee_a.pk: ("present", ""), trainee_b.pk: ("absent", "")}, actor=admin_user
    )
    with pytest.raises(ValidationError, match="không thể từ chối"):
        enrolment_decide(enrolment=trainee_b, confirm=False, reason="Không đúng đối tượng", actor=admin_user)
    counts = (
        client_for(admin_user)
        .get(reverse("training:session_attendance", args=[session.pk]))
        .context["counts"]
    )
    assert (counts["present"], counts["absent"], counts["unmarked"]) == (1, 1, 0)


def test_each_trainee_keeps_the_count_of_their_marks_by_status(
    past_sessions, trainee_a, trainee_b, admin_user
):
    first, second = past_sessions[0], past_sessions[1]
    attendance_record(
        session=first, marks={trainee_a.pk: ("late", ""), trainee_b.pk: ("absent", "")}, actor=admin_user
    )
    attendance_record(session=second, marks={trainee_a.pk: ("present", "")}, actor=admin_user)
    attendance_record(session=first, marks={trainee_b.pk: ("excused", "Ốm")}, actor=admin_user)
    attendance_all_present(session=second, actor=admin_user)
    for trainee, expected in ((trainee_a, (1, 1, 0, 0)), (trainee_b, (1, 0, 1, 0))):
        trainee.refresh_from_db()
        counts = (trainee.marks_present, trainee.marks_late, trainee.marks_excused, trainee.marks_absent)
        assert counts == expected, trainee
