"""People's Inspection Boards (Nghị định 59/2023): terms, members, the registry kept in step, flags, scoping,
exports and speed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accountability.models import BoardMember, InspectionBoard, SupervisionActivity
from accountability.selectors import boards as selectors
from accountability.services import boards as services
from dancoso.core.workdays import Calendar
from tests.accountability.factories import BoardMemberFactory, InspectionBoardFactory
from tests.factories import AgencyFactory, PersonFactory

TODAY = dt.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """Pin the services' and selectors' today: the factories' board (2025–2027) is in term."""
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: TODAY)


def _board(actor, agency, **changes):
    fields = {
        "agency": agency,
        "elected_on": dt.date(2026, 3, 2),
        "term_start": dt.date(2026, 3, 2),
        "term_end": None,
        "recognised_on": dt.date(2026, 3, 5),
        "recognition_number": "12/QĐ-CĐ",
        "note": "",
        **changes,
    }
    return services.board_save(actor=actor, **fields)


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# Terms.


def test_the_term_ends_two_years_later_when_not_given(staff_a, agency_a):
    board = _board(staff_a, agency_a)
    assert board.term_end == dt.date(2028, 3, 1) and board.history.count() == 1


def test_overlapping_terms_of_one_agency_are_refused(staff_a, agency_a, agency_b):
    _board(staff_a, agency_a)
    with pytest.raises(ValidationError) as refused:
        _board(
            staff_a,
            agency_a,
            elected_on=dt.date(2027, 3, 1),
            term_start=dt.date(2027, 3, 1),
            recognised_on=None,
        )
    assert "term_start" in refused.value.message_dict
    # The next term, from the day after, is accepted.
    later = _board(
        staff_a, agency_a, elected_on=dt.date(2028, 3, 2), term_start=dt.date(2028, 3, 2), recognised_on=None
    )
    assert later.pk and InspectionBoard.objects.filter(agency=agency_a).count() == 2


def test_recognition_before_the_election_is_refused_with_every_problem(staff_a, agency_a):
    with pytest.raises(ValidationError) as refused:
        _board(staff_a, agency_a, recognised_on=dt.date(2026, 3, 1), term_end=dt.date(2026, 1, 1))
    assert set(refused.value.message_dict) == {"recognised_on", "term_end"}


@pytest.mark.parametrize(
    ("recognised_on", "late"), [(dt.date(2026, 3, 9), False), (dt.date(2026, 3, 10), True)]
)
def test_recognition_more_than_5_working_days_after_election_warns(
    client_for, staff_a, agency_a, recognised_on, late
):
    # Elected on Monday 2 March 2026, a month without holidays: Monday 9 March is the 5th working day.
    assert Calendar().between(dt.date(2026, 3, 2), dt.date(2026, 3, 9)) == 5
    data = {
        "elected_on": "02/03/2026",
        "term_start": "02/03/2026",
        "term_end": "",
        "recognised_on": f"{recognised_on:%d/%m/%Y}",
        "recognition_number": "12/QĐ-CĐ",
    }
    client = client_for(staff_a)
    response = client.post(reverse("accountability:board_create"), data)
    board = InspectionBoard.objects.get()
    assert response.status_code == 302 and board.agency == agency_a
    warning = _("Recognised more than %(days)s working days after the election: flagged as late.") % {
        "days": 5
    }
    assert (warning in _messages(response)) is late
    flags = client.get(board.get_absolute_url()).context["flags"]
    assert (_("The election was not recognised within 5 working days") in flags) is late


# Members.


def test_the_tenth_member_is_refused(staff_a, agency_a):
    board = InspectionBoardFactory(agency=agency_a)
    BoardMemberFactory.create_batch(9, board=board)
    with pytest.raises(ValidationError) as refused:
        services.member_add(actor=staff_a, board=board, person=PersonFactory(agency=agency_a), role="member")
    assert refused.value.message_dict[NON_FIELD_ERRORS] == [
        _("A board has at most %(count)s members.") % {"count": 9}
    ]
    assert board.members.count() == 9


