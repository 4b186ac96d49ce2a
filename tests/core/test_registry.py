"""The registry: stable keys, one section alone, every agency's figures at once, derived providers, cache."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from dancoso import indicators
from dancoso.indicators import Indicator, Section
from dancoso.periods import Period
from tests.factories import AgencyFactory, DemocracyOfficerFactory, InspectionMemberFactory
from tests.training.test_indicators import _class, _enrol

pytestmark = pytest.mark.django_db

YEAR = 2026
PERIOD = Period(YEAR)


@pytest.fixture
def training_year(home_affairs):
    """A class with three sessions and trainees of eight agencies with varied attendance."""
    training_class, sessions = _class(home_affairs, sessions=3)
    agencies = AgencyFactory.create_batch(8)
    for number, agency in enumerate(agencies):
        InspectionMemberFactory(agency=agency)
        marks = ["PPP", "PLA", "AAA", "PPL"][number % 4]
        _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency), marks)
    return agencies


def test_every_indicator_and_column_has_a_stable_key_under_its_section(training_year):
    for provider in indicators.providers():
        section = indicators.section_for(provider.key, PERIOD)
        assert section.key == provider.key
        keys = [indicator.key for indicator in section.indicators]
        assert len(keys) == len(set(keys)), "keys repeat"
        assert all(key.startswith(f"{section.key}.") for key in keys), keys
        for table in section.tables:
            assert table.key and all(column.key and str(column.label) for column in table.columns)


def test_keys_do_not_change_with_the_language(training_year):
    with translation.override("en"):
        english = [i.key for i in indicators.section_for("training", PERIOD).indicators]
    with translation.override("vi"):
        vietnamese = indicators.section_for("training", PERIOD)
    assert [i.key for i in vietnamese.indicators] == english
    assert vietnamese.indicator("training.classes").label != "Training classes in the year"


def test_section_for_is_the_same_as_in_the_list_of_sections(training_year):
    (listed,) = [s for s in indicators.sections(PERIOD) if s.key == "training"]
    assert indicators.section_for("training", PERIOD) == listed
    agency = training_year[1]
    (scoped,) = [s for s in indicators.sections(PERIOD, agency=agency) if s.key == "training"]
    assert indicators.section_for("training", PERIOD, agency) == scoped
    with pytest.raises(KeyError):
        indicators.section_for("no-such-measure", PERIOD)


def test_figures_of_every_agency_equal_each_agencys_own_section(training_year, agency_a):
    figures = indicators.figures(PERIOD)
    assert figures, "the training provider gives per-agency figures"
    for agency in [*training_year[:5], agency_a]:
        section = indicators.section_for("training", PERIOD, agency)
        for key, values in figures.items():
            assert values[agency.pk] == section.indicator(key).value, (agency, key)


def test_figures_cost_the_same_queries_for_8_or_40_agencies(
    training_year, home_affairs, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            indicators.figures(PERIOD)
        return len(queries)

    small = count()
    training_class = training_year[0].training_enrolments.first().training_class
    sessions = list(training_class.sessions.all())
    for agency in AgencyFactory.create_batch(32):
        _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency), "PPA")
    # A handful of grouped queries per measure (at most 8 each), whatever the number of agencies.
    assert count() == small <= 8 * len(indicators.providers())


def _derived(period, agency=None, figures=None):
    """Reads the training figures: how many agencies have someone who completed."""
    completed = figures.get("training.trainees_completed", {})
    count = sum(1 for value in completed.values() if value)
    return Section("derived", "Tổng hợp", "Điều 1", (Indicator("derived.agencies", "Cơ quan", count),))


def _derived_figures(period, figures=None):
    return {"derived.completed": dict(figures.get("training.trainees_completed", {}))}


def test_a_provider_that_reads_others_is_computed_after_them_and_gets_their_figures(training_year):
    with indicators.registered(
        (0, 1), "derived", _derived, agency_figures=_derived_figures, reads=("training",)
    ):
        order = [provider.key for provider in indicators.computing_order()]
        assert order.index("training") < order.index("derived")
        # Listed first (its article comes first), computed from the training figures all the same.
        assert indicators.providers()[0].key == "derived"
        derived = indicators.section_for("derived", PERIOD)
        figures = indicators.figures(PERIOD)
    # Present at all three sessions, or late once (late counts): four of the eight agencies.
    assert derived.indicator("derived.agencies").value == 4
    assert figures["derived.completed"] == figures["training.trainees_completed"]


def test_a_provider_may_not_read_itself_or_go_round_in_a_cycle():
    def nothing(period, agency=None, figures=None):
        return Section("x", "x", "x")

    with indicators.registered((9, 1), "self", nothing, reads=("self",)), pytest.raises(ValueError):
        indicators.computing_order()
    with (
        indicators.registered((9, 1), "left", nothing, reads=("right",)),
        indicators.registered((9, 2), "right", nothing, reads=("left",)),
        pytest.raises(ValueError, match="cycle"),
    ):
        indicators.computing_order()


# The cache.


def test_a_section_is_computed_once_until_something_changes(no_measure_sections, agency_a, admin_user):
    from dancoso.agencies.services import person_update

    calls = []

    def counted(period, agency=None):
        calls.append(period.year)
        return Section("counted", "Đếm", "Điều 1")

    with indicators.registered((1, 1), "counted", counted, app_label="training"):
        indicators.sections(PERIOD)
        indicators.sections(PERIOD)
        assert calls == [YEAR]
        person = DemocracyOfficerFactory(agency=agency_a)
        person_update(person=person, actor=admin_user, position="Chánh Văn phòng")
        indicators.sections(PERIOD)
    assert calls == [YEAR, YEAR], "a write to the agency registers drops every section"


def test_a_mark_saved_is_on_the_dashboard_at_once(client_for, admin_user, home_affairs, agency_a):
    from training.services.attendance import attendance_record

    training_class, sessions = _class(home_affairs, start=dt.date(YEAR, 3, 2), sessions=2)
    enrolment = _enrol(training_class, sessions, DemocracyOfficerFactory(agency=agency_a), "P")
    client = client_for(admin_user)

    def attendance_rate():
        response = client.get(reverse("dashboard"), {"year": YEAR})
        training = next(s for s in response.context["sections"] if s.key == "training")
        return training.indicator("training.attendance_rate").value

    assert attendance_rate() == 100
    attendance_record(session=sessions[1], marks={enrolment.pk: ("absent", "")}, actor=admin_user)
    assert attendance_rate() == 50


def test_figures_are_served_when_the_cache_is_unreachable(training_year, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert indicators.section_for("training", PERIOD).indicator("training.classes").value == 1


@pytest.mark.services
@pytest.mark.skipif(not settings.REDIS_URL, reason="needs Redis (REDIS_URL): the cache of several processes")
def test_redis_keeps_the_figures_for_every_process(training_year):
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    section = indicators.section_for("training", PERIOD)
    stored = cache._cache.get_client().keys("dancoso:*indicators:training:section*")
    assert stored, "the section went to Redis"
    assert indicators.section_for("training", PERIOD) == section
