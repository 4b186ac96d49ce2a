"""Demo accountability records (Art. 1 §3) for the last two years, with the gaps Home Affairs must see.

- disclosures of most required categories by most agencies, a few agencies far behind;
- consultations of staff;
- staff conferences on the year before: most on time with a quorum, one late, one without a quorum;
- People's Inspection Boards of two-year terms with members from the people registry: one board whose
  term has ended, one with too few members;
- about 300 petitions and feedback over two years in every state, some past their deadline;
- the yearly evaluation (§3c): last year's locked, every scorecard submitted, two scores adjusted by Home
  Affairs and one head ranked below the agency; this year's open, about a third of the scorecards submitted,
  a few being completed, one returned, and Sở Tư pháp's untouched for its staff to complete.

The evaluation's points are computed from the other measures' demo figures, hence ``AFTER``. Safe to run
twice: nothing is added once the demo's disclosures exist, nor to the evaluation once a year is evaluated.
The seeded random generator gives the same records on every run.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal
from types import SimpleNamespace

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from accountability import defaults, models
from accountability.models import (
    AgencyEvaluation,
    BoardRole,
    Consultation,
    ConsultationKind,
    CriterionKind,
    CriterionScore,
    Disclosure,
    DisclosureCategory,
    DisclosureForm,
    Evaluation,
    InspectionBoard,
    Level,
    Participation,
    Petition,
    PetitionEvent,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    ScorecardStatus,
    StaffConference,
    Step,
)
from accountability.models.board import term_end_for
from accountability.models.petitions import new_code
from accountability.scoring import rank
from accountability.selectors.evaluation import default_year, ranking_of
from accountability.services.boards import board_save, member_add
from accountability.services.conferences import conference_save, resolution_save
from accountability.services.evaluation import (
    evaluation_lock,
    evaluation_open,
    evaluation_prepare,
    score_adjust,
    scorecard_decide,
    scorecard_return,
    scorecard_save,
    scorecard_submit,
)
from dancoso.accounts.models import Role, User
from dancoso.agencies.models import Agency, Person
from dancoso.core.models import CalendarDay
from dancoso.core.workdays import Calendar

# The evaluation computes points from these apps' figures, so their demos are seeded first.
AFTER = ("emulation", "digital", "funding")
ACTOR_USERNAME = "noivu"
PETITIONS = 300
# Sở Tư pháp's conference of last year was held late; Sở Y tế's had no quorum; Sở Công Thương's board
# term has ended without a new election.
LATE_CONFERENCE, NO_QUORUM, EXPIRED_BOARD = "STP", "SYT", "SCT"


def seed() -> dict[str, int]:
    defaults.ensure(
        SimpleNamespace(**{name: getattr(models, name) for name in models.__all__}, CalendarDay=CalendarDay)
    )
    if not Disclosure.objects.exists():
        actor = User.objects.get(username=ACTOR_USERNAME)
        rng = random.Random(2026)
        today = timezone.localdate()
        agencies = list(Agency.objects.active().order_by("display_order", "name"))
        with transaction.atomic():
            _disclosures(actor, agencies, rng, today)
            _consultations(actor, agencies, rng, today)
            _conferences(actor, agencies, rng, today)
            _boards(actor, agencies, rng, today)
            _petitions(actor, agencies, rng, today)
    if not Evaluation.objects.exists():
        _evaluations(User.objects.get(username=ACTOR_USERNAME), random.Random(2026))
    return {
        "disclosures": Disclosure.objects.count(),
        "consultations": Consultation.objects.count(),
        "conferences": StaffConference.objects.count(),
        "boards": InspectionBoard.objects.count(),
        "petitions": Petition.objects.count(),
        "evaluations": Evaluation.objects.count(),
        "scorecards_submitted": AgencyEvaluation.objects.filter(status=ScorecardStatus.SUBMITTED).count(),
    }


def _day_in(year: int, rng: random.Random, today: dt.date, *, months: tuple[int, int] = (1, 11)) -> dt.date:
    return min(dt.date(year, rng.randint(*months), rng.randint(1, 28)), today)


def _diligence(index: int) -> float:
    """How likely the agency at this position (in display order) is to do a required thing: a few agencies
    are far behind, a third are exemplary."""
    return 0.35 if index % 9 == 4 else 0.97 if index % 3 == 0 else 0.85


def _disclosures(actor: User, agencies: list[Agency], rng: random.Random, today: dt.date) -> None:
    """Each agency discloses each required category with a chance that depends on how diligent it is."""
    categories = list(DisclosureCategory.objects.filter(is_required=True))
    forms = list(DisclosureForm.objects.all())
    rows, chosen = [], []
    for index, agency in enumerate(agencies):
        diligence = _diligence(index)
        for year in (today.year - 1, today.year):
            for category in categories:
                if rng.random() > diligence:
                    continue
                rows.append(
                    Disclosure(
                        agency=agency,
                        category=category,
                        year=year,
                        title=f"{category.name} năm {year}",
                        period_covered=f"Năm {year}",
                        disclosed_on=_day_in(year, rng, today, months=(1, 10)),
                        created_by=actor,
                    )
                )
                chosen.append(rng.sample(forms, rng.randint(1, 2)))
    bulk_create_with_history(rows, Disclosure, batch_size=500, default_user=actor)
    saved = Disclosure.objects.order_by("pk").values_list("pk", flat=True)
    through = Disclosure.forms.through
    links = [
        through(disclosure_id=pk, disclosureform_id=form.pk)
        for pk, picked in zip(saved, chosen, strict=True)
        for form in picked
    ]
    through.objects.bulk_create(links, batch_size=1000)


MATTERS = (
    (ConsultationKind.DECIDE, "Quy chế chi tiêu nội bộ"),
    (ConsultationKind.DECIDE, "Sử dụng quỹ phúc lợi, khen thưởng"),
    (ConsultationKind.COMMENT, "Dự thảo kế hoạch công tác năm"),
    (ConsultationKind.COMMENT, "Đề án vị trí việc làm"),
    (ConsultationKind.SUPERVISE, "Việc thực hiện quy chế dân chủ trong cơ quan"),
)


def _consultations(actor: User, agencies: list[Agency], rng: random.Random, today: dt.date) -> None:
    rows = []
    for agency in agencies:
        for year in (today.year - 1, today.year):
            for kind, matter in rng.sample(MATTERS, rng.randint(0, 3)):
                start = _day_in(year, rng, today)
                rows.append(
                    Consultation(
                        agency=agency,
                        matter=f"{matter} năm {year}",
                        kind=kind,
                        started_on=start,
                        ended_on=min(start + dt.timedelta(days=rng.randint(0, 14)), today),
                        participation=rng.choice(Participation.values),
                        participants=rng.randint(15, 120),
                        outcome="Tập thể cán bộ thống nhất; thủ trưởng cơ quan tiếp thu, ban hành.",
                        created_by=actor,
                    )
                )
    bulk_create_with_history(rows, Consultation, batch_size=500, default_user=actor)


def _conferences(actor: User, agencies: list[Agency], rng: random.Random, today: dt.date) -> None:
    """The conferences on the two years before this one; a few agencies have not held last year's."""
    for index, agency in enumerate(agencies):
        for year in (today.year - 2, today.year - 1):
            if year == today.year - 1 and index % 10 == 6 and agency.code not in (LATE_CONFERENCE, NO_QUORUM):
                continue
            summoned = rng.randint(25, 140)
            present = rng.randint(-(-summoned * 2 // 3), summoned)
            held_on = dt.date(year + 1, rng.randint(1, 3), rng.randint(5, 28))
            if year == today.year - 1 and agency.code == LATE_CONFERENCE:
                held_on = dt.date(year + 1, 4, 16)
            if year == today.year - 1 and agency.code == NO_QUORUM:
                present = summoned * 2 // 3 - 1
            conference = conference_save(
                actor=actor, agency=agency, year=year, held_on=held_on, summoned=summoned, present=present
            )
            for title in (
                "Thông qua quy chế dân chủ trong hoạt động của cơ quan",
                "Thông qua quy chế chi tiêu nội bộ",
            ):
                votes_for = rng.randint(present // 2 + 1, present)
                resolution_save(
                    actor=actor,
                    conference=conference,
                    title=title,
                    votes_for=votes_for,
                    votes_against=rng.randint(0, present - votes_for),
                )


def _boards(actor: User, agencies: list[Agency], rng: random.Random, today: dt.date) -> None:
    """A board per agency with people in its registry: elected after the conference, two-year terms."""
    calendar = Calendar()
    people: dict[int, list[Person]] = {}
    for person in Person.objects.filter(is_active=True).order_by("agency", "pk"):
        people.setdefault(person.agency_id, []).append(person)
    for index, agency in enumerate(agencies):
        staff = people.get(agency.pk, [])
        if len(staff) < 2 or index % 12 == 11:
            continue
        start_year = today.year - 3 if agency.code == EXPIRED_BOARD else today.year - 1
        elected = dt.date(start_year, rng.randint(1, 3), rng.randint(2, 26))
        late = index % 8 == 5
        recognised = calendar.add(elected, rng.randint(6, 9) if late else rng.randint(1, 5))
        board = board_save(
            actor=actor,
            agency=agency,
            elected_on=elected,
            term_start=elected,
            term_end=term_end_for(elected),
            recognised_on=recognised,
            recognition_number=f"{rng.randint(10, 99)}/QĐ-CĐ",
        )
        size = 2 if index % 9 == 7 else min(len(staff), rng.randint(3, 5))
        for seat, person in enumerate(rng.sample(staff, size)):
            role = BoardRole.HEAD if seat == 0 else BoardRole.DEPUTY if seat == 1 else BoardRole.MEMBER
            member_add(actor=actor, board=board, person=person, role=role)


SUBJECTS = (
    "Đề nghị công khai thời hạn giải quyết thủ tục hành chính",
    "Phản ánh thái độ tiếp công dân tại bộ phận một cửa",
    "Kiến nghị sửa chữa đường giao thông liên thôn",
    "Phản ánh việc chậm trả kết quả hồ sơ",
    "Kiến nghị niêm yết công khai các khoản thu",
    "Đề nghị hướng dẫn thủ tục cấp phiếu lý lịch tư pháp",
    "Phản ánh ô nhiễm môi trường tại khu dân cư",
    "Kiến nghị về chế độ, chính sách đối với cán bộ",
)
ANSWER = (
    "Cơ quan đã tiếp nhận, kiểm tra và trả lời: nội dung phản ánh đã được khắc phục, công khai tại trụ sở."
)
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô")
GIVEN = ("Văn An", "Thị Bình", "Văn Cường", "Thị Dung", "Minh Đức", "Thu Hà", "Quốc Huy", "Thị Lan")


def _petitions(actor: User, agencies: list[Agency], rng: random.Random, today: dt.date) -> None:
    """Petitions received over the last two years; the older ones mostly answered, the recent still open."""
    calendar = Calendar()
    fields = list(PetitionField.objects.all())
    busy = agencies[: max(1, len(agencies) // 2)]
    petitions: list[Petition] = []
    steps: list[list[tuple[str, dt.date, str]]] = []
    start = today - dt.timedelta(days=730)
    for number in range(PETITIONS):
        received = start + dt.timedelta(days=round(730 * number / PETITIONS) + rng.randint(0, 2))
        received = min(received, today)
        field = rng.choice(fields)
        agency = rng.choice(busy if rng.random() < 0.7 else agencies)
        petition = Petition(
            code=new_code(),
            source=rng.choice(PetitionSource.values),
            sender_name=f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}",
            sender_phone=f"09{rng.randint(10_000_000, 99_999_999)}",
            requested_agency=agency if rng.random() < 0.8 else None,
            field=field,
            title=rng.choice(SUBJECTS),
            content="Kính đề nghị cơ quan xem xét, giải quyết và trả lời theo quy định.",
            received_on=received,
            consent=True,
        )
        events = [(Step.RECEIVED, received, "")]
        if rng.random() < 0.04:
            petition.status = (
                PetitionStatus.RECEIVED if received > today - dt.timedelta(days=3) else PetitionStatus.REFUSED
            )
            if petition.status == PetitionStatus.REFUSED:
                petition.refusal_reason = "Nội dung là khiếu nại, được giải quyết theo Luật Khiếu nại."
                events.append((Step.REFUSED, received, petition.refusal_reason))
        else:
            assigned = (
                calendar.add(received, rng.randint(0, 2)) if petition.requested_agency is None else received
            )
            petition.agency, petition.assigned_on = agency, min(assigned, today)
            petition.deadline = calendar.add(petition.assigned_on, field.time_limit)
            events.append((Step.ASSIGNED, petition.assigned_on, ""))
            _handle(petition, events, rng, calendar, today)
        petitions.append(petition)
        steps.append(events)
    bulk_create_with_history(petitions, Petition, batch_size=500, default_user=actor)
    saved = dict(Petition.objects.values_list("code", "pk"))
    rows = [
        PetitionEvent(
            petition_id=saved[petition.code],
            step=step,
            on=on,
            text=text,
            agency=petition.agency if step == Step.ASSIGNED else None,
            deadline=petition.deadline,
            actor=actor,
        )
        for petition, events in zip(petitions, steps, strict=True)
        for step, on, text in events
    ]
    bulk_create_with_history(rows, PetitionEvent, batch_size=1000, default_user=actor)


def _handle(petition: Petition, events: list, rng: random.Random, calendar: Calendar, today: dt.date) -> None:
    """What the agency did: answered on time most often, late now and then; the recent ones still open."""
    limit = petition.field.time_limit
    age = calendar.between(petition.assigned_on, today)
    if age < limit * 0.6 or rng.random() < 0.08:
        if rng.random() < 0.5:
            petition.status = PetitionStatus.IN_PROGRESS
            events.append((Step.STARTED, petition.assigned_on, ""))
        else:
            petition.status = PetitionStatus.ASSIGNED
        return
    late = rng.random() < 0.15
    answered = calendar.add(
        petition.assigned_on, rng.randint(limit + 1, limit + 10) if late else rng.randint(2, limit)
    )
    if answered > today:
        petition.status = PetitionStatus.IN_PROGRESS
        events.append((Step.STARTED, petition.assigned_on, ""))
        return
    petition.answered_on, petition.answered_in_time, petition.answer = (
        answered,
        answered <= petition.deadline,
        ANSWER,
    )
    events.append((Step.STARTED, petition.assigned_on, ""))
    events.append((Step.ANSWERED, answered, ANSWER))
    petition.status = PetitionStatus.ANSWERED
    if answered + dt.timedelta(days=10) < today and rng.random() < 0.8:
        petition.status, petition.closed_on = PetitionStatus.CLOSED, answered + dt.timedelta(days=7)
        events.append((Step.CLOSED, petition.closed_on, ""))


# The evaluation (§3c). Evidence of each manual criterion of the default rubric, by code; numbers and dates
# are drawn for each agency.
EVIDENCE = {
    "4.2": "Báo cáo số {n}/BC-BTTND ngày {d}/{m} về kết quả giám sát; Thông báo số {k}/TB tiếp thu "
    "kiến nghị của Ban Thanh tra nhân dân.",
    "5.2": "Niêm yết kết quả giải quyết kiến nghị tại bộ phận một cửa và trên trang thông tin điện tử "
    "(ảnh chụp ngày {d}/{m}).",
    "6.2": "Quyết định số {n}/QĐ-UBND ngày {d}/{m} công nhận mô hình “Dân vận khéo” trong thực hiện dân chủ.",
    "7.2": "Chuyên mục Công khai, Hỏi đáp trên trang thông tin điện tử: {k} lượt góp ý trực tuyến trong năm.",
}
OTHER_EVIDENCE = "Báo cáo số {n}/BC ngày {d}/{m} về kết quả thực hiện; hồ sơ lưu tại văn phòng."
NOTHING_DONE = "Chưa thực hiện trong năm."
# The share of a criterion's points an agency claims: most claim all or most of them, a few nothing.
CLAIMED_SHARES = (Decimal(1), Decimal(1), Decimal("0.8"), Decimal("0.6"), Decimal("0.4"), Decimal(0))
SELF_ASSESSMENT = (
    "Năm {year}, {agency} ban hành kế hoạch và triển khai các nội dung thực hiện dân chủ ở cơ sở; công khai, "
    "lấy ý kiến cán bộ, công chức, viên chức theo quy định; tổ chức hội nghị cán bộ, công chức, viên chức. "
    "Hạn chế: một số nội dung công khai còn chậm. Cơ quan tự chấm {points} điểm ở các tiêu chí có minh chứng."
)
# Home Affairs' corrections of last year: the criterion, which scores it may correct, the share of the
# criterion's points given, and the reason.
ADJUSTMENTS = (
    (
        "6.2",
        Q(claimed__gt=0),
        Decimal(0),
        "Mô hình chưa được cấp có thẩm quyền công nhận trong năm; quyết định nêu là của năm trước.",
    ),
    (
        "7.1",
        Q(computed=0),
        Decimal(1),
        "Cơ quan sử dụng hệ thống thông tin dùng chung của tỉnh để công khai và tiếp nhận phản ánh; "
        "được tính là có hệ thống đang vận hành.",
    ),
)
TIE_REASONS = {
    Level.EXCELLENT: "Bằng điểm; cơ quan có mô hình dân chủ ở cơ sở được tỉnh công nhận và nhân rộng.",
    Level.GOOD: "Bằng điểm; xếp Hoàn thành tốt nhiệm vụ theo tỷ lệ khống chế mức Hoàn thành xuất sắc.",
}
HEAD_REASON = "Người đứng đầu chưa trực tiếp chủ trì đối thoại với cán bộ, công chức theo quy định trong năm."
RETURN_REASON = "Đề nghị bổ sung minh chứng tiêu chí 6.2: chưa có quyết định công nhận mô hình."
# This year's scorecard of Sở Tư pháp is left untouched for ``canbo.tuphap`` to complete.
UNTOUCHED_SCORECARD = "STP"
DRAFTS = 4


def _evaluations(actor: User, rng: random.Random) -> None:
    """Last year evaluated and locked; this year open, with scorecards in every state."""
    year = default_year()
    staff = {user.agency_id: user for user in User.objects.filter(role=Role.AGENCY_STAFF).order_by("pk")}
    # The agencies far behind in their disclosures have little evidence for the manual criteria either.
    ordered = Agency.objects.active().order_by("display_order", "name").values_list("pk", flat=True)
    diligence = {pk: _diligence(index) for index, pk in enumerate(ordered)}
    scorers = _Scorers(actor, staff, diligence)
    with transaction.atomic():
        _last_year(year - 1, scorers, rng)
        _this_year(year, scorers, rng)


@dataclass(frozen=True)
class _Scorers:
    """Who completes each agency's scorecard (its staff account, or Home Affairs), and how diligently."""

    home_affairs: User
    staff: dict[int, User]
    diligence: dict[int, float]

    def of(self, card: AgencyEvaluation) -> User:
        return self.staff.get(card.agency_id, self.home_affairs)


def _opened(year: int, actor: User) -> list[AgencyEvaluation]:
    evaluation = evaluation_open(evaluation=evaluation_prepare(year=year, actor=actor), actor=actor)
    return list(evaluation.scorecards.select_related("agency", "evaluation").order_by("agency__code"))


def _last_year(year: int, scorers: _Scorers, rng: random.Random) -> None:
    """Every scorecard submitted; Home Affairs adjusts two scores, decides ties and one head, and locks."""
    actor = scorers.home_affairs
    cards = _opened(year, actor)
    for card in cards:
        _complete(card, scorers, rng, submit=True)
    evaluation = cards[0].evaluation
    scores = CriterionScore.objects.filter(scorecard__evaluation=evaluation).order_by("pk")
    for code, which, share, reason in ADJUSTMENTS:
        candidates = list(scores.filter(which, criterion__code=code).select_related("criterion", "scorecard"))
        if candidates:
            score = rng.choice(candidates)
            points = score.criterion.max_points * share
            score_adjust(score=score, points=points, reason=reason, actor=actor)
    _decide(evaluation, actor, rng)
    evaluation_lock(evaluation=evaluation, actor=actor)


def _decide(evaluation: Evaluation, actor: User, rng: random.Random) -> None:
    """The open ties (the places left to the first), then a head ranked a level below a "good" agency."""
    ranking = ranking_of(evaluation).ranking
    cards = {card.pk: card for card in evaluation.scorecards.select_related("agency", "evaluation")}
    if ranking.ties_open:
        for index, key in enumerate(ranking.tied):
            level = Level.EXCELLENT if index < ranking.tie_places else Level.GOOD
            _decision(cards[key], actor, tie_level=level)
    good = [key for key, place in ranking.placements.items() if place.level == Level.GOOD and not place.tied]
    if good:
        key = rng.choice(good)
        _decision(cards[key], actor, head_level=tuple(Level)[rank(Level.GOOD) + 1])


def _decision(card: AgencyEvaluation, actor: User, *, tie_level: str = "", head_level: str = "") -> None:
    scorecard_decide(
        scorecard=card,
        tie_level=tie_level,
        tie_reason=TIE_REASONS[tie_level] if tie_level else "",
        head_level=head_level,
        head_reason=HEAD_REASON if head_level else "",
        actor=actor,
    )


def _this_year(year: int, scorers: _Scorers, rng: random.Random) -> None:
    """A third submitted (one of them returned since), a few being completed, the others untouched."""
    cards = [card for card in _opened(year, scorers.home_affairs) if card.agency.code != UNTOUCHED_SCORECARD]
    rng.shuffle(cards)
    submitted, drafts = cards[: len(cards) // 3], cards[len(cards) // 3 :][:DRAFTS]
    for card in submitted + drafts:
        _complete(card, scorers, rng, submit=card in submitted)
    if submitted:
        scorecard_return(scorecard=submitted[0], reason=RETURN_REASON, actor=scorers.home_affairs)


def _complete(card: AgencyEvaluation, scorers: _Scorers, rng: random.Random, *, submit: bool) -> None:
    """The agency claims points with evidence for every manual criterion and assesses itself."""
    claims, total = {}, Decimal(0)
    diligence = scorers.diligence.get(card.agency_id, 1)
    for score in card.scores.select_related("criterion").filter(criterion__kind=CriterionKind.MANUAL):
        share = rng.choice(CLAIMED_SHARES) if rng.random() < diligence else Decimal(0)
        points = (score.criterion.max_points * share).quantize(Decimal("0.01"))
        template = EVIDENCE.get(score.criterion.code, OTHER_EVIDENCE) if points else NOTHING_DONE
        numbers = {
            "n": rng.randint(12, 98),
            "k": rng.randint(5, 240),
            "d": rng.randint(1, 28),
            "m": rng.randint(3, 11),
        }
        claims[score.pk] = (points, template.format(**numbers))
        total += points
    name = card.agency.short_name or card.agency.name
    assessment = SELF_ASSESSMENT.format(year=card.evaluation.year, agency=name, points=_number(total))
    scorecard_save(scorecard=card, self_assessment=assessment, claims=claims, actor=scorers.of(card))
    if submit:
        scorecard_submit(scorecard=card, actor=scorers.of(card))


def _number(points: Decimal) -> str:
    return f"{points.normalize():f}".replace(".", ",")
