"""Nomination and enrolment: own agency only, eligibility, capacity, duplicates, decisions, scoping."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import DemocracyOfficerFactory, EnrolmentFactory, InspectionMemberFactory, PersonFactory
from training.models import Enrolment, EnrolmentStatus
from training.services.enrolment import (
    enrolment_decide,
    enrolment_nominate,
    enrolment_withdraw,
    enrolments_confirm_all,
)


def test_staff_nominate_their_own_officials(open_class, staff_a, agency_a):
    officer = DemocracyOfficerFactory(agency=agency_a)
    [enrolment] = enrolment_nominate(training_class=open_class, people=[officer], actor=staff_a)
    assert (enrolment.status, enrolment.agency, enrolment.target_group) == (
        "nominated",
        agency_a,
        "democracy",
    )
    assert enrolment.history.first().history_user == staff_a


def test_staff_cannot_nominate_another_agencys_official(open_class, staff_b, agency_a):
    officer = DemocracyOfficerFactory(agency=agency_a)
    with pytest.raises(ValidationError, match="cơ quan mình"):
        enrolment_nominate(training_class=open_class, people=[officer], actor=staff_b)
    assert not Enrolment.objects.exists()


def test_ineligible_person_is_refused_and_nothing_is_written(open_class, staff_a, agency_a):
    officer, clerk = DemocracyOfficerFactory(agency=agency_a), PersonFactory(agency=agency_a)
    with pytest.raises(ValidationError) as refusal:
        enrolment_nominate(training_class=open_class, people=[officer, clerk], actor=staff_a)
    assert clerk.full_name in str(refusal.value)
    assert not Enrolment.objects.exists()


def test_inspection_members_are_eligible_when_the_class_targets_them(open_class, staff_a, agency_a):
    open_class.for_inspection_members = True
    open_class.save()
    [enrolment] = enrolment_nominate(
        training_class=open_class, people=[InspectionMemberFactory(agency=agency_a)], actor=staff_a
    )
    assert enrolment.target_group == "inspection"


def test_nobody_is_enrolled_twice(open_class, staff_a, agency_a):
    officer = DemocracyOfficerFactory(agency=agency_a)
    enrolment_nominate(training_class=open_class, people=[officer], actor=staff_a)
    with pytest.raises(ValidationError, match="đã có trong danh sách"):
        enrolment_nominate(training_class=open_class, people=[officer], actor=staff_a)
    assert Enrolment.objects.count() == 1


def test_capacity_is_enforced_over_the_whole_nomination(open_class, staff_a, agency_a):
    EnrolmentFactory(training_class=open_class)
    people = DemocracyOfficerFactory.create_batch(3, agency=agency_a)
    with pytest.raises(ValidationError, match="còn 2 chỗ"):
        enrolment_nominate(training_class=open_class, people=people, actor=staff_a)
    assert enrolment_nominate(training_class=open_class, people=people[:2], actor=staff_a)
    assert open_class.enrolments.count() == 3


def test_declined_people_free_their_seat_and_may_be_nominated_again(
    open_class, admin_user, staff_a, agency_a
):
    officer = DemocracyOfficerFactory(agency=agency_a)
    [enrolment] = enrolment_nominate(training_class=open_class, people=[officer], actor=staff_a)
    enrolment_decide(enrolment=enrolment, confirm=False, reason="Trùng lịch công tác", actor=admin_user)
    [again] = enrolment_nominate(training_class=open_class, people=[officer], actor=staff_a)
    assert (
        again.pk == enrolment.pk and again.status == EnrolmentStatus.NOMINATED and again.decline_reason == ""
    )


def test_class_not_open_refuses_staff_but_not_home_affairs(open_class, staff_a, admin_user, agency_a):
    open_class.status = "planned"
    open_class.save()
    officer = DemocracyOfficerFactory(agency=agency_a)
    with pytest.raises(ValidationError, match="chưa mở"):
        enrolment_nominate(training_class=open_class, people=[officer], actor=staff_a)
    [enrolment] = enrolment_nominate(
        training_class=open_class, people=[officer], actor=admin_user, confirm=True
    )
    assert enrolment.status == EnrolmentStatus.CONFIRMED


def test_declining_needs_a_reason(trainee_a, admin_user):
    with pytest.raises(ValidationError):
        enrolment_decide(enrolment=trainee_a, confirm=False, reason="  ", actor=admin_user)


def test_only_home_affairs_decides(trainee_a, staff_a):
    with pytest.raises(ValidationError):
        enrolment_decide(enrolment=trainee_a, confirm=True, actor=staff_a)


def test_confirm_all_confirms_pending_nominations(open_class, admin_user, agency_a):
    EnrolmentFactory.create_batch(2, training_class=open_class, status="nominated", person__agency=agency_a)
    assert enrolments_confirm_all(training_class=open_class, actor=admin_user) == 2
    assert set(open_class.enrolments.values_list("status", flat=True)) == {"confirmed"}


def test_staff_withdraw_only_their_own_agencys_nominations(trainee_a, staff_a, staff_b):
    with pytest.raises(ValidationError):
        enrolment_withdraw(enrolment=trainee_a, actor=staff_b)
    assert enrolment_withdraw(enrolment=trainee_a, actor=staff_a).status == EnrolmentStatus.WITHDRAWN


def test_nominate_page_lists_only_own_eligible_officials(client_for, staff_a, open_class, agency_a, agency_b):
    mine = DemocracyOfficerFactory(agency=agency_a, full_name="Nguyễn Văn Được Cử")
    PersonFactory(agency=agency_a, full_name="Trần Thị Không Thuộc Đối Tượng")
    DemocracyOfficerFactory(agency=agency_b, full_name="Lê Văn Sở Khác")
    response = client_for(staff_a).get(reverse("training:nominate", args=[open_class.pk]))
    content = response.content.decode()
    assert mine.full_name in content
    assert "Không Thuộc Đối Tượng" not in content and "Sở Khác" not in content


def test_nominating_someone_else_by_a_guessed_id_is_refused(client_for, staff_b, open_class, agency_a):
    other = DemocracyOfficerFactory(agency=agency_a)
    response = client_for(staff_b).post(
        reverse("training:nominate", args=[open_class.pk]), {"people": [other.pk]}
    )
    assert response.status_code == 200
    assert "không còn" in response.content.decode() or "không hợp lệ" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_nominate_page_posts_and_redirects_to_roster(client_for, staff_a, open_class, agency_a):
    officer = DemocracyOfficerFactory(agency=agency_a)
    response = client_for(staff_a).post(
        reverse("training:nominate", args=[open_class.pk]), {"people": [officer.pk]}
    )
    assert response.status_code == 302
    assert open_class.enrolments.get().person == officer


def test_staff_b_does_not_see_agency_a_trainees_on_the_roster(client_for, staff_b, trainee_a, trainee_b):
    response = client_for(staff_b).get(reverse("training:roster", args=[trainee_a.training_class_id]))
    content = response.content.decode()
    assert trainee_b.person.full_name in content
    assert trainee_a.person.full_name not in content


def test_staff_b_cannot_decide_or_withdraw_agency_a_enrolments(client_for, staff_b, trainee_a):
    client = client_for(staff_b)
    assert client.post(reverse("training:enrolment_withdraw", args=[trainee_a.pk])).status_code == 404
    assert (
        client.post(
            reverse("training:enrolment_decide", args=[trainee_a.pk]), {"decision": "confirm"}
        ).status_code
        == 404
    )
    trainee_a.refresh_from_db()
    assert trainee_a.status == "confirmed"


def test_decline_form_keeps_the_choice_and_asks_for_a_reason(client_for, admin_user, trainee_a):
    response = client_for(admin_user).post(
        reverse("training:enrolment_decide", args=[trainee_a.pk]), {"decision": "decline", "reason": ""}
    )
    assert response.status_code == 200
    assert "lý do" in response.content.decode().lower()
    assert 'value="decline" checked' in response.content.decode() or "checked" in response.content.decode()


def test_roster_export_has_the_trainees(client_for, admin_user, trainee_a, trainee_b):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(admin_user).get(
        reverse("training:roster", args=[trainee_a.training_class_id]), {"export": "xlsx"}
    )
    sheet = load_workbook(BytesIO(response.content)).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {trainee_a.person.full_name, trainee_b.person.full_name}
