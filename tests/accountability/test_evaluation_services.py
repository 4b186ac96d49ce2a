"""The yearly evaluation (Art. 1 §3c) through its services: preparing the rubric, its validation, opening the
year on every measure's real figures, refreshing them, the agency's scorecard, Home Affairs' review, the
lock and the reopening, and who may read or change what before and after the lock."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accountability import defaults
from accountability.models import (
    AgencyEvaluation,
    Criterion,
    CriterionScore,
    Evaluation,
    EvaluationStatus,
    EvidenceFile,
    Level,
    ScorecardStatus,
)
from accountability.selectors.evaluation import ranking_of
from accountability.services.disclosures import consultation_save
from accountability.services.evaluation import (
    criterion_delete,
    criterion_save,
    evaluation_lock,
    evaluation_open,
    evaluation_prepare,
    evaluation_refresh,
    evaluation_reopen,
    evaluation_settings_save,
    evidence_add,
    evidence_remove,
    score_adjust,
    scorecard_decide,
    scorecard_return,
    scorecard_save,
    scorecard_submit,
)
from dancoso import indicators
from dancoso.accounts import access
from dancoso.agencies.models import Agency
from dancoso.periods import Period
from tests.accountability.factories import BoardMemberFactory, InspectionBoardFactory, PetitionFactory
from tests.factories import (
    AgencyFactory,
    AttendanceFactory,
    DemocracyOfficerFactory,
    EnrolmentFactory,
    RetiredAgencyFactory,
    SessionFactory,
    TrainingClassFactory,
    TrainingPlanFactory,
)

pytestmark = pytest.mark.django_db

YEAR = 2026
D = Decimal
PDF = b"%PDF-1.4 bao cao ket qua"


def _pdf(name="bao-cao-giam-sat.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _open_year(actor, year=YEAR):
    return evaluation_open(evaluation=evaluation_prepare(year=year, actor=actor), actor=actor)


def _card(evaluation, agency):
    return AgencyEvaluation.objects.select_related("evaluation", "agency").get(
        evaluation=evaluation, agency=agency
    )


def _score(evaluation, agency, code):
    return CriterionScore.objects.select_related(
        "criterion", "scorecard__evaluation", "scorecard__agency"
    ).get(scorecard__evaluation=evaluation, scorecard__agency=agency, criterion__code=code)


def _registry_figure(score):
    """The registry's value for the score's agency and indicator in the evaluation's year."""
    figures = indicators.figures(Period(score.scorecard.evaluation.year))
    return figures[score.criterion.indicator_key][score.scorecard.agency_id]


def _assert_scored(evaluation, agency, code, figure, points):
    """The score's figure is the registry's and the number created; its points are those expected."""
    score = _score(evaluation, agency, code)
    assert score.figure == D(str(_registry_figure(score))) == D(figure)
    assert score.computed == D(points)
    return score


def _consult(actor, agency, day=dt.date(YEAR, 2, 2), matter="Quy chế chi tiêu nội bộ năm 2026"):
    return consultation_save(
        actor=actor,
        agency=agency,
        matter=matter,
        kind="decide",
        started_on=day,
        participation="meeting",
        participants=40,
    )


def _history_count():
    """Every history record of the evaluation's rows: a write leaves at least one."""
    models = (Evaluation, Criterion, AgencyEvaluation, CriterionScore, EvidenceFile)
    return sum(model.history.count() for model in models)


# Preparing the rubric.


def test_prepare_copies_the_default_rubric_of_100_points(admin_user):
    evaluation = evaluation_prepare(year=YEAR, actor=admin_user)
    criteria = list(evaluation.criteria.all())
    assert [c.code for c in criteria] == [row["code"] for row in defaults.rubric_rows()]
    assert sum(c.max_points for c in criteria if not c.is_penalty) == D(100)
    assert {c.code for c in criteria if c.is_penalty} == {"T.1", "T.2"}
    assert (evaluation.status, evaluation.excellent_from, evaluation.good_from, evaluation.done_from) == (
        EvaluationStatus.PREPARING,
        D(90),
        D(70),
        D(50),
    )
    # Copied in bulk, yet each criterion has its history.
    assert Criterion.history.filter(evaluation_id=evaluation.pk).count() == len(criteria)


def test_prepare_copies_the_previous_years_edited_rubric_and_rules(admin_user):
    last_year = evaluation_prepare(year=YEAR - 1, actor=admin_user)
    manual = last_year.criteria.get(code="4.2")
    criterion_save(
        evaluation=last_year,
        actor=admin_user,
        criterion=manual,
        title="Ban Thanh tra nhân dân có báo cáo giám sát",
        max_points=D(7),
    )
    criterion_delete(criterion=last_year.criteria.get(code="7.2"), actor=admin_user)
    evaluation_settings_save(
        evaluation=last_year,
        actor=admin_user,
        excellent_from=D(95),
        good_from=D(80),
        done_from=D(60),
        excellent_cap_percent=15,
        head_not_above_agency=False,
    )
    evaluation_prepare(year=YEAR - 2, actor=admin_user)  # an older year is not the one copied

    evaluation = evaluation_prepare(year=YEAR, actor=admin_user)

    copied = {c.code: c for c in evaluation.criteria.all()}
    assert set(copied) == {c.code for c in last_year.criteria.all()}
    assert "7.2" not in copied
    assert (copied["4.2"].title, copied["4.2"].max_points) == (
        "Ban Thanh tra nhân dân có báo cáo giám sát",
        D(7),
    )
    assert copied["1.2"].bands == [[90, 5], [70, 3], [50, 1]]
    assert (
        evaluation.excellent_from,
        evaluation.good_from,
        evaluation.done_from,
        evaluation.excellent_cap_percent,
        evaluation.head_not_above_agency,
    ) == (D(95), D(80), D(60), 15, False)
    # The copies are new rows: last year's rubric is untouched.
    assert not {c.pk for c in evaluation.criteria.all()} & {c.pk for c in last_year.criteria.all()}


