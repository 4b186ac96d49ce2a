from __future__ import annotations

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from tests.factories import AgencyFactory, PersonFactory


class DisclosureCategoryFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.DisclosureCategory"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Nội dung công khai thử nghiệm {n}")


class DisclosureFormFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.DisclosureForm"
        django_get_or_create = ("name",)

    name = "Niêm yết tại trụ sở cơ quan, đơn vị"


class DisclosureFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.Disclosure"
        skip_postgeneration_save = True

    agency = factory.SubFactory(AgencyFactory)
    category = factory.SubFactory(DisclosureCategoryFactory)
    year = 2026
    title = factory.Sequence(lambda n: f"Công khai dự toán ngân sách năm 2026 (lần {n})")
    period_covered = "Năm 2026"
    disclosed_on = dt.date(2026, 3, 10)

    @factory.post_generation
    def forms(self, create, extracted, **kwargs):
        if create:
            self.forms.set(extracted if extracted is not None else [DisclosureFormFactory()])


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.Consultation"

    agency = factory.SubFactory(AgencyFactory)
    matter = "Quy chế chi tiêu nội bộ năm 2026"
    kind = "decide"
    started_on = dt.date(2026, 2, 2)
    participation = "meeting"
    participants = 40


class StaffConferenceFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.StaffConference"

    agency = factory.SubFactory(AgencyFactory)
    year = 2025
    held_on = dt.date(2026, 1, 20)
    summoned = 60
    present = 55


class ConferenceResolutionFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.ConferenceResolution"

    conference = factory.SubFactory(StaffConferenceFactory)
    title = "Thông qua quy chế dân chủ của cơ quan"
    votes_for = 50
    votes_against = 2


class InspectionBoardFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.InspectionBoard"

    agency = factory.SubFactory(AgencyFactory)
    elected_on = dt.date(2025, 1, 20)
    term_start = dt.date(2025, 1, 20)
    term_end = dt.date(2027, 1, 19)
    recognised_on = dt.date(2025, 1, 23)


class BoardMemberFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.BoardMember"

    board = factory.SubFactory(InspectionBoardFactory)
    person = factory.SubFactory(PersonFactory, agency=factory.SelfAttribute("..board.agency"))
    role = "member"


class PetitionFieldFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.PetitionField"
        django_get_or_create = ("name",)

    name = "Thủ tục hành chính"
    time_limit = 15


class PetitionFactory(DjangoModelFactory):
    class Meta:
        model = "accountability.Petition"

    source = "portal"
    sender_name = factory.Faker("name", locale="vi_VN")
    sender_phone = factory.Sequence(lambda n: f"09{n:08d}")
    agency = factory.SubFactory(AgencyFactory)
    field = factory.SubFactory(PetitionFieldFactory)
    title = "Đề nghị công khai thủ tục cấp phiếu lý lịch tư pháp"
    content = "Tôi đề nghị cơ quan niêm yết rõ thời hạn giải quyết thủ tục."
    status = "assigned"
    received_on = dt.date(2026, 11, 2)
    assigned_on = dt.date(2026, 11, 2)
    deadline = dt.date(2026, 11, 23)
    consent = True
