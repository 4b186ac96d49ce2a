from __future__ import annotations

import datetime as dt

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

PDF = b"%PDF-1.4\n%test\n"


class DocumentTypeFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.DocumentType"
        django_get_or_create = ("name",)

    name = "Nghị định"


class LegalDocumentFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.LegalDocument"

    number = factory.Sequence(lambda n: f"{n + 1}/2023/NĐ-CP")
    document_type = factory.SubFactory(DocumentTypeFactory)
    issuing_body = "Chính phủ"
    issue_date = dt.date(2023, 8, 14)
    summary = "Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở"
    level = "central"
    is_published = True


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.Attachment"

    document = factory.SubFactory(LegalDocumentFactory)
    original_name = "van-ban.pdf"
    content_type = "application/pdf"
    size = len(PDF)
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="van-ban.pdf"))


def channel(kind: str):
    """The channel of a kind among the starting ones (made again after a browser test's flush)."""
    from propaganda import defaults
    from propaganda.models import Channel, DocumentType

    defaults.ensure(Channel, DocumentType)

    return Channel.objects.filter(kind=kind).order_by("display_order").first()


class DisseminationPlanFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.DisseminationPlan"

    agency = factory.SubFactory("tests.factories.AgencyFactory")
    year = 2026
    title = factory.LazyAttribute(
        lambda plan: f"Kế hoạch phổ biến pháp luật về dân chủ ở cơ sở năm {plan.year}"
    )
    topics = factory.LazyFunction(lambda: ["rules", "staff"])


class ApprovedPlanFactory(DisseminationPlanFactory):
    status = "approved"
    decision_number = factory.Sequence(lambda n: f"{n + 1}/KH-STP")
    decision_date = dt.date(2026, 1, 10)


class PlanActivityFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.PlanActivity"

    plan = factory.SubFactory(DisseminationPlanFactory)
    form = "conference"
    title = "Hội nghị quán triệt Luật Thực hiện dân chủ ở cơ sở"
    planned_date = dt.date(2026, 3, 15)
    audience = "staff"
    planned_audience = 60


class PostingFactory(DjangoModelFactory):
    class Meta:
        model = "propaganda.Posting"

    agency = factory.SubFactory("tests.factories.AgencyFactory")
    channel = factory.LazyFunction(lambda: channel("agency_website"))
    posted_on = dt.date(2026, 4, 2)
    title = "Đăng tải Luật Thực hiện dân chủ ở cơ sở"
    url = "https://stp.bacgiang.gov.vn/tin-tuc/dan-chu-co-so"