def test_a_year_is_prepared_once(admin_user):
    evaluation_prepare(year=YEAR, actor=admin_user)
    with pytest.raises(ValidationError) as refused:
        evaluation_prepare(year=YEAR, actor=admin_user)
    assert set(refused.value.message_dict) == {"year"}
    assert Evaluation.objects.filter(year=YEAR).count() == 1


@pytest.mark.parametrize("persona", ["leader", "council", "staff_a"])
def test_only_home_affairs_prepares_a_year(personas, persona):
    with pytest.raises(PermissionDenied):
        evaluation_prepare(year=YEAR, actor=personas[persona])
    assert not Evaluation.objects.exists()


# Validating a criterion.


@pytest.fixture
def preparing(admin_user, agency_a):
    """A year being prepared whose accountability figures exist (one consultation): their keys are known."""
    _consult(admin_user, agency_a)
    return evaluation_prepare(year=YEAR, actor=admin_user)


def _computed(**changes):
    values = {
        "group": "III. Công khai, bàn và quyết định",
        "code": "3.9",
        "title": "Lấy ý kiến cán bộ về quy chế chi tiêu nội bộ",
        "max_points": D(4),
        "kind": "computed",
        "indicator_key": "accountability.consultations",
        "rule": "target",
        "target": D(2),
    }
    return {**values, **changes}


def test_a_valid_computed_criterion_is_added(preparing, admin_user):
    criterion = criterion_save(evaluation=preparing, actor=admin_user, **_computed())
    assert (criterion.indicator_key, criterion.target, criterion.points_each) == (
        "accountability.consultations",
        D(2),
        None,
    )
    assert preparing.criteria.filter(code="3.9").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"indicator_key": "accountability.no_such_figure"}, "indicator_key"),
        ({"indicator_key": ""}, "indicator_key"),
        ({"target": D(0)}, "target"),
        ({"target": D(-1)}, "target"),
        ({"target": None}, "target"),
        ({"rule": "bands", "target": None, "bands": [[2, D(5)], [1, 2]]}, "bands"),
        ({"rule": "bands", "target": None, "bands": []}, "bands"),
        ({"rule": "", "target": None}, "rule"),
        (
            {
                "kind": "penalty",
                "rule": "",
                "target": None,
                "indicator_key": "accountability.petitions_overdue",
            },
            "points_each",
        ),
        ({"code": "3.3"}, "code"),  # the default rubric's code of the consultations
    ],
)
def test_a_bad_criterion_is_refused_on_its_field(preparing, admin_user, changes, field):
    before = preparing.criteria.count()
    with pytest.raises(ValidationError) as refused:
        criterion_save(evaluation=preparing, actor=admin_user, **_computed(**changes))
    assert set(refused.value.message_dict) == {field}
    assert preparing.criteria.count() == before


def test_a_band_at_the_maximum_is_accepted(preparing, admin_user):
    criterion = criterion_save(
        evaluation=preparing, actor=admin_user, **_computed(rule="bands", target=None, bands=[[2, 4], [1, 2]])
    )
    assert criterion.bands == [[2, 4], [1, 2]]


def test_a_penalty_with_points_each_is_accepted_and_a_manual_criterion_drops_computing_fields(
    preparing, admin_user
):
    penalty = criterion_save(
        evaluation=preparing,
        actor=admin_user,
        **_computed(
            code="T.9",
            kind="penalty",
            rule="",
            target=None,
            indicator_key="accountability.petitions_overdue",
            points_each=D(1),
        ),
    )
    assert penalty.points_each == D(1)
    manual = criterion_save(
        evaluation=preparing, actor=admin_user, **_computed(code="3.8", kind="manual", points_each=D(2))
    )
    assert (manual.indicator_key, manual.rule, manual.target, manual.points_each) == ("", "", None, None)


def test_the_rubric_cannot_be_changed_once_the_year_is_open(preparing, admin_user):
    evaluation = evaluation_open(evaluation=preparing, actor=admin_user)
    criterion = evaluation.criteria.get(code="1.1")
    with pytest.raises(ValidationError) as refused:
        criterion_save(evaluation=evaluation, actor=admin_user, criterion=criterion, max_points=D(20))
    assert not hasattr(refused.value, "error_dict")
    with pytest.raises(ValidationError):
        criterion_save(evaluation=evaluation, actor=admin_user, **_computed())
    with pytest.raises(ValidationError):
        criterion_delete(criterion=criterion, actor=admin_user)
    criterion.refresh_from_db()
    assert criterion.max_points == D(10)
    assert evaluation.criteria.count() == len(defaults.RUBRIC)


# The ranking rules.


@pytest.mark.parametrize(
    "thresholds",
    [
        {"excellent_from": D(70), "good_from": D(70), "done_from": D(50)},
        {"excellent_from": D(90), "good_from": D(50), "done_from": D(50)},
        {"excellent_from": D(60), "good_from": D(70), "done_from": D(50)},
        {"good_from": D(40)},
    ],
)
def test_thresholds_out_of_order_are_refused(admin_user, thresholds):
    evaluation = evaluation_prepare(year=YEAR, actor=admin_user)
    with pytest.raises(ValidationError) as refused:
        evaluation_settings_save(evaluation=evaluation, actor=admin_user, **thresholds)
    assert set(refused.value.message_dict) == {"good_from"}
    evaluation.refresh_from_db()
    assert (evaluation.excellent_from, evaluation.good_from, evaluation.done_from) == (D(90), D(70), D(50))


