"""Certificates of completion: who gets one, issuing, codes, the print view, the PDF and the public page."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    EnrolmentFactory,
    SessionFactory,
    TrainingClassFactory,
)
from training import certificates_pdf
from training.models import Attendance, Certificate, Enrolment, TrainingClass
from training.selectors.certificates import certificate_by_code, certificate_list
from training.services import certificates as service
from training.services.attendance import attendance_recount
from training.services.certificates import certificates_issue

CODE_PATTERN = re.compile(r"^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}){2}$")
NOT_FINISHED = "Chỉ cấp giấy chứng nhận khi lớp bồi dưỡng đã kết thúc."
NOT_IN_REGISTER = "không có trong sổ đăng ký giấy chứng nhận"

P, L, E, A = "present", "late", "excused", "absent"


def finished_class(*, sessions: int = 5, **fields) -> TrainingClass:
    """A finished class with ``sessions`` sessions on consecutive days."""
    start = dt.date(2026, 6, 1)
    fields.setdefault("organiser", AgencyFactory(name="Sở Nội vụ tỉnh Bắc Giang"))
    training_class = TrainingClassFactory(
        status="finished", start_date=start, end_date=start + dt.timedelta(days=sessions), **fields
    )
    for day in range(sessions):
        SessionFactory(training_class=training_class, date=start + dt.timedelta(days=day))
    return training_class


def trainee(training_class: TrainingClass, marks: Sequence[str], **fields) -> Enrolment:
    """An enrolment with one attendance mark per session, in session order."""
    enrolment = EnrolmentFactory(training_class=training_class, **fields)
    for session, status in zip(training_class.sessions.order_by("date"), marks, strict=True):
        AttendanceFactory(enrolment=enrolment, session=session, status=status)
    return enrolment


def completed_trainees(training_class: TrainingClass, count: int, *, agency) -> None:
    """``count`` trainees present at every session; attendance written in one go to keep set-up fast."""
    enrolments = EnrolmentFactory.create_batch(count, training_class=training_class, person__agency=agency)
    Attendance.objects.bulk_create(
        Attendance(session=session, enrolment=enrolment, status=P)
        for enrolment in enrolments
        for session in training_class.sessions.all()
    )
    attendance_recount(Enrolment.objects.filter(training_class=training_class))


def issued_to(training_class: TrainingClass) -> set[int]:
    return set(
        Certificate.objects.filter(enrolment__training_class=training_class).values_list(
            "enrolment", flat=True
        )
    )


# The completion rule, at its edges, with the default 80%.


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("sessions", "marks", "late_counts", "completes"),
    [
        (5, [P, P, P, P, A], True, True),
        (5, [P, P, P, E, A], True, False),
        (10, [P] * 8 + [A] * 2, True, True),
        (10, [P] * 7 + [A] * 3, True, False),
        (5, [P, P, P, L, A], True, True),
        (5, [P, P, P, L, A], False, False),
    ],
    ids=[
        "5: 4 present",
        "5: 3 present 1 excused",
        "10: 8 present",
        "10: 7 present",
        "late counts",
        "late not",
    ],
)
def test_certificate_goes_exactly_to_those_meeting_the_attendance_rule(
    admin_user, sessions, marks, late_counts, completes
):
    training_class = finished_class(sessions=sessions, late_counts_as_present=late_counts)
    assert training_class.completion_percent == 80
    enrolment = trainee(training_class, marks)
    certificates_issue(training_class=training_class, actor=admin_user)
    assert issued_to(training_class) == ({enrolment.pk} if completes else set())


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["declined", "nominated", "withdrawn"])
def test_unconfirmed_enrolment_never_gets_a_certificate(admin_user, status):
    training_class = finished_class()
    trainee(training_class, [P] * 5, status=status, decline_reason="Không đúng đối tượng")
    confirmed = trainee(training_class, [P] * 5)
    certificates_issue(training_class=training_class, actor=admin_user)
    assert issued_to(training_class) == {confirmed.pk}


# Issuing.


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["planned", "open", "running", "cancelled"])
def test_certificates_are_issued_only_for_a_finished_class(admin_user, status):
    training_class = finished_class()
    trainee(training_class, [P] * 5)
    TrainingClass.objects.filter(pk=training_class.pk).update(status=status)
    training_class.refresh_from_db()
    with pytest.raises(ValidationError) as refused:
        certificates_issue(training_class=training_class, actor=admin_user)
    assert refused.value.messages == [NOT_FINISHED]
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_certificate_copies_what_it_certifies(admin_user, agency_a):
    training_class = finished_class(title="Lớp bồi dưỡng kỹ năng dân chủ ở cơ sở năm 2026")
    enrolment = trainee(training_class, [P] * 5, person__full_name="Đỗ Thị Hạnh", person__agency=agency_a)
    [certificate] = certificates_issue(training_class=training_class, actor=admin_user)
    certificate.refresh_from_db()
    assert certificate.enrolment == enrolment
    assert (certificate.full_name, certificate.agency_name) == ("Đỗ Thị Hạnh", "Sở Tư pháp tỉnh Bắc Giang")
    assert (certificate.class_title, certificate.organiser_name) == (
        "Lớp bồi dưỡng kỹ năng dân chủ ở cơ sở năm 2026",
        "Sở Nội vụ tỉnh Bắc Giang",
    )
    assert (certificate.start_date, certificate.end_date) == (dt.date(2026, 6, 1), dt.date(2026, 6, 6))
    assert certificate.issued_by == admin_user


@pytest.mark.django_db
def test_issuing_again_issues_only_the_missing_certificates(admin_user):
    training_class = finished_class()
    first = [trainee(training_class, [P] * 5) for _ in range(3)]
    assert len(certificates_issue(training_class=training_class, actor=admin_user)) == 3
    codes_before = dict(Certificate.objects.values_list("enrolment", "code"))
    assert certificates_issue(training_class=training_class, actor=admin_user) == []
    late_comer = trainee(training_class, [P, P, P, P, A])
    [new] = certificates_issue(training_class=training_class, actor=admin_user)
    assert new.enrolment == late_comer
    assert issued_to(training_class) == {enrolment.pk for enrolment in [*first, late_comer]}
    assert {
        k: v for k, v in Certificate.objects.values_list("enrolment", "code") if k != late_comer.pk
    } == codes_before


@pytest.mark.django_db
def test_codes_are_unique_and_readable(admin_user, agency_a):
    training_class = finished_class(sessions=1)
    completed_trainees(training_class, 60, agency=agency_a)
    issued = certificates_issue(training_class=training_class, actor=admin_user)
    codes = [certificate.code for certificate in issued]
    assert len(set(codes)) == 60
    assert all(CODE_PATTERN.match(code) for code in codes)


@pytest.mark.django_db
def test_a_code_already_in_the_register_is_drawn_again(admin_user, monkeypatch):
    taken = finished_class()
    trainee(taken, [P] * 5)
    [existing] = certificates_issue(training_class=taken, actor=admin_user)
    training_class = finished_class()
    enrolment = trainee(training_class, [P] * 5)
    draws = iter([existing.code, "BBBB-CCCC-DDDD"])
    monkeypatch.setattr(service, "_new_code", lambda: next(draws))
    [certificate] = certificates_issue(training_class=training_class, actor=admin_user)
    assert (certificate.enrolment, certificate.code) == (enrolment, "BBBB-CCCC-DDDD")


@pytest.mark.django_db
def test_staff_of_another_agency_cannot_issue(staff_b, agency_a):
    training_class = finished_class(organiser=agency_a)
    trainee(training_class, [P] * 5, person__agency=staff_b.agency)
    with pytest.raises(ValidationError):
        certificates_issue(training_class=training_class, actor=staff_b)
    assert not Certificate.objects.exists()


def _batches(count: int) -> int:
    """INSERT statements a bulk insert of ``count`` certificates and their history records needs (SQLite caps
    parameters per query)."""
    return sum(
        math.ceil(count / connection.ops.bulk_batch_size(fields, [None] * count))
        for fields in (
            [field for field in model._meta.concrete_fields if not field.primary_key]
            for model in (Certificate, Certificate.history.model)
        )
    )


@pytest.mark.django_db
def test_issuing_costs_the_same_queries_for_20_or_200_trainees(admin_user, agency_a):
    counts = {}
    for size in (20, 200):
        training_class = finished_class(sessions=2)
        completed_trainees(training_class, size, agency=agency_a)
        with CaptureQueriesContext(connection) as queries:
            assert len(certificates_issue(training_class=training_class, actor=admin_user)) == size
        counts[size] = len(queries) - _batches(size)
    # The lock, the completed trainees, the codes, and the savepoint around the rows and their history.
    assert counts[20] == counts[200] <= 8


# Views: issuing.


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["admin", "staff_a"])
def test_home_affairs_and_organiser_staff_issue_from_the_class_page(client_for, personas, persona, agency_a):
    training_class = finished_class(organiser=agency_a)
    trainee(training_class, [P] * 5)
    trainee(training_class, [P] * 5)
    response = client_for(personas[persona]).post(
        reverse("training:certificate_issue", args=[training_class.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == training_class.get_absolute_url()
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["Đã cấp 2 giấy chứng nhận."]
    assert Certificate.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("persona", "expected"), [("staff_b", 404), ("leader", 404), ("council", 403)])
def test_others_cannot_issue(client_for, personas, persona, expected, agency_a):
    training_class = finished_class(organiser=agency_a)
    trainee(training_class, [P] * 5)
    response = client_for(personas[persona]).post(
        reverse("training:certificate_issue", args=[training_class.pk])
    )
    assert response.status_code == expected
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_issuing_needs_a_post_and_a_login(client_for, staff_a):
    training_class = finished_class(organiser=staff_a.agency)
    trainee(training_class, [P] * 5)
    url = reverse("training:certificate_issue", args=[training_class.pk])
    assert client_for(staff_a).get(url).status_code == 405
    anonymous = client_for(None).post(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_issuing_for_an_unfinished_class_says_why(client_for, admin_user):
    training_class = finished_class()
    trainee(training_class, [P] * 5)
    TrainingClass.objects.filter(pk=training_class.pk).update(status="running")
    response = client_for(admin_user).post(reverse("training:certificate_issue", args=[training_class.pk]))
    assert response.status_code == 302
    assert [str(m) for m in get_messages(response.wsgi_request)] == [NOT_FINISHED]


# Views: the print view and the PDF.


@pytest.fixture
def certificate_of_agency_a(admin_user, agency_a) -> Certificate:
    """A certificate of a Sở Tư pháp trainee in a class organised by a third agency."""
    training_class = finished_class()
    trainee(training_class, [P] * 5, person__full_name="Lý Thị Thu Trang", person__agency=agency_a)
    [certificate] = certificates_issue(training_class=training_class, actor=admin_user)
    return certificate


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["training:certificate_detail", "training:certificate_pdf"])
@pytest.mark.parametrize(
    ("persona", "expected"),
    [("admin", 200), ("leader", 200), ("staff_a", 200), ("staff_b", 404), ("council", 403)],
)
def test_only_those_in_scope_open_a_certificate(
    client_for, personas, certificate_of_agency_a, name, persona, expected
):
    response = client_for(personas[persona]).get(reverse(name, args=[certificate_of_agency_a.pk]))
    assert response.status_code == expected


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_login_for_the_print_view(client_for, certificate_of_agency_a):
    response = client_for(None).get(certificate_of_agency_a.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.django_db
def test_print_view_shows_the_certificate_with_its_qr_code(client_for, staff_a, certificate_of_agency_a):
    response = client_for(staff_a).get(certificate_of_agency_a.get_absolute_url())
    page = response.content.decode()
    assert "Lý Thị Thu Trang" in page
    assert certificate_of_agency_a.code in page
    assert "<svg" in page and "@media print" in page
    assert reverse("training:certificate_pdf", args=[certificate_of_agency_a.pk]) in page
    assert (
        response.context["verification_url"]
        == f"http://testserver{certificate_of_agency_a.get_verification_url()}"
    )


@pytest.mark.django_db
def test_print_view_costs_the_same_queries_however_many_certificates(client_for, admin_user, agency_a):
    client = client_for(admin_user)
    training_class = finished_class(sessions=1)
    completed_trainees(training_class, 2, agency=agency_a)
    [certificate, *_] = certificates_issue(training_class=training_class, actor=admin_user)
    client.get(certificate.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(certificate.get_absolute_url())
    other = finished_class(sessions=1)
    completed_trainees(other, 30, agency=agency_a)
    certificates_issue(training_class=other, actor=admin_user)
    with CaptureQueriesContext(connection) as many:
        client.get(certificate.get_absolute_url())
    assert len(few) == len(many)


@pytest.mark.django_db
def test_pdf_is_a_reasonable_pdf_named_after_the_code(client_for, staff_a, certificate_of_agency_a):
    response = client_for(staff_a).get(reverse("training:certificate_pdf", args=[certificate_of_agency_a.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'inline; filename="chung-nhan-{certificate_of_agency_a.code}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    assert 10_000 < len(response.content) < 400_000


@pytest.mark.django_db
def test_pdf_without_a_province_in_the_register_still_renders(certificate_of_agency_a):
    content = certificates_pdf.certificate_pdf(
        certificate_of_agency_a, verification_url="https://example.vn/x/"
    )
    assert content.startswith(b"%PDF")


# The class page's certificate card and its selector.


@pytest.mark.django_db
def test_class_certificates_are_scoped_to_the_reader(admin_user, staff_a, staff_b, agency_a, agency_b):
    training_class = finished_class()
    from_a = trainee(training_class, [P] * 5, person__agency=agency_a)
    from_b = trainee(training_class, [P] * 5, person__agency=agency_b)
    certificates_issue(training_class=training_class, actor=admin_user)

    def enrolments(user):
        return {c.enrolment_id for c in certificate_list(user=user, training_class=training_class)}

    assert enrolments(admin_user) == {from_a.pk, from_b.pk}
    assert enrolments(staff_a) == {from_a.pk}
    assert enrolments(staff_b) == {from_b.pk}


@pytest.mark.django_db
def test_certificate_card_lists_certificates_in_constant_queries(admin_user, agency_a):
    def render_card(training_class) -> tuple[str, int]:
        with CaptureQueriesContext(connection) as queries:
            html = render_to_string(
                "training/_certificates.html",
                {
                    "training_class": training_class,
                    "certificates": certificate_list(user=admin_user, training_class=training_class),
                    "can_issue": True,
                },
            )
        return html, len(queries)

    small, large = finished_class(sessions=1), finished_class(sessions=1)
    completed_trainees(small, 2, agency=agency_a)
    completed_trainees(large, 25, agency=agency_a)
    for training_class in (small, large):
        certificates_issue(training_class=training_class, actor=admin_user)
    (_, small_count), (large_html, large_count) = render_card(small), render_card(large)
    assert small_count == large_count == 1
    assert large_html.count("<code>") == 25
    assert reverse("training:certificate_issue", args=[large.pk]) in large_html


@pytest.mark.django_db
def test_certificate_card_for_an_unfinished_class_explains_and_offers_no_button(admin_user):
    training_class = finished_class()
    TrainingClass.objects.filter(pk=training_class.pk).update(status="running")
    training_class.refresh_from_db()
    html = render_to_string(
        "training/_certificates.html",
        {"training_class": training_class, "certificates": Certificate.objects.none(), "can_issue": True},
    )
    assert "Chưa cấp giấy chứng nhận nào cho lớp này." in html
    assert "sau khi lớp bồi dưỡng kết thúc" in html
    assert "ít nhất 80% số buổi học" in html
    assert reverse("training:certificate_issue", args=[training_class.pk]) not in html


# The public verification page.


@pytest.mark.django_db
def test_public_page_shows_the_certificate_to_anyone(client_for, certificate_of_agency_a):
    response = client_for(None).get(certificate_of_agency_a.get_verification_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lý Thị Thu Trang" in page
    assert "Sở Tư pháp tỉnh Bắc Giang" in page
    assert "01/06/2026" in page


@pytest.mark.django_db
def test_public_page_is_tolerant_of_lower_case_and_missing_dashes(client_for, certificate_of_agency_a):
    typed = certificate_of_agency_a.code.replace("-", "").lower()
    response = client_for(None).get(reverse("certificates:verify", args=[typed]))
    assert response.status_code == 200
    assert "Lý Thị Thu Trang" in response.content.decode()


@pytest.mark.django_db
def test_code_typed_in_the_form_leads_to_its_page(client_for, certificate_of_agency_a):
    code = certificate_of_agency_a.code
    typed = f" {code[:4].lower()} {code[5:9]}-{code[10:].lower()} "
    response = client_for(None).get(reverse("certificates:verify", args=["XXXX"]), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == certificate_of_agency_a.get_verification_url()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["ABCD-EFGH-JKMN", "khong-phai-ma", "A" * 500])
def test_unknown_code_answers_404_with_a_plain_message_and_a_form(client_for, certificate_of_agency_a, code):
    response = client_for(None).get(reverse("certificates:verify", args=[code]))
    assert response.status_code == 404
    page = response.content.decode()
    assert NOT_IN_REGISTER in page
    assert 'name="code"' in page
    assert "Lý Thị Thu Trang" not in page


@pytest.mark.django_db
def test_a_mistyped_code_in_the_form_is_kept_for_correction(client_for):
    response = client_for(None).get(reverse("certificates:verify", args=["ABCD"]), {"code": "K7QM-4XPR"})
    assert response.status_code == 404
    assert 'value="K7QM-4XPR"' in response.content.decode()


@pytest.mark.django_db
def test_look_up_by_code_ignores_case_spaces_and_dashes(certificate_of_agency_a):
    code = certificate_of_agency_a.code
    assert certificate_by_code(f"  {code.lower().replace('-', ' ')} ") == certificate_of_agency_a
    assert certificate_by_code(code.replace("-", "")) == certificate_of_agency_a
    assert certificate_by_code(code[:-1]) is None
