"""The yearly staff conference (Law 10/2022 Art. 51): the rules, scoping, the matrix, exports and speed."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from accountability.models import ConferenceResolution, StaffConference
from accountability.selectors import conferences as selectors
from accountability.services import conferences as services
from tests.accountability.factories import ConferenceResolutionFactory, StaffConferenceFactory
from tests.factories import AgencyFactory


def _data(agency, **changes):
    data = {
        "agency": agency.pk,
        "year": 2025,
        "held_on": "20/01/2026",
        "summoned": 60,
        "present": 55,
        "note": "Hội nghị thường niên",
        **changes,
    }
    return data


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# The rules.


def test_staff_record_their_agency_conference(client_for, staff_a, agency_a, agency_b):
    response = client_for(staff_a).post(reverse("accountability:conference_create"), _data(agency_b))
    conference = StaffConference.objects.get()
    assert response.status_code == 302 and response["Location"] == conference.get_absolute_url()
    # The agency field is disabled for staff: the posted agency B is ignored.
    assert conference.agency == agency_a and conference.created_by == staff_a
    assert conference.history.count() == 1


def test_more_present_than_summoned_is_refused_and_what_was_typed_kept(client_for, staff_a, agency_a):
    response = client_for(staff_a).post(
        reverse("accountability:conference_create"), _data(agency_a, summoned=40, present=41)
    )
    assert response.status_code == 200 and not StaffConference.objects.exists()
    form = response.context["form"]
    assert form.errors["present"] == [_("The staff present cannot outnumber the staff summoned.")]
    assert form["note"].value() == "Hội nghị thường niên"


def test_every_problem_is_reported_at_once(staff_a, agency_a):
    StaffConferenceFactory(agency=agency_a, year=2025)
    with pytest.raises(ValidationError) as refused:
        services.conference_save(
            actor=staff_a,
            agency=agency_a,
            year=2025,
            held_on=dt.date(2024, 12, 31),
            summoned=10,
            present=11,
        )
    assert set(refused.value.message_dict) == {"present", "held_on", "year"}


def test_a_late_conference_is_saved_with_a_warning_and_shown_late(client_for, staff_a, agency_a):
    client = client_for(staff_a)
    response = client.post(reverse("accountability:conference_create"), _data(agency_a, held_on="01/04/2026"))
    conference = StaffConference.objects.get()
    assert response.status_code == 302 and conference.is_late
    warning = _("The conference was held after the deadline of %(deadline)s: it is recorded as late.")
    assert warning % {"deadline": "31/03/2026"} in _messages(response)
    page = client.get(conference.get_absolute_url())
    assert page.context["timing"] == selectors.LATE


def test_held_on_31_march_is_on_time_and_before_the_year_is_refused(staff_a, agency_a):
    conference = services.conference_save(
        actor=staff_a, agency=agency_a, year=2025, held_on=dt.date(2026, 3, 31), summoned=60, present=50
    )
    assert not conference.is_late and services.conference_warnings(conference) == []
    # A conference on 2025 may meet from 1 January 2025, not before.
    conference_2024 = services.conference_save(
        actor=staff_a, agency=agency_a, year=2024, held_on=dt.date(2024, 1, 1), summoned=60, present=50
    )
    assert conference_2024.pk
    with pytest.raises(ValidationError) as refused:
        services.conference_save(
            actor=staff_a, agency=agency_a, year=2023, held_on=dt.date(2022, 12, 31), summoned=6, present=5
        )
    assert "held_on" in refused.value.message_dict


@pytest.mark.parametrize(("present", "valid"), [(40, True), (39, False)])
def test_quorum_is_two_thirds_of_the_staff_summoned(client_for, staff_a, agency_a, present, valid):
    conference = services.conference_save(
        actor=staff_a, agency=agency_a, year=2025, held_on=dt.date(2026, 1, 20), summoned=60, present=present
    )
    assert conference.has_quorum is valid
    no_quorum = _("Fewer than two thirds of the staff summoned were present: it has no quorum.")
    assert (no_quorum in services.conference_warnings(conference)) is not valid
    html = client_for(staff_a).get(conference.get_absolute_url()).content.decode()
    assert (str(_("Invalid, no quorum")) in html) is not valid


def test_a_second_conference_of_the_year_is_refused_in_words(client_for, staff_a, agency_a):
    StaffConferenceFactory(agency=agency_a, year=2025)
    response = client_for(staff_a).post(reverse("accountability:conference_create"), _data(agency_a))
    assert response.status_code == 200 and StaffConference.objects.count() == 1
    message = _("%(agency)s has already recorded its staff conference on %(year)s.")
    assert response.context["form"].errors["year"] == [message % {"agency": agency_a, "year": 2025}]


@pytest.mark.parametrize(("votes_for", "passed"), [(16, True), (15, False)])
def test_a_resolution_passes_with_more_than_half_of_those_present(staff_a, agency_a, votes_for, passed):
    conference = StaffConferenceFactory(agency=agency_a, summoned=40, present=30)
    resolution = services.resolution_save(
        actor=staff_a,
        conference=conference,
        title="Quy chế chi tiêu nội bộ",
        votes_for=votes_for,
        votes_against=3,
    )
    assert resolution.passed is passed


def test_more_votes_than_staff_present_are_refused(client_for, staff_a, agency_a):
    conference = StaffConferenceFactory(agency=agency_a, summoned=40, present=30)
    url = reverse("accountability:resolution_create", args=[conference.pk])
    data = {"title": "Quy chế dân chủ", "votes_for": 25, "votes_against": 6}
    response = client_for(staff_a).post(url, data)
    assert response.status_code == 200 and not ConferenceResolution.objects.exists()
    message = _("%(cast)s votes were cast, but only %(present)s staff were present.")
    assert response.context["form"].errors["votes_for"] == [message % {"cast": 31, "present": 30}]
    assert response.context["form"]["title"].value() == "Quy chế dân chủ"


def test_fewer_present_than_a_resolution_counted_is_refused(staff_a, agency_a):
    resolution = ConferenceResolutionFactory(conference__agency=agency_a, votes_for=50, votes_against=2)
    conference = resolution.conference
    with pytest.raises(ValidationError) as refused:
        services.conference_save(actor=staff_a, conference=conference, present=40)
    assert "present" in refused.value.message_dict


def test_the_detail_page_shows_each_resolution_and_whether_it_passed(client_for, staff_a, agency_a):
    conference = StaffConferenceFactory(agency=agency_a, summoned=40, present=30)
    ConferenceResolutionFactory(conference=conference, title="Được thông qua", votes_for=16, votes_against=0)
    ConferenceResolutionFactory(conference=conference, title="Không thông qua", votes_for=15, votes_against=0)
    response = client_for(staff_a).get(conference.get_absolute_url())
    rows = [(row.title, row.passed) for row in response.context["conference"].resolutions.all()]
    assert rows == [("Được thông qua", True), ("Không thông qua", False)]
    assert response.context["history"]


# Bad input.


def test_a_10000_character_title_is_a_form_error(client_for, staff_a, agency_a):
    conference = StaffConferenceFactory(agency=agency_a)
    url = reverse("accountability:resolution_create", args=[conference.pk])
    response = client_for(staff_a).post(url, {"title": "A" * 10_000, "votes_for": 1, "votes_against": 0})
    assert response.status_code == 200 and "title" in response.context["form"].errors


def test_disguised_minutes_are_refused(client_for, staff_a, agency_a, _media):
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 an executable", content_type="application/pdf")
    data = {**_data(agency_a), "minutes": fake}
    response = client_for(staff_a).post(reverse("accountability:conference_create"), data)
    assert response.status_code == 200 and not StaffConference.objects.exists()
    assert "minutes" in response.context["form"].errors


def test_minutes_are_kept_and_downloaded(client_for, staff_a, agency_a, _media):
    data = {**_data(agency_a), "minutes": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes")}
    client = client_for(staff_a)
    client.post(reverse("accountability:conference_create"), data)
    conference = StaffConference.objects.get()
    response = client.get(reverse("accountability:conference_minutes", args=[conference.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 minutes"


# Scoping.


def test_staff_of_another_agency_get_404_on_every_page_of_a_conference(client_for, staff_b, agency_a, _media):
    resolution = ConferenceResolutionFactory(conference__agency=agency_a)
    conference = resolution.conference
    conference.minutes.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"), save=True)
    client = client_for(staff_b)
    for name, pk in [
        ("conference_detail", conference.pk),
        ("conference_update", conference.pk),
        ("conference_minutes", conference.pk),
        ("resolution_create", conference.pk),
        ("resolution_update", resolution.pk),
    ]:
        url = reverse(f"accountability:{name}", args=[pk])
        assert client.get(url).status_code == 404, name
        assert client.post(url, {"title": "x", "votes_for": 1, "present": 1}).status_code == 404, name
    # A guessed id of no conference at all is answered the same way.
    assert (
        client.get(reverse("accountability:conference_detail", args=[conference.pk + 100])).status_code == 404
    )
    conference.refresh_from_db()
    assert conference.history.count() == 2  # created, and the minutes saved


def test_the_list_shows_only_the_staff_own_agency(client_for, staff_b, agency_a, agency_b):
    StaffConferenceFactory(agency=agency_a)
    own = StaffConferenceFactory(agency=agency_b)
    response = client_for(staff_b).get(reverse("accountability:conference_list"))
    assert list(response.context["page_obj"]) == [own]
    assert "agency" not in response.context["form"].fields


def test_leaders_read_but_do_not_write(client_for, leader_user, agency_a):
    conference = StaffConferenceFactory(agency=agency_a)
    client = client_for(leader_user)
    assert client.get(conference.get_absolute_url()).status_code == 200
    assert client.get(reverse("accountability:conference_update", args=[conference.pk])).status_code == 403


# The matrix and the exports.


def test_the_matrix_lists_the_agencies_that_have_not_held_it_first(
    client_for, admin_user, agency_a, agency_b
):
    StaffConferenceFactory(agency=agency_a, year=2025, held_on=dt.date(2026, 4, 2), summoned=60, present=39)
    response = client_for(admin_user).get(reverse("accountability:conference_matrix"), {"year": 2025})
    rows = response.context["page_obj"].rows
    names = [row.name for row, _cells in rows]
    held_index = names.index(agency_a.name)
    assert names.index(agency_b.name) < held_index
    cells = dict(zip([str(c.header) for c in response.context["columns"]], rows[held_index][1], strict=True))
    assert cells[str(_("On time"))] == str(_("Late"))
    assert cells[str(_("Quorum"))] == str(_("Invalid, no quorum"))
    not_held = rows[names.index(agency_b.name)][1]
    assert str(_("Not held")) in not_held
    totals = response.context["totals"]
    assert totals["held"] == 1 and totals["on_time"] == 0 and totals["quorate"] == 0
    assert totals["agencies"] == len(names)


@pytest.mark.parametrize("persona", ["staff_a", "council_user"])
def test_only_readers_of_every_agency_see_the_matrix(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("accountability:conference_matrix")).status_code == 403


def test_the_matrix_export_opens_and_holds_every_agency(client_for, admin_user, agency_a, agency_b):
    StaffConferenceFactory(agency=agency_a, year=2025)
    url = reverse("accountability:conference_matrix")
    response = client_for(admin_user).get(url, {"year": 2025, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names[-1] == agency_a.name and agency_b.name in names


def test_the_list_export_opens_with_its_rows(client_for, admin_user, agency_a, agency_b):
    StaffConferenceFactory(agency=agency_a, year=2025, summoned=60, present=40)
    StaffConferenceFactory(agency=agency_b, year=2025, summoned=60, present=39)
    response = client_for(admin_user).get(reverse("accountability:conference_list"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert sorted((row[1], row[7]) for row in rows) == sorted(
        [(agency_a.name, str(_("Valid"))), (agency_b.name, str(_("Invalid, no quorum")))]
    )


# Speed.


def _conferences(count: int) -> None:
    for _n in range(count):
        conference = StaffConferenceFactory(agency=AgencyFactory())
        ConferenceResolutionFactory.create_batch(2, conference=conference)


def _queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("name", ["conference_list", "conference_matrix"])
def test_list_and_matrix_cost_the_same_queries_for_2_and_20_conferences(client_for, admin_user, name):
    client = client_for(admin_user)
    url = reverse(f"accountability:{name}")
    _conferences(2)
    client.get(url)
    small = _queries(client, url, year=2025)
    _conferences(18)
    assert _queries(client, url, year=2025) == small


def test_the_detail_page_costs_the_same_queries_for_2_and_20_resolutions(client_for, staff_a, agency_a):
    client = client_for(staff_a)
    conference = StaffConferenceFactory(agency=agency_a, summoned=100, present=90)
    ConferenceResolutionFactory.create_batch(2, conference=conference, votes_for=3)
    client.get(conference.get_absolute_url())
    small = _queries(client, conference.get_absolute_url())
    ConferenceResolutionFactory.create_batch(18, conference=conference, votes_for=3)
    assert _queries(client, conference.get_absolute_url()) == small


def test_every_page_opens_for_its_agency_staff_and_home_affairs(client_for, staff_a, admin_user, agency_a):
    resolution = ConferenceResolutionFactory(conference__agency=agency_a)
    conference = resolution.conference
    pages = [
        reverse("accountability:conference_list"),
        reverse("accountability:conference_create"),
        reverse("accountability:conference_detail", args=[conference.pk]),
        reverse("accountability:conference_update", args=[conference.pk]),
        reverse("accountability:resolution_create", args=[conference.pk]),
        reverse("accountability:resolution_update", args=[resolution.pk]),
    ]
    for user in (staff_a, admin_user):
        client = client_for(user)
        for url in pages:
            assert client.get(url).status_code == 200, url
    assert client.get(reverse("accountability:conference_matrix")).status_code == 200
    assert (
        not client.get(reverse("accountability:conference_create")).context["form"].fields["agency"].disabled
    )


def test_cleared_minutes_leave_the_conference_without_a_file(client_for, staff_a, agency_a, _media):
    conference = StaffConferenceFactory(agency=agency_a)
    conference.minutes.save("bien-ban.pdf", ContentFile(b"%PDF-1.4"), save=True)
    data = {**_data(agency_a), "minutes-clear": "on"}
    response = client_for(staff_a).post(
        reverse("accountability:conference_update", args=[conference.pk]), data
    )
    conference.refresh_from_db()
    assert response.status_code == 302 and not conference.minutes