def test_thresholds_in_order_are_saved(admin_user):
    evaluation = evaluation_prepare(year=YEAR, actor=admin_user)
    evaluation_settings_save(
        evaluation=evaluation, actor=admin_user, excellent_from=D(95), good_from=D(75), done_from=D(55)
    )
    evaluation.refresh_from_db()
    assert (evaluation.excellent_from, evaluation.good_from, evaluation.done_from) == (D(95), D(75), D(55))


# Opening the year.


def test_open_gives_every_active_agency_a_scorecard_with_one_score_per_criterion(
    admin_user, home_affairs, agency_a, agency_b
):
    retired = RetiredAgencyFactory()
    # Listed for context (the Party committee, the newspaper …), not ranked by the People's Committee.
    other = AgencyFactory(kind=Agency.Kind.OTHER)
    evaluation = _open_year(admin_user)
    assert evaluation.status == EvaluationStatus.OPEN and evaluation.opened_at is not None
    cards = list(evaluation.scorecards.all())
    assert {card.agency_id for card in cards} == {home_affairs.pk, agency_a.pk, agency_b.pk}
    assert not {retired.pk, other.pk} & {card.agency_id for card in cards}
    criteria = set(evaluation.criteria.values_list("pk", flat=True))
    for card in cards:
        assert card.status == ScorecardStatus.DRAFT
        assert sorted(card.scores.values_list("criterion", flat=True)) == sorted(criteria)
    assert CriterionScore.objects.filter(scorecard__evaluation=evaluation).count() == 3 * len(criteria)


def test_a_year_is_opened_once_and_only_with_a_rubric(admin_user, agency_a):
    evaluation = _open_year(admin_user)
    with pytest.raises(ValidationError):
        evaluation_open(evaluation=evaluation, actor=admin_user)
    assert AgencyEvaluation.objects.filter(evaluation=evaluation).count() == 2  # Home Affairs and A

    empty = evaluation_prepare(year=YEAR + 1, actor=admin_user)
    for criterion in list(empty.criteria.all()):
        criterion_delete(criterion=criterion, actor=admin_user)
    with pytest.raises(ValidationError):
        evaluation_open(evaluation=empty, actor=admin_user)
    empty.refresh_from_db()
    assert empty.status == EvaluationStatus.PREPARING and not empty.scorecards.exists()


# End to end: each measure's records give the figure and the points.


def test_training_completed_trainees_and_attendance_give_their_points(
    admin_user, home_affairs, agency_a, agency_b
):
    start = dt.date(YEAR, 3, 2)
    training_class = TrainingClassFactory(
        plan=TrainingPlanFactory(year=YEAR),
        organiser=home_affairs,
        start_date=start,
        end_date=start + dt.timedelta(days=3),
    )
    sessions = [
        SessionFactory(training_class=training_class, date=start + dt.timedelta(days=i)) for i in (0, 1)
    ]
    for _ in range(2):  # two officers of A attend both sessions: both complete
        enrolment = EnrolmentFactory(
            training_class=training_class, person=DemocracyOfficerFactory(agency=agency_a)
        )
        for session in sessions:
            AttendanceFactory(enrolment=enrolment, session=session, status="present")
    # B's officer attends one session of two: 50% attendance, not completed.
    enrolment = EnrolmentFactory(
        training_class=training_class, person=DemocracyOfficerFactory(agency=agency_b)
    )
    AttendanceFactory(enrolment=enrolment, session=sessions[0], status="present")
    AttendanceFactory(enrolment=enrolment, session=sessions[1], status="absent")

    evaluation = _open_year(admin_user)

    # 1.1: target 2 trainees, 10 points; 1.2: bands 90/70/50 of attendance, 5 points at most.
    _assert_scored(evaluation, agency_a, "1.1", 2, 10)
    _assert_scored(evaluation, agency_a, "1.2", 100, 5)
    _assert_scored(evaluation, agency_b, "1.1", 0, 0)
    _assert_scored(evaluation, agency_b, "1.2", 50, 1)


def test_propaganda_plan_activities_and_postings_give_their_points(admin_user, agency_a):
    from propaganda.models import PlanActivity
    from tests.propaganda.factories import ApprovedPlanFactory, PlanActivityFactory, PostingFactory, channel

    plan = ApprovedPlanFactory(agency=agency_a, year=YEAR)
    for day in (dt.date(YEAR, 3, 15), dt.date(YEAR, 5, 10), dt.date(YEAR, 9, 1)):
        PlanActivityFactory(plan=plan, planned_date=day, held_on=day, participants=40)
    PlanActivityFactory(plan=plan)  # planned, not held
    website = channel("agency_website")
    PostingFactory(agency=agency_a, channel=website, posted_on=dt.date(YEAR, 4, 2))
    PostingFactory(agency=agency_a, channel=website, posted_on=dt.date(YEAR, 6, 2))
    assert PlanActivity.objects.filter(plan=plan, held_on__isnull=False).count() == 3

    evaluation = _open_year(admin_user)

    _assert_scored(evaluation, agency_a, "2.1", 1, 5)  # an approved plan
    _assert_scored(evaluation, agency_a, "2.2", 3, 5)  # 3 held of the target 3
    _assert_scored(evaluation, agency_a, "2.3", 2, "2.50")  # 2 postings of the target 4