def test_a_second_head_is_refused(client_for, staff_a, agency_a):
    board = InspectionBoardFactory(agency=agency_a)
    BoardMemberFactory(board=board, role="head")
    person = PersonFactory(agency=agency_a)
    url = reverse("accountability:member_add", args=[board.pk])
    response = client_for(staff_a).post(url, {"person": person.pk, "role": "head"})
    assert response.status_code == 200 and "role" in response.context["form"].errors
    assert response.context["form"]["person"].value() == str(person.pk)
    assert board.members.count() == 1


def test_a_person_sits_once_and_only_on_their_agency_board(staff_a, agency_a, agency_b):
    board = InspectionBoardFactory(agency=agency_a)
    member = BoardMemberFactory(board=board)
    with pytest.raises(ValidationError) as twice:
        services.member_add(actor=staff_a, board=board, person=member.person, role="deputy")
    assert "person" in twice.value.message_dict
    with pytest.raises(ValidationError) as elsewhere:
        services.member_add(actor=staff_a, board=board, person=PersonFactory(agency=agency_b), role="member")
    assert elsewhere.value.message_dict["person"] == [_("The person must belong to the board's agency.")]


def test_the_registry_follows_the_board(staff_a, agency_a):
    board = _board(staff_a, agency_a)
    person = PersonFactory(agency=agency_a)
    member = services.member_add(actor=staff_a, board=board, person=person, role="head")
    person.refresh_from_db()
    assert person.is_inspection_member
    assert (person.inspection_term_start, person.inspection_term_end) == (board.term_start, board.term_end)
    # A changed term moves the member's dates with it.
    services.board_save(actor=staff_a, board=board, term_end=dt.date(2028, 2, 28))
    person.refresh_from_db()
    assert person.inspection_term_end == dt.date(2028, 2, 28)
    services.member_remove(actor=staff_a, member=member)
    person.refresh_from_db()
    assert not person.is_inspection_member and person.inspection_term_start is None
    assert person.history.count() >= 3


def test_a_member_of_another_current_board_keeps_the_flag(staff_a, agency_a):
    old = InspectionBoardFactory(
        agency=agency_a, term_start=dt.date(2024, 6, 1), term_end=dt.date(2026, 5, 31)
    )
    current = InspectionBoardFactory(agency=agency_a)
    person = PersonFactory(agency=agency_a)
    services.member_add(actor=staff_a, board=current, person=person, role="member")
    seat = services.member_add(actor=staff_a, board=old, person=person, role="member")
    person.refresh_from_db()
    # The registry names the board in term, not the ended one.
    assert person.is_inspection_member and person.inspection_term_start == current.term_start
    services.member_remove(actor=staff_a, member=seat)
    person.refresh_from_db()
    assert person.is_inspection_member and person.inspection_term_end == current.term_end


def test_a_term_ended_by_a_correction_clears_its_members(staff_a, agency_a):
    board = InspectionBoardFactory(agency=agency_a)
    person = PersonFactory(agency=agency_a)
    services.member_add(actor=staff_a, board=board, person=person, role="member")
    services.board_save(
        actor=staff_a, board=board, term_start=dt.date(2024, 1, 1), term_end=dt.date(2025, 12, 31)
    )
    person.refresh_from_db()
    assert not person.is_inspection_member


def test_removing_is_post_only_and_found_first(client_for, staff_a, staff_b, agency_a):
    member = BoardMemberFactory(board__agency=agency_a)
    url = reverse("accountability:member_remove", args=[member.pk])
    assert client_for(staff_b).post(url).status_code == 404
    assert client_for(staff_b).get(url).status_code == 404
    assert client_for(staff_a).get(url).status_code == 405
    assert (
        client_for(staff_a).post(reverse("accountability:member_remove", args=[member.pk + 99])).status_code
        == 404
    )
    response = client_for(staff_a).post(url)
    assert response.status_code == 302 and not BoardMember.objects.exists()


# Flags.


