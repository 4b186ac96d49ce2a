"""factory_boy factories of Art. 1 §4 with Vietnamese data.

The catalogues (titles and forms of commendation, kinds of violation, forms of handling) are the rows the
migration creates, which ``tests/emulation/conftest.py`` makes sure of after a browser test's flush. Rows
are written straight to their tables, as the other apps' factories do: the services are what the tests test.
"""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from emulation.models import (
    Award,
    Campaign,
    Exemplar,
    ExemplarPhoto,
    ExemplarStatus,
    Handling,
    Nomination,
    NominationStatus,
    Pledge,
    PledgeStatus,
    Quota,
    Violation,
    ViolationCategory,
    ViolationStatus,
)
from tests.factories import AgencyFactory, PersonFactory

YEAR = 2026
GIAY_KHEN = "Giấy khen"
BANG_KHEN = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
REVIEWED = (NominationStatus.APPROVED, NominationStatus.NOT_APPROVED, NominationStatus.DECIDED)


def award_named(name: str) -> Award:
    return Award.objects.get(name=name)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """A moment of ``day`` in the province's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        django_get_or_create = ("year",)

    year = YEAR
    title = factory.LazyAttribute(lambda o: f"Phong trào thi đua thực hiện tốt dân chủ ở cơ sở năm {o.year}")
    document_number = factory.Sequence(lambda n: f"{n + 12}/KH-UBND")
    document_date = factory.LazyAttribute(lambda o: dt.date(o.year, 1, 20))
    content = (
        "Chủ tịch Ủy ban nhân dân tỉnh Bắc Giang phát động thi đua thực hiện tốt Luật Thực hiện dân chủ ở cơ "
        "sở: công khai đầy đủ, đúng hạn; tiếp nhận và giải quyết kịp thời kiến nghị, phản ánh."
    )
    criteria = "Tổ chức hội nghị cán bộ, công chức, viên chức đúng hạn; không có vi phạm về dân chủ ở cơ sở."
    starts_on = factory.SelfAttribute("document_date")
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.year, 12, 14))
    pledge_deadline = factory.LazyAttribute(lambda o: dt.date(o.year, 3, 15))


class PledgeFactory(DjangoModelFactory):
    """An approved pledge; ``status=`` another status gives the dates and the reason that status has."""

    class Meta:
        model = Pledge

    campaign = factory.SubFactory(CampaignFactory)
    agency = factory.SubFactory(AgencyFactory)
    collective_award = factory.LazyFunction(lambda: award_named("Tập thể lao động xuất sắc"))
    collective_targets = (
        "Hoàn thành xuất sắc nhiệm vụ; công khai đủ các nội dung theo Điều 46 Luật Thực hiện dân chủ ở cơ "
        "sở; giải quyết đúng hạn 100% kiến nghị, phản ánh."
    )
    individual_targets = "100% cán bộ đạt Lao động tiên tiến; ít nhất 15% đạt Chiến sĩ thi đua cơ sở."
    individuals = 24
    status = PledgeStatus.APPROVED
    sent_at = factory.LazyAttribute(
        lambda o: None if o.status == PledgeStatus.DRAFT else at(dt.date(o.campaign.year, 2, 10))
    )
    reviewed_at = factory.LazyAttribute(
        lambda o: (
            at(dt.date(o.campaign.year, 2, 20))
            if o.status in (PledgeStatus.APPROVED, PledgeStatus.RETURNED)
            else None
        )
    )
    return_reason = factory.LazyAttribute(
        lambda o: (
            "Đề nghị bổ sung chỉ tiêu về công khai tài chính." if o.status == PledgeStatus.RETURNED else ""
        ),
    )


class ExemplarFactory(DjangoModelFactory):
    """A recognised model honouring an official of its agency; ``collective=True`` for a collective."""

    class Meta:
        model = Exemplar

    class Params:
        collective = factory.Trait(
            kind="collective", person=None, collective_name="Phòng Hành chính - Tổng hợp"
        )

    agency = factory.SubFactory(AgencyFactory)
    year = YEAR
    kind = "individual"
    person = factory.SubFactory(PersonFactory, agency=factory.SelfAttribute("..agency"))
    title = factory.Sequence(lambda n: f"Mô hình “Dân vận khéo” trong công khai tài chính số {n}")
    description = "Công khai dự toán, quyết toán tại trụ sở và trên trang thông tin nội bộ, đúng hạn."
    achievements = "Công khai đủ 12/12 nội dung; 100% kiến nghị của cán bộ được trả lời trong 15 ngày."
    status = ExemplarStatus.RECOGNISED
    recognised_on = factory.LazyAttribute(
        lambda o: dt.date(o.year, 5, 20) if o.status == ExemplarStatus.RECOGNISED else None
    )


class ExemplarPhotoFactory(DjangoModelFactory):
    class Meta:
        model = ExemplarPhoto

    exemplar = factory.SubFactory(ExemplarFactory)
    image = factory.django.ImageField(filename="hoat-dong.png", format="PNG", color="#b22222")
    caption = "Hội nghị cán bộ, công chức, viên chức năm 2026"


class QuotaFactory(DjangoModelFactory):
    class Meta:
        model = Quota
        django_get_or_create = ("year", "agency", "award")

    year = YEAR
    agency = factory.SubFactory(AgencyFactory)
    award = factory.LazyFunction(lambda: award_named(GIAY_KHEN))
    places = 2


class NominationFactory(DjangoModelFactory):
    """A draft nomination of an official; ``status=`` another status gives the dates that status has
    (submitted on 15 October, reviewed on 5 November, decided on 20 November of its year)."""

    class Meta:
        model = Nomination

    class Params:
        submitted_on = factory.LazyAttribute(lambda o: dt.date(o.year, 10, 15))

    year = YEAR
    agency = factory.SubFactory(AgencyFactory)
    award = factory.LazyFunction(lambda: award_named(GIAY_KHEN))
    kind = "individual"
    person = factory.SubFactory(PersonFactory, agency=factory.SelfAttribute("..agency"))
    achievements = (
        "Tham mưu tổ chức hội nghị cán bộ, công chức đúng hạn, đủ thành phần; công khai đầy đủ dự toán "
        "ngân sách tại trụ sở; giải quyết đúng hạn các kiến nghị của người lao động."
    )
    status = NominationStatus.DRAFT
    submitted_at = factory.LazyAttribute(
        lambda o: None if o.status == NominationStatus.DRAFT else at(o.submitted_on)
    )
    reviewed_on = factory.LazyAttribute(lambda o: dt.date(o.year, 11, 5) if o.status in REVIEWED else None)
    council_reason = factory.LazyAttribute(
        lambda o: "Thành tích chưa tiêu biểu." if o.status == NominationStatus.NOT_APPROVED else ""
    )
    decision_date = factory.LazyAttribute(
        lambda o: dt.date(o.year, 11, 20) if o.status == NominationStatus.DECIDED else None
    )
    decision_number = factory.LazyAttribute(
        lambda o: f"{1800 + o.year % 100}/QĐ-UBND" if o.status == NominationStatus.DECIDED else ""
    )
    decision_issuer = factory.LazyAttribute(
        lambda o: "Chủ tịch UBND tỉnh Bắc Giang" if o.status == NominationStatus.DECIDED else ""
    )


class ViolationFactory(DjangoModelFactory):
    """A violation of an official, being handled; ``status="handled"`` gives a reprimand 20 days after it was
    found, and ``of_agency=True`` a violation of the agency itself."""

    class Meta:
        model = Violation

    class Params:
        of_agency = factory.Trait(person=None)

    agency = factory.SubFactory(AgencyFactory)
    person = factory.SubFactory(PersonFactory, agency=factory.SelfAttribute("..agency"))
    found_on = dt.date(YEAR, 3, 9)
    category = factory.LazyFunction(lambda: ViolationCategory.objects.order_by("display_order").first())
    detection = "inspection"
    description = "Không niêm yết công khai dự toán ngân sách năm tại trụ sở cơ quan theo quy định."
    status = ViolationStatus.FOUND
    handling = factory.LazyAttribute(
        lambda o: Handling.objects.get(name="Khiển trách") if o.status == ViolationStatus.HANDLED else None
    )
    decision_date = factory.LazyAttribute(
        lambda o: o.found_on + dt.timedelta(days=20) if o.status == ViolationStatus.HANDLED else None
    )
    decision_number = factory.LazyAttribute(
        lambda o: f"25/QĐ-{o.agency.code}" if o.status == ViolationStatus.HANDLED else ""
    )