def test_accountability_consultations_board_and_overdue_petitions_give_their_points(admin_user, agency_a):
    _consult(admin_user, agency_a, dt.date(YEAR, 2, 2))
    _consult(admin_user, agency_a, dt.date(YEAR, 8, 3), matter="Kế hoạch tuyển dụng năm 2026")
    board = InspectionBoardFactory(agency=agency_a)
    for _ in range(3):
        BoardMemberFactory(board=board)
    for received in (dt.date(YEAR, 9, 1), dt.date(YEAR, 9, 8)):
        PetitionFactory(
            agency=agency_a,
            status="assigned",
            received_on=received,
            assigned_on=received,
            deadline=received + dt.timedelta(days=21),
        )

    evaluation = _open_year(admin_user)

    _assert_scored(evaluation, agency_a, "3.3", 2, 4)  # target 1: full points
    _assert_scored(evaluation, agency_a, "4.1", 1, 5)  # a board in term with three members
    _assert_scored(evaluation, agency_a, "T.2", 2, 2)  # two overdue petitions, one point off each
    standing = ranking_of(evaluation)
    card = _card(evaluation, agency_a)
    assert standing.totals[card.pk].taken_off == D(2)


def test_petitions_received_but_never_answered_do_not_get_full_points_for_answering_on_time(
    admin_user, agency_a
):
    for received in (dt.date(YEAR, 9, 1), dt.date(YEAR, 9, 8)):
        PetitionFactory(
            agency=agency_a,
            status="assigned",
            received_on=received,
            assigned_on=received,
            deadline=received + dt.timedelta(days=21),
        )
    evaluation = _open_year(admin_user)
    assert indicators.figures(Period(YEAR))["accountability.petitions_received"][agency_a.pk] == 2
    # Nothing was answered, let alone on time: "không phát sinh" does not apply.
    assert _score(evaluation, agency_a, "5.1").computed == D(0)


def test_emulation_pledge_and_handled_violations_give_their_points(admin_user, agency_a, agency_b):
    import emulation.models
    from emulation.defaults import ensure
    from tests.emulation.factories import CampaignFactory, PledgeFactory, ViolationFactory

    ensure(emulation.models)
    campaign = CampaignFactory(year=YEAR)
    PledgeFactory(campaign=campaign, agency=agency_a)
    for _ in range(3):
        ViolationFactory(agency=agency_a, status="handled")
    ViolationFactory(agency=agency_b, status="handled")

    evaluation = _open_year(admin_user)

    _assert_scored(evaluation, agency_a, "6.1", 1, 5)
    _assert_scored(evaluation, agency_b, "6.1", 0, 0)
    # Five points off each, at most ten: three violations take ten off, not fifteen.
    _assert_scored(evaluation, agency_a, "T.1", 3, 10)
    _assert_scored(evaluation, agency_b, "T.1", 1, 5)


def test_digital_systems_in_operation_give_their_points(admin_user, agency_a, agency_b):
    import digital.models
    from digital.defaults import ensure
    from digital.services import system_save

    ensure(digital.models)
    purpose = digital.models.Purpose.objects.order_by("display_order").first()
    running = {"kind": "information_system", "status": "stable", "launched_on": dt.date(YEAR - 1, 6, 1)}
    for name in ("Hệ thống quản lý văn bản", "Cổng thông tin điện tử"):
        system_save(
            actor=admin_user,
            purposes=[purpose],
            agency=agency_a,
            name=name,
            started_on=dt.date(YEAR - 1, 1, 10),
            **running,
        )
    system_save(
        actor=admin_user,
        purposes=[purpose],
        agency=agency_b,
        name="Hệ thống đang xây dựng",
        kind="information_system",
        status="development",
        started_on=dt.date(YEAR - 1, 1, 10),
    )

    evaluation = _open_year(admin_user)

    _assert_scored(evaluation, agency_a, "7.1", 2, 3)
    _assert_scored(evaluation, agency_b, "7.1", 0, 0)  # being built is not in operation


def test_funding_execution_rate_gives_the_points_of_its_band(admin_user, agency_a):
    import funding.models
    from funding.defaults import ensure
    from funding.services import line_save, spending_add

    ensure(funding.models)
    line = line_save(
        actor=admin_user,
        agency=agency_a,
        year=YEAR,
        measure="training",
        description="Cử cán bộ dự lớp bồi dưỡng",
        source=funding.models.FundingSource.objects.first(),
        estimate=10_000_000,
        allocated=8_000_000,
    )
    spending_add(actor=admin_user, line=line, spent_on=dt.date(YEAR, 6, 1), amount=6_000_000)

    evaluation = _open_year(admin_user)

    # 6 of 8 million spent: 75%, in the band from 70 (7 points).
    _assert_scored(evaluation, agency_a, "8.1", 75, 7)


# Computing again.


def test_refresh_writes_only_the_scores_that_changed(admin_user, agency_a, agency_b):
    _consult(admin_user, agency_a)
    evaluation = _open_year(admin_user)
    score = _assert_scored(evaluation, agency_a, "3.3", 1, 4)
    before = CriterionScore.history.count()
    last = CriterionScore.history.order_by("-history_id").values_list("history_id", flat=True).first()

    evaluation_refresh(evaluation=evaluation, actor=admin_user)
    assert CriterionScore.history.count() == before  # nothing changed, nothing written

    _consult(admin_user, agency_a, dt.date(YEAR, 5, 5), matter="Kế hoạch đào tạo năm 2026")
    _consult(admin_user, agency_b, dt.date(YEAR, 5, 6), matter="Nội quy cơ quan")
    evaluation_refresh(evaluation=evaluation, actor=admin_user)

    # A's figure changed (its points did not: the target was already met); B's figure and points changed.
    assert CriterionScore.history.count() == before + 2
    changed = set(CriterionScore.history.filter(history_id__gt=last).values_list("id", flat=True))
    assert changed == {score.pk, _score(evaluation, agency_b, "3.3").pk}
    _assert_scored(evaluation, agency_a, "3.3", 2, 4)
    _assert_scored(evaluation, agency_b, "3.3", 1, 4)