def test_board_flags_name_what_is_wrong_in_two_queries(agency_a, agency_b, django_assert_max_num_queries):
    small = InspectionBoardFactory(agency=agency_a)
    BoardMemberFactory.create_batch(2, board=small)
    full = InspectionBoardFactory(agency=agency_b)
    BoardMemberFactory.create_batch(3, board=full)
    ended = InspectionBoardFactory(
        agency=AgencyFactory(), term_start=dt.date(2023, 1, 1), term_end=dt.date(2024, 12, 31)
    )
    never = AgencyFactory()
    ids = [agency_a.pk, agency_b.pk, ended.agency_id, never.pk]
    with django_assert_max_num_queries(2):
        flags = selectors.board_flags(ids, on=TODAY)
    assert flags == {
        agency_a.pk: [_("The board has fewer than 3 members")],
        agency_b.pk: [],
        ended.agency_id: [_("The board's term has ended")],
        never.pk: [_("No People's Inspection Board in term")],
    }
    assert selectors.board_flags([agency_b.pk], on=dt.date(2030, 1, 1)) == {
        agency_b.pk: [_("The board's term has ended")]
    }


def test_the_detail_page_flags_a_small_board(client_for, staff_a, agency_a):
    board = InspectionBoardFactory(agency=agency_a)
    BoardMemberFactory.create_batch(2, board=board)
    flags = client_for(staff_a).get(board.get_absolute_url()).context["flags"]
    assert flags == [_("The board has fewer than 3 members")]


# Supervision and bad input.


