"""Figures of Art. 1 §2 (dissemination): the province's section, an agency's, the per-agency figures, the
registry, their query counts, and the posting the library logs when it publishes a document."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from dancoso import indicators as registry
from dancoso.periods import Period, current_period
from propaganda import indicators
from propaganda.models import ChannelKind, Posting
from propaganda.services.library import document_publish
from tests.factories import AgencyFactory, RetiredAgencyFactory
from tests.propaganda.factories import (
    ApprovedPlanFactory,
    DisseminationPlanFactory,
    LegalDocumentFactory,
    PlanActivityFactory,
    PostingFactory,
    channel,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
PERIOD = Period(YEAR)
ADDRESS = "https://dancoso.bacgiang.gov.vn/van-ban/12/"


@pytest.fixture(autouse=True)
def _english():
    """Figures are looked up by their key; labels in English whatever translations are compiled."""
    with translation.override("en"):
        yield


def _values(section) -> dict:
    return {indicator.key: indicator.value for indicator in section.indicators}


def _held(plan, day, participants):
    return PlanActivityFactory(plan=plan, held_on=day, participants=participants)


def _published_at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour)).replace(tzinfo=timezone.get_default_timezone())


@pytest.fixture
def year_of_work(home_affairs, agency_a, agency_b):
    """Four active agencies, two with an approved plan; a retired one whose work no longer counts."""
    built = AgencyFactory(name="Sở Xây dựng tỉnh Bắc Giang", short_name="Sở Xây dựng")
    retired = RetiredAgencyFactory(name="Sở đã giải thể", short_name="Sở cũ")
    plan_a = ApprovedPlanFactory(agency=agency_a)
    _held(plan_a, dt.date(YEAR, 3, 15), 40)
    _held(plan_a, dt.date(YEAR, 6, 1), 35)
    PlanActivityFactory(plan=plan_a)
    _held(DisseminationPlanFactory(agency=agency_b), dt.date(YEAR, 4, 1), 10)
    _held(ApprovedPlanFactory(agency=built, status="done"), dt.date(YEAR, 2, 1), 12)
    _held(ApprovedPlanFactory(agency=retired), dt.date(YEAR, 2, 1), 500)
    # Last year's plan belongs to last year's figures.
    last_year = ApprovedPlanFactory(agency=home_affairs, year=YEAR - 1, decision_date=dt.date(YEAR - 1, 1, 5))
    _held(last_year, dt.date(YEAR - 1, 3, 1), 99)

    website, zalo, facebook = channel("agency_website"), channel("zalo"), channel("facebook")
    PostingFactory(agency=agency_a, channel=website, posted_on=PERIOD.start)
    PostingFactory(agency=agency_a, channel=website, posted_on=PERIOD.end)
    PostingFactory(agency=agency_a, channel=zalo, posted_on=dt.date(YEAR, 5, 1), audience=120)
    PostingFactory(agency=agency_a, channel=facebook, posted_on=dt.date(YEAR, 5, 2), audience=80)
    PostingFactory(agency=agency_a, channel=channel("democracy_portal"), posted_on=dt.date(YEAR, 5, 3))
    PostingFactory(agency=agency_b, channel=facebook, posted_on=dt.date(YEAR, 7, 1), audience=300)
    # Outside the period on either side.
    PostingFactory(agency=agency_a, channel=website, posted_on=PERIOD.start - dt.timedelta(days=1))
    PostingFactory(agency=agency_a, channel=zalo, posted_on=PERIOD.end + dt.timedelta(days=1), audience=999)
    PostingFactory(agency=retired, channel=zalo, posted_on=dt.date(YEAR, 5, 1), audience=700)

    LegalDocumentFactory(published_at=PERIOD.start_at)
    LegalDocumentFactory(published_at=_published_at(PERIOD.end, hour=23))
    LegalDocumentFactory(published_at=PERIOD.end_before)
    LegalDocumentFactory(published_at=PERIOD.start_at - dt.timedelta(seconds=1))
    LegalDocumentFactory(is_published=False, published_at=None)
    return {"built": built, "retired": retired}


def test_the_province_section_sums_the_year_of_every_active_agency(year_of_work):
    section = indicators.section(PERIOD)
    assert not section.is_empty
    assert _values(section) == {
        "propaganda.agencies_with_plan": 2,
        "propaganda.agencies_with_plan_percent": Decimal("50.0"),
        "propaganda.activities_planned": 5,
        "propaganda.activities_held": 4,
        "propaganda.participants": 97,
        "propaganda.postings": 6,
        "propaganda.postings_province_portal": 0,
        "propaganda.postings_democracy_portal": 1,
        "propaganda.postings_agency_website": 2,
        "propaganda.postings_zalo": 1,
        "propaganda.postings_facebook": 2,
        "propaganda.postings_other": 0,
        "propaganda.reached_social": 500,
        "propaganda.documents_published": 2,
    }
    assert section.indicator("propaganda.agencies_with_plan").target == 4
    assert section.indicator("propaganda.activities_held").target == 5
    assert section.indicator("propaganda.has_plan") is None


def test_the_shortfall_names_active_agencies_without_an_approved_plan(year_of_work, home_affairs, agency_b):
    (shortfall,) = indicators.section(PERIOD).shortfalls
    assert shortfall.key == "propaganda.agencies_without_plan"
    assert sorted(shortfall.agencies) == sorted([home_affairs.short_name, agency_b.short_name])


def test_the_table_has_a_row_for_every_active_agency(year_of_work, home_affairs, agency_a, agency_b):
    table = indicators.section(PERIOD).table("by_agency")
    rows = {row.agency_id: row.cells for row in table.rows}
    assert rows == {
        home_affairs.pk: ("No", 0, 0, 0, 0, 0, 0),
        agency_a.pk: ("Yes", 3, 2, 75, 2, 5, 200),
        agency_b.pk: ("No", 1, 1, 10, 0, 1, 300),
        year_of_work["built"].pk: ("Yes", 1, 1, 12, 0, 0, 0),
    }
    assert [column.key for column in table.columns][:2] == ["plan", "activities_planned"]


def test_an_agency_section_has_its_own_figures_only(year_of_work, agency_a):
    section = indicators.section(PERIOD, agency=agency_a)
    assert _values(section) == {
        "propaganda.has_plan": 1,
        "propaganda.activities_planned": 3,
        "propaganda.activities_held": 2,
        "propaganda.participants": 75,
        "propaganda.postings": 5,
        "propaganda.postings_province_portal": 0,
        "propaganda.postings_democracy_portal": 1,
        "propaganda.postings_agency_website": 2,
        "propaganda.postings_zalo": 1,
        "propaganda.postings_facebook": 1,
        "propaganda.postings_other": 0,
        "propaganda.reached_social": 200,
    }
    assert section.indicator("propaganda.has_plan").target == 1
    assert [row.agency_id for row in section.table("by_agency").rows] == [agency_a.pk]
    assert section.shortfalls == ()


def test_an_agency_with_a_draft_plan_has_no_plan(year_of_work, agency_b):
    section = indicators.section(PERIOD, agency=agency_b)
    assert _values(section)["propaganda.has_plan"] == 0
    assert _values(section)["propaganda.participants"] == 10
    assert [row.agency_id for row in section.table("by_agency").rows] == [agency_b.pk]


def test_agency_figures_equal_each_agency_section(year_of_work, home_affairs, agency_a, agency_b):
    figures = indicators.agency_figures(PERIOD)
    for agency in (agency_a, agency_b, year_of_work["built"]):
        section = indicators.section(PERIOD, agency=agency)
        assert {key: values[agency.pk] for key, values in figures.items()} == _values(section), agency
    # Every active agency has a value, the one that did nothing too; the retired one has none.
    assert set(figures["propaganda.has_plan"]) == {
        home_affairs.pk,
        agency_a.pk,
        agency_b.pk,
        year_of_work["built"].pk,
    }
    assert {key: values[home_affairs.pk] for key, values in figures.items()} == dict.fromkeys(figures, 0)


def test_an_agency_that_did_nothing_has_an_empty_section(year_of_work, home_affairs):
    assert indicators.section(PERIOD, agency=home_affairs).is_empty


def test_an_empty_year_says_so(year_of_work):
    empty = Period(YEAR + 3)
    assert indicators.section(empty).is_empty
    assert indicators.agency_figures(empty) == {}


def test_last_year_counts_last_year_plan_and_postings(year_of_work, home_affairs, agency_a):
    values = _values(indicators.section(PERIOD.previous()))
    assert values["propaganda.agencies_with_plan"] == 1
    assert values["propaganda.participants"] == 99
    assert values["propaganda.postings_agency_website"] == 1
    assert values["propaganda.documents_published"] == 1


def test_the_registry_discovers_the_section(year_of_work, agency_a):
    found = registry.section_for("propaganda", PERIOD)
    assert _values(found) == _values(indicators.section(PERIOD))
    own = registry.section_for("propaganda", PERIOD, agency=agency_a)
    assert _values(own)["propaganda.has_plan"] == 1
    assert registry.figures(PERIOD)["propaganda.participants"][agency_a.pk] == 75


def _agencies_with_work(size):
    for agency in AgencyFactory.create_batch(size):
        plan = ApprovedPlanFactory(agency=agency)
        _held(plan, dt.date(YEAR, 3, 15), 10)
        PlanActivityFactory(plan=plan)
        PostingFactory(agency=agency)
        PostingFactory(agency=agency, channel=channel("zalo"), audience=50)
    return agency


@pytest.mark.parametrize(
    "compute",
    [
        lambda agency: indicators.section(PERIOD),
        lambda agency: indicators.section(PERIOD, agency=agency),
        lambda agency: indicators.agency_figures(PERIOD),
    ],
    ids=["province", "agency", "agency_figures"],
)
def test_the_figures_run_the_same_queries_for_3_and_30_agencies(compute):
    counts = []
    for size in (3, 30):
        agency = _agencies_with_work(size)
        with CaptureQueriesContext(connection) as queries:
            compute(agency)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert _values(indicators.section(PERIOD))["propaganda.agencies_with_plan"] == 33


# Publishing a document on the portal logs its posting, which the figures count.


def test_publishing_logs_one_democracy_portal_posting(admin_user, agency_a):
    document = LegalDocumentFactory(is_published=False, level="agency", agency=agency_a)
    document_publish(document=document, actor=admin_user, address=ADDRESS)
    posting = Posting.objects.get()
    assert posting.channel.kind == ChannelKind.DEMOCRACY_PORTAL
    assert (posting.agency, posting.document, posting.url) == (agency_a, document, ADDRESS)
    assert (posting.posted_on, posting.created_by) == (timezone.localdate(), admin_user)
    assert posting.history.get().history_user == admin_user
    # Taken off and published again: the first publication was already logged.
    document_publish(document=document, actor=admin_user, published=False)
    document_publish(document=document, actor=admin_user, address=ADDRESS)
    assert Posting.objects.count() == 1
    values = _values(indicators.section(current_period()))
    assert values["propaganda.postings_democracy_portal"] == 1
    assert values["propaganda.documents_published"] == 1


def test_a_central_document_is_logged_for_the_publisher_agency(admin_user, home_affairs):
    document = LegalDocumentFactory(is_published=False)
    document_publish(document=document, actor=admin_user, address=ADDRESS)
    posting = Posting.objects.get()
    assert (posting.agency, posting.document, posting.url) == (home_affairs, document, ADDRESS)


def test_a_document_already_published_logs_nothing_more(admin_user):
    document = LegalDocumentFactory(is_published=True, published_at=timezone.now())
    document_publish(document=document, actor=admin_user, address=ADDRESS)
    assert Posting.objects.count() == 0