def test_refresh_gives_a_new_agency_its_scorecard(admin_user, agency_a):
    evaluation = _open_year(admin_user)
    newcomer = AgencyFactory()
    evaluation_refresh(evaluation=evaluation, actor=admin_user)
    card = _card(evaluation, newcomer)
    assert card.scores.count() == evaluation.criteria.count()


def test_refresh_is_refused_before_the_year_is_open(admin_user):
    evaluation = evaluation_prepare(year=YEAR, actor=admin_user)
    with pytest.raises(ValidationError):
        evaluation_refresh(evaluation=evaluation, actor=admin_user)
    assert not evaluation.scorecards.exists()


# The agency's scorecard.


MANUAL = ("4.2", "5.2", "6.2", "7.2")


def _claims(evaluation, agency, **by_code):
    """Claims keyed by score id, from ``code=(points, evidence)`` with the dots of codes as underscores."""
    return {_score(evaluation, agency, code.replace("_", ".")).pk: claim for code, claim in by_code.items()}


@pytest.fixture
def open_year(admin_user, agency_a, agency_b):
    return _open_year(admin_user)


def test_submit_refuses_a_scorecard_without_self_assessment_or_points(open_year, agency_a, staff_a):
    card = _card(open_year, agency_a)
    with pytest.raises(ValidationError) as refused:
        scorecard_submit(scorecard=card, actor=staff_a)
    # The self-assessment and the points of each of the four manual criteria.
    assert len(refused.value.messages) == 1 + len(MANUAL)
    card.refresh_from_db()
    assert card.status == ScorecardStatus.DRAFT and card.submitted_at is None


@pytest.mark.usefixtures("_media")
def test_submit_asks_evidence_for_points_claimed_above_zero(open_year, agency_a, staff_a):
    card = _card(open_year, agency_a)
    claims = _claims(
        open_year,
        agency_a,
        **{
            "4_2": (D(3), ""),  # points without evidence
            "5_2": (D(0), ""),  # no points: no evidence needed
            "6_2": (D(5), "Quyết định công nhận mô hình số 12/QĐ-STP"),
            "7_2": (D(2), ""),  # evidence as a file
        },
    )
    card = scorecard_save(
        scorecard=card, self_assessment="Hoàn thành tốt nhiệm vụ.", claims=claims, actor=staff_a
    )
    evidence_add(score=_score(open_year, agency_a, "7.2"), upload=_pdf(), actor=staff_a)
    with pytest.raises(ValidationError) as refused:
        scorecard_submit(scorecard=card, actor=staff_a)
    assert len(refused.value.messages) == 1
    assert "4.2" in refused.value.messages[0]

    scorecard_save(
        scorecard=card,
        self_assessment=card.self_assessment,
        claims=_claims(open_year, agency_a, **{"4_2": (D(3), "Báo cáo giám sát số 5/BC-TTND")}),
        actor=staff_a,
    )
    card = scorecard_submit(scorecard=_card(open_year, agency_a), actor=staff_a)
    assert card.status == ScorecardStatus.SUBMITTED and card.submitted_at is not None
    assert _score(open_year, agency_a, "4.2").claimed == D(3)


def test_a_claim_above_the_maximum_is_refused(open_year, agency_a, staff_a):
    card = _card(open_year, agency_a)
    with pytest.raises(ValidationError):
        scorecard_save(
            scorecard=card,
            self_assessment="Tự đánh giá",
            claims=_claims(open_year, agency_a, **{"4_2": (D(6), "Báo cáo")}),  # 5 points at most
            actor=staff_a,
        )
    assert _score(open_year, agency_a, "4.2").claimed is None


def test_a_claim_on_a_computed_criterion_is_ignored(open_year, agency_a, staff_a):
    card = _card(open_year, agency_a)
    scorecard_save(
        scorecard=card,
        self_assessment="Tự đánh giá",
        claims=_claims(open_year, agency_a, **{"1_1": (D(10), "Tự chấm")}),
        actor=staff_a,
    )
    assert _score(open_year, agency_a, "1.1").claimed is None


def test_claimed_points_count_in_the_ranking_only_once_submitted(open_year, agency_a, staff_a):
    card = _card(open_year, agency_a)
    before = ranking_of(open_year).totals[card.pk].score
    claims = {code.replace(".", "_"): (D(0), "") for code in MANUAL}
    claims["6_2"] = (D(5), "Quyết định công nhận mô hình số 12/QĐ-STP")
    card = scorecard_save(
        scorecard=card,
        self_assessment="Hoàn thành tốt nhiệm vụ.",
        claims=_claims(open_year, agency_a, **claims),
        actor=staff_a,
    )
    assert ranking_of(open_year).totals[card.pk].score == before
    scorecard_submit(scorecard=card, actor=staff_a)
    assert ranking_of(open_year).totals[card.pk].score == before + D(5)


def _complete(evaluation, agency, actor):
    claims = _claims(evaluation, agency, **{code.replace(".", "_"): (D(0), "") for code in MANUAL})
    card = scorecard_save(
        scorecard=_card(evaluation, agency),
        self_assessment="Hoàn thành nhiệm vụ.",
        claims=claims,
        actor=actor,
    )
    return scorecard_submit(scorecard=card, actor=actor)