def test_supervision_is_recorded_with_its_findings_file(client_for, staff_a, agency_a, _media):
    board = InspectionBoardFactory(agency=agency_a)
    client = client_for(staff_a)
    data = {
        "subject": "Giám sát thực hiện quy chế chi tiêu nội bộ",
        "started_on": "02/03/2026",
        "ended_on": "06/03/2026",
        "findings": "Đúng quy định.",
        "file": SimpleUploadedFile("ket-luan.pdf", b"%PDF-1.4 findings"),
    }
    response = client.post(reverse("accountability:supervision_create", args=[board.pk]), data)
    activity = SupervisionActivity.objects.get()
    assert response.status_code == 302 and activity.board == board
    download = client.get(reverse("accountability:supervision_file", args=[activity.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 findings"


def test_a_disguised_findings_file_and_a_long_subject_are_form_errors(client_for, staff_a, agency_a, _media):
    board = InspectionBoardFactory(agency=agency_a)
    data = {
        "subject": "A" * 10_000,
        "started_on": "02/03/2026",
        "file": SimpleUploadedFile("ket-luan.pdf", b"MZ\x90\x00 an executable"),
    }
    response = client_for(staff_a).post(reverse("accountability:supervision_create", args=[board.pk]), data)
    assert response.status_code == 200 and not SupervisionActivity.objects.exists()
    assert {"subject", "file"} <= set(response.context["form"].errors)


def test_a_supervision_ending_before_it_starts_is_refused(staff_a, agency_a):
    board = InspectionBoardFactory(agency=agency_a)
    with pytest.raises(ValidationError) as refused:
        services.supervision_save(
            actor=staff_a,
            board=board,
            subject="Giám sát",
            started_on=dt.date(2026, 3, 6),
            ended_on=dt.date(2026, 3, 2),
            findings="",
            file=None,
        )
    assert "ended_on" in refused.value.message_dict


# Scoping.


def test_staff_of_another_agency_get_404_on_every_page_of_a_board(client_for, staff_b, agency_a, _media):
    member = BoardMemberFactory(board__agency=agency_a)
    board = member.board
    activity = SupervisionActivity.objects.create(
        board=board,
        subject="Giám sát",
        started_on=dt.date(2026, 3, 2),
        file=ContentFile(b"%PDF-1.4", name="k.pdf"),
    )
    client = client_for(staff_b)
    for name, pk in [
        ("board_detail", board.pk),
        ("board_update", board.pk),
        ("member_add", board.pk),
        ("member_remove", member.pk),
        ("supervision_create", board.pk),
        ("supervision_update", activity.pk),
        ("supervision_file", activity.pk),
    ]:
        url = reverse(f"accountability:{name}", args=[pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"person": member.person_id, "role": "member"}).status_code == 404, name
    assert board.members.count() == 1
    response = client.get(reverse("accountability:board_list"))
    assert list(response.context["page_obj"]) == []


def test_staff_may_not_add_a_person_of_another_agency_by_id(client_for, staff_a, agency_a, agency_b):
    board = InspectionBoardFactory(agency=agency_a)
    stranger = PersonFactory(agency=agency_b)
    url = reverse("accountability:member_add", args=[board.pk])
    response = client_for(staff_a).post(url, {"person": stranger.pk, "role": "member"})
    assert response.status_code == 200 and "person" in response.context["form"].errors


# Export and speed.


def test_the_list_export_opens_with_its_rows(client_for, admin_user, agency_a, agency_b):
    BoardMemberFactory.create_batch(3, board=InspectionBoardFactory(agency=agency_a))
    InspectionBoardFactory(agency=agency_b)
    response = client_for(admin_user).get(reverse("accountability:board_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = sorted((row[0], row[-1]) for row in sheet.iter_rows(min_row=2, values_only=True))
    assert rows == sorted([(agency_a.name, 3), (agency_b.name, 0)])


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_list_costs_the_same_queries_for_2_and_20_boards(client_for, admin_user):
    client = client_for(admin_user)
    url = reverse("accountability:board_list")
    for _n in range(2):
        BoardMemberFactory.create_batch(2, board__agency=AgencyFactory())
    client.get(url)
    small = _queries(client, url)
    for _n in range(18):
        BoardMemberFactory.create_batch(2, board__agency=AgencyFactory())
    assert _queries(client, url) == small


def test_the_detail_page_costs_the_same_queries_for_2_and_9_members(client_for, staff_a, agency_a):
    client = client_for(staff_a)
    board = InspectionBoardFactory(agency=agency_a)
    BoardMemberFactory.create_batch(2, board=board)
    SupervisionActivity.objects.create(board=board, subject="Giám sát", started_on=dt.date(2026, 3, 2))
    small = _queries(client, board.get_absolute_url())
    BoardMemberFactory.create_batch(7, board=board)
    for day in range(3, 20):
        SupervisionActivity.objects.create(board=board, subject="Giám sát", started_on=dt.date(2026, 3, day))
    assert _queries(client, board.get_absolute_url()) == small


def test_every_page_opens_for_its_agency_staff_and_home_affairs(client_for, staff_a, admin_user, agency_a):
    member = BoardMemberFactory(board__agency=agency_a)
    board = member.board
    activity = SupervisionActivity.objects.create(
        board=board, subject="Giám sát", started_on=dt.date(2026, 3, 2)
    )
    pages = [
        reverse("accountability:board_list"),
        reverse("accountability:board_create"),
        reverse("accountability:board_detail", args=[board.pk]),
        reverse("accountability:board_update", args=[board.pk]),
        reverse("accountability:member_add", args=[board.pk]),
        reverse("accountability:supervision_create", args=[board.pk]),
        reverse("accountability:supervision_update", args=[activity.pk]),
    ]
    for user in (staff_a, admin_user):
        client = client_for(user)
        for url in pages:
            assert client.get(url).status_code == 200, url


def test_the_agency_page_and_the_dashboard_flag_a_board_out_of_term(
    client_for, admin_user, staff_a, agency_a
):
    from tests.accountability.factories import InspectionBoardFactory as Board

    Board(agency=agency_a, elected_on=dt.date(2022, 1, 10), term_start=dt.date(2022, 1, 10),
          term_end=dt.date(2024, 1, 9), recognised_on=dt.date(2022, 1, 12))  # fmt: skip
    page = client_for(admin_user).get(reverse("agencies:agency_detail", args=[agency_a.pk])).content.decode()
    assert 'data-testid="agency-flags"' in page
    dashboard = client_for(staff_a).get(reverse("dashboard")).content.decode()
    assert 'data-testid="flagged-agencies"' in dashboard and agency_a.short_name in dashboard