def test_a_submitted_scorecard_is_frozen_until_returned_with_a_reason(
    open_year, agency_a, staff_a, admin_user
):
    card = _complete(open_year, agency_a, staff_a)
    with pytest.raises(ValidationError):
        scorecard_save(scorecard=card, self_assessment="Sửa lại", claims={}, actor=staff_a)
    with pytest.raises(ValidationError):
        scorecard_submit(scorecard=card, actor=staff_a)
    with pytest.raises(ValidationError) as refused:
        scorecard_return(scorecard=card, reason="  ", actor=admin_user)
    assert set(refused.value.message_dict) == {"reason"}
    with pytest.raises(PermissionDenied):
        scorecard_return(scorecard=card, reason="Tự trả lại", actor=staff_a)

    card = scorecard_return(scorecard=card, reason="Bổ sung minh chứng tiêu chí 6.2", actor=admin_user)
    assert (card.status, card.return_reason) == (ScorecardStatus.DRAFT, "Bổ sung minh chứng tiêu chí 6.2")
    scorecard_save(scorecard=card, self_assessment="Đã bổ sung", claims={}, actor=staff_a)
    assert _card(open_year, agency_a).self_assessment == "Đã bổ sung"


# Home Affairs' adjustments.


def test_an_adjustment_needs_a_reason(open_year, agency_a, admin_user):
    score = _score(open_year, agency_a, "1.1")
    with pytest.raises(ValidationError) as refused:
        score_adjust(score=score, points=D(5), reason=" ", actor=admin_user)
    assert set(refused.value.message_dict) == {"reason"}
    score.refresh_from_db()
    assert (score.adjusted, score.adjustment_reason) == (None, "")


def test_an_adjustment_cannot_exceed_the_maximum(open_year, agency_a, admin_user):
    score = _score(open_year, agency_a, "1.1")
    with pytest.raises(ValidationError) as refused:
        score_adjust(score=score, points=D("10.01"), reason="Chấm lại", actor=admin_user)
    assert set(refused.value.message_dict) == {"points"}
    score.refresh_from_db()
    assert score.adjusted is None


def test_an_adjustment_replaces_the_computed_points_and_keeps_its_reason(open_year, agency_a, admin_user):
    score = _score(open_year, agency_a, "1.1")
    assert score.computed == D(0)
    card = _card(open_year, agency_a)
    before = ranking_of(open_year).totals[card.pk].score

    score_adjust(score=score, points=D(10), reason="Lớp bồi dưỡng của Bộ Tư pháp", actor=admin_user)

    score.refresh_from_db()
    assert (score.computed, score.adjusted, score.adjustment_reason) == (
        D(0),
        D(10),
        "Lớp bồi dưỡng của Bộ Tư pháp",
    )
    assert score.history.first().history_change_reason == "Lớp bồi dưỡng của Bộ Tư pháp"
    assert ranking_of(open_year).totals[card.pk].score == before + D(10)

    score_adjust(score=score, points=None, reason="Trả về điểm tính tự động", actor=admin_user)
    score.refresh_from_db()
    assert (score.adjusted, score.adjustment_reason) == (None, "")
    assert ranking_of(open_year).totals[card.pk].score == before


@pytest.mark.parametrize("persona", ["staff_a", "leader"])
def test_only_home_affairs_adjusts_a_score(open_year, agency_a, personas, persona):
    score = _score(open_year, agency_a, "1.1")
    with pytest.raises(PermissionDenied):
        score_adjust(score=score, points=D(10), reason="Tự chấm", actor=personas[persona])
    score.refresh_from_db()
    assert score.adjusted is None


# Ties, the head's level and the lock.


def _year_of_one_criterion(actor, year=YEAR, **rules):
    """A year whose rubric is one manual criterion of 100 points, so each agency's total is set by hand."""
    evaluation = evaluation_prepare(year=year, actor=actor)
    for criterion in list(evaluation.criteria.all()):
        criterion_delete(criterion=criterion, actor=actor)
    criterion_save(
        evaluation=evaluation,
        actor=actor,
        group="I. Kết quả thực hiện",
        code="1",
        title="Kết quả thực hiện dân chủ ở cơ sở",
        max_points=D(100),
        kind="manual",
    )
    if rules:
        evaluation_settings_save(evaluation=evaluation, actor=actor, **rules)
    return evaluation_open(evaluation=evaluation, actor=actor)


def _set_total(evaluation, agency, points, actor):
    score_adjust(
        score=_score(evaluation, agency, "1"), points=D(points), reason="Kết quả kiểm tra", actor=actor
    )


@pytest.fixture
def tied_year(admin_user, home_affairs, agency_a, agency_b):
    """Three agencies good or above with a cap of 50%: one place, which Home Affairs and A share at 95."""
    evaluation = _year_of_one_criterion(admin_user, excellent_cap_percent=50)
    for agency, points in ((home_affairs, 95), (agency_a, 95), (agency_b, 80)):
        _set_total(evaluation, agency, points, admin_user)
    return evaluation


def _decide(card, actor, *, tie_level="", tie_reason="", head_level="", head_reason=""):
    return scorecard_decide(
        scorecard=card,
        tie_level=tie_level,
        tie_reason=tie_reason,
        head_level=head_level,
        head_reason=head_reason,
        actor=actor,
    )


def test_lock_is_refused_while_a_tie_is_open_and_allowed_once_decided(
    tied_year, admin_user, home_affairs, agency_a
):
    ranking = ranking_of(tied_year).ranking
    assert ranking.ties_open and (ranking.tie_places, len(ranking.tied)) == (1, 2)
    with pytest.raises(ValidationError):
        evaluation_lock(evaluation=tied_year, actor=admin_user)
    tied_year.refresh_from_db()
    assert tied_year.status == EvaluationStatus.OPEN

    _decide(
        _card(tied_year, agency_a), admin_user, tie_level=Level.EXCELLENT, tie_reason="Có mô hình điển hình"
    )
    locked = evaluation_lock(evaluation=tied_year, actor=admin_user)

    assert locked.status == EvaluationStatus.LOCKED and locked.locked_at is not None
    standing = ranking_of(locked)
    assert standing.placement(_card(locked, agency_a)).level == Level.EXCELLENT
    assert standing.placement(_card(locked, home_affairs)).level == Level.GOOD


def test_a_tie_decision_is_checked(tied_year, admin_user, home_affairs, agency_a, agency_b):
    with pytest.raises(ValidationError) as refused:
        _decide(
            _card(tied_year, agency_b), admin_user, tie_level=Level.EXCELLENT, tie_reason="Không hòa điểm"
        )
    assert set(refused.value.message_dict) == {"tie_level"}
    with pytest.raises(ValidationError) as refused:
        _decide(_card(tied_year, agency_a), admin_user, tie_level=Level.EXCELLENT)
    assert set(refused.value.message_dict) == {"tie_reason"}

    _decide(
        _card(tied_year, agency_a), admin_user, tie_level=Level.EXCELLENT, tie_reason="Có mô hình điển hình"
    )
    with pytest.raises(ValidationError) as refused:
        _decide(
            _card(tied_year, home_affairs), admin_user, tie_level=Level.EXCELLENT, tie_reason="Cũng xứng đáng"
        )
    assert set(refused.value.message_dict) == {"tie_level"}
    assert _card(tied_year, home_affairs).tie_level == ""


def test_only_home_affairs_decides_a_tie(tied_year, agency_a, staff_a):
    with pytest.raises(PermissionDenied):
        _decide(_card(tied_year, agency_a), staff_a, tie_level=Level.EXCELLENT, tie_reason="Tự chọn")
    assert _card(tied_year, agency_a).tie_level == ""


def test_a_head_above_the_agency_is_refused_and_blocks_the_lock_when_the_rule_is_on(
    tied_year, admin_user, agency_a, agency_b
):
    _decide(
        _card(tied_year, agency_a), admin_user, tie_level=Level.EXCELLENT, tie_reason="Có mô hình điển hình"
    )
    card_b = _card(tied_year, agency_b)  # good
    with pytest.raises(ValidationError) as refused:
        _decide(card_b, admin_user, head_level=Level.EXCELLENT, head_reason="Cá nhân xuất sắc")
    assert set(refused.value.message_dict) == {"head_level"}
    with pytest.raises(ValidationError) as refused:
        _decide(card_b, admin_user, head_level=Level.DONE)
    assert set(refused.value.message_dict) == {"head_reason"}

    # With the rule off the head may be ranked above; turning it back on blocks the lock.
    evaluation_settings_save(evaluation=tied_year, actor=admin_user, head_not_above_agency=False)
    _decide(
        _card(tied_year, agency_b), admin_user, head_level=Level.EXCELLENT, head_reason="Cá nhân xuất sắc"
    )
    evaluation_settings_save(evaluation=tied_year, actor=admin_user, head_not_above_agency=True)
    assert ranking_of(tied_year).placement(_card(tied_year, agency_b)).head_above
    with pytest.raises(ValidationError):
        evaluation_lock(evaluation=tied_year, actor=admin_user)

    _decide(_card(tied_year, agency_b), admin_user, head_level="")
    assert evaluation_lock(evaluation=tied_year, actor=admin_user).is_locked


# Once locked.


@pytest.fixture
def locked(admin_user, agency_a, agency_b, staff_a, _media):
    """The default rubric's year, with evidence on one of A's scores, locked (no tie: nobody scored 90)."""
    evaluation = _open_year(admin_user)
    evidence = evidence_add(score=_score(evaluation, agency_a, "4.2"), upload=_pdf(), actor=staff_a)
    evaluation = evaluation_lock(evaluation=evaluation, actor=admin_user)
    return {"evaluation": evaluation, "evidence": evidence}


WRITES = {
    "settings": lambda c: evaluation_settings_save(
        evaluation=c["evaluation"], actor=c["admin"], excellent_cap_percent=30
    ),
    "criterion_save": lambda c: criterion_save(
        evaluation=c["evaluation"], actor=c["admin"], criterion=c["criterion"], title="Sửa sau khi khóa"
    ),
    "criterion_delete": lambda c: criterion_delete(criterion=c["criterion"], actor=c["admin"]),
    "open": lambda c: evaluation_open(evaluation=c["evaluation"], actor=c["admin"]),
    "refresh": lambda c: evaluation_refresh(evaluation=c["evaluation"], actor=c["admin"]),
    "lock": lambda c: evaluation_lock(evaluation=c["evaluation"], actor=c["admin"]),
    "scorecard_save": lambda c: scorecard_save(
        scorecard=c["card"], self_assessment="Sửa sau khi khóa", claims={}, actor=c["staff"]
    ),
    "scorecard_submit": lambda c: scorecard_submit(scorecard=c["card"], actor=c["staff"]),
    "scorecard_return": lambda c: scorecard_return(scorecard=c["card"], reason="Trả lại", actor=c["admin"]),
    "score_adjust": lambda c: score_adjust(
        score=c["score"], points=D(1), reason="Chấm lại", actor=c["admin"]
    ),
    "scorecard_decide": lambda c: _decide(
        c["card"], c["admin"], head_level=Level.NOT_DONE, head_reason="Vi phạm"
    ),
    "evidence_add": lambda c: evidence_add(score=c["score"], upload=_pdf(), actor=c["staff"]),
    "evidence_remove": lambda c: evidence_remove(evidence=c["evidence"], actor=c["staff"]),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_every_write_is_refused_once_the_year_is_locked(locked, admin_user, staff_a, agency_a, write):
    evaluation = Evaluation.objects.get(pk=locked["evaluation"].pk)
    context = {
        "evaluation": evaluation,
        "admin": admin_user,
        "staff": staff_a,
        "criterion": evaluation.criteria.get(code="4.2"),
        "card": _card(evaluation, agency_a),
        "score": _score(evaluation, agency_a, "4.2"),
        "evidence": EvidenceFile.objects.select_related("score__scorecard__evaluation").get(
            pk=locked["evidence"].pk
        ),
    }
    before = _history_count()
    with pytest.raises(ValidationError):
        WRITES[write](context)
    assert _history_count() == before
    assert Evaluation.objects.get(pk=evaluation.pk).status == EvaluationStatus.LOCKED


def test_reopening_needs_a_reason_which_the_history_keeps(locked, admin_user):
    evaluation = Evaluation.objects.get(pk=locked["evaluation"].pk)
    with pytest.raises(ValidationError) as refused:
        evaluation_reopen(evaluation=evaluation, reason="   ", actor=admin_user)
    assert set(refused.value.message_dict) == {"reason"}
    assert Evaluation.objects.get(pk=evaluation.pk).is_locked

    reason = "Sở Tư pháp bổ sung kết quả hội nghị cán bộ"
    reopened = evaluation_reopen(evaluation=evaluation, reason=reason, actor=admin_user)

    reopened.refresh_from_db()
    assert (reopened.status, reopened.locked_at, reopened.reopen_reason) == (
        EvaluationStatus.OPEN,
        None,
        reason,
    )
    record = reopened.history.first()
    assert (record.history_change_reason, record.history_user) == (reason, admin_user)
    # Open again, a score can be corrected.
    score_adjust(
        score=_score(reopened, locked["evidence"].score.scorecard.agency, "4.2"),
        points=D(5),
        reason="Đã có minh chứng",
        actor=admin_user,
    )


def test_only_a_locked_year_is_reopened_and_only_by_home_affairs(locked, admin_user, leader_user):
    evaluation = Evaluation.objects.get(pk=locked["evaluation"].pk)
    with pytest.raises(PermissionDenied):
        evaluation_reopen(evaluation=evaluation, reason="Sửa điểm", actor=leader_user)
    reopened = evaluation_reopen(evaluation=evaluation, reason="Sửa điểm", actor=admin_user)
    with pytest.raises(ValidationError):
        evaluation_reopen(evaluation=reopened, reason="Lần nữa", actor=admin_user)


# Who reads and writes what.


def test_staff_of_another_agency_cannot_complete_or_submit_a_scorecard(open_year, agency_a, staff_b):
    card = _card(open_year, agency_a)
    with pytest.raises(PermissionDenied):
        scorecard_save(
            scorecard=card,
            self_assessment="Không phải cơ quan mình",
            claims=_claims(open_year, agency_a, **{"4_2": (D(5), "Báo cáo")}),
            actor=staff_b,
        )
    with pytest.raises(PermissionDenied):
        scorecard_submit(scorecard=card, actor=staff_b)
    card.refresh_from_db()
    assert (card.self_assessment, card.status) == ("", ScorecardStatus.DRAFT)
    assert _score(open_year, agency_a, "4.2").claimed is None


@pytest.mark.usefixtures("_media")
def test_staff_of_another_agency_cannot_add_evidence(open_year, agency_a, staff_b):
    with pytest.raises(PermissionDenied):
        evidence_add(score=_score(open_year, agency_a, "4.2"), upload=_pdf(), actor=staff_b)
    assert not EvidenceFile.objects.exists()


def test_other_agencies_scorecards_are_released_to_staff_only_once_locked(
    admin_user, agency_a, agency_b, staff_b
):
    evaluation = _open_year(admin_user)
    card_a, card_b = _card(evaluation, agency_a), _card(evaluation, agency_b)
    assert set(access.scope(AgencyEvaluation.objects.all(), staff_b)) == {card_b}
    assert {row.card for row in ranking_of(evaluation).rows(staff_b)} == {card_b}

    evaluation = evaluation_lock(evaluation=evaluation, actor=admin_user)

    visible = set(access.scope(AgencyEvaluation.objects.all(), staff_b))
    assert card_a in visible and card_b in visible
    assert card_a.pk in {row.card.pk for row in ranking_of(evaluation).rows(staff_b)}
    # Released for reading only: B still cannot change A's scorecard.
    assert card_a not in set(access.scope(AgencyEvaluation.objects.all(), staff_b, action="write"))
    assert _score(evaluation, agency_a, "1.1") in set(access.scope(CriterionScore.objects.all(), staff_b))


def test_the_council_sees_the_evaluation_only_once_locked(admin_user, agency_a, council_user):
    evaluation = _open_year(admin_user)
    assert not access.scope(Evaluation.objects.all(), council_user).exists()
    assert not access.scope(AgencyEvaluation.objects.all(), council_user).exists()
    assert ranking_of(evaluation).rows(council_user) == []

    evaluation = evaluation_lock(evaluation=evaluation, actor=admin_user)

    assert list(access.scope(Evaluation.objects.all(), council_user)) == [evaluation]
    assert set(access.scope(AgencyEvaluation.objects.all(), council_user)) == set(evaluation.scorecards.all())
    assert len(ranking_of(evaluation).rows(council_user)) == evaluation.scorecards.count()

    evaluation_reopen(evaluation=evaluation, reason="Sửa điểm tiêu chí 3.1", actor=admin_user)
    assert not access.scope(Evaluation.objects.all(), council_user).exists()
