"""Demo library: the laws and decrees behind the resolution, with their real numbers, dates and relations,
and the province's own resolution, all published on the portal. Safe to run twice (matched by number)."""

from __future__ import annotations

import datetime as dt

from dancoso.accounts.models import User
from dancoso.agencies.models import Province
from propaganda.models import DocumentType, LegalDocument, Relation
from propaganda.services.library import document_publish, document_save, relation_add

ACTOR_USERNAME = "noivu"
D = dt.date
# number, type, issuing body, issue date, effective date, summary. Dates are the documents' own.
DOCUMENTS = (
    (
        "34/2007/PL-UBTVQH11",
        "Văn bản khác",
        "Ủy ban Thường vụ Quốc hội",
        D(2007, 4, 20),
        D(2007, 7, 1),
        "Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn",
    ),
    (
        "10/2022/QH15",
        "Luật",
        "Quốc hội",
        D(2022, 11, 10),
        D(2023, 7, 1),
        "Luật Thực hiện dân chủ ở cơ sở",
    ),
    (
        "346/QĐ-TTg",
        "Quyết định",
        "Thủ tướng Chính phủ",
        D(2023, 4, 6),
        None,
        "Ban hành Kế hoạch triển khai thi hành Luật Thực hiện dân chủ ở cơ sở",
    ),
    (
        "59/2023/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2023, 8, 14),
        None,
        "Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở",
    ),
    (
        "61/2023/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2023, 8, 16),
        None,
        "Về xây dựng và thực hiện hương ước, quy ước của cộng đồng dân cư",
    ),
    (
        "09/2019/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2019, 1, 24),
        D(2019, 3, 12),
        "Quy định chế độ báo cáo của cơ quan hành chính nhà nước",
    ),
    (
        "30/2020/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        D(2020, 3, 5),
        None,
        "Về công tác văn thư",
    ),
)
# source, kind, target (by number).
RELATIONS = (
    ("10/2022/QH15", "replaces", "34/2007/PL-UBTVQH11"),
    ("346/QĐ-TTg", "implements", "10/2022/QH15"),
    ("59/2023/NĐ-CP", "implements", "10/2022/QH15"),
    ("61/2023/NĐ-CP", "implements", "10/2022/QH15"),
)


def seed() -> dict[str, int]:
    actor = User.objects.get(username=ACTOR_USERNAME)
    # The document types come with the library (migration 0003).
    types = {item.name: item for item in DocumentType.objects.all()}
    rows = list(DOCUMENTS)
    province = Province.current()
    if province is not None and province.resolution_number and province.resolution_date:
        rows.append(
            (
                province.resolution_number,
                "Nghị quyết",
                f"Hội đồng nhân dân tỉnh {province.name}",
                province.resolution_date,
                None,
                f"Về các biện pháp bảo đảm thực hiện dân chủ ở cơ sở trên địa bàn tỉnh {province.name}",
            )
        )
    by_number = {}
    for number, kind, body, issued, effective, summary in rows:
        document = LegalDocument.objects.filter(number=number, issuing_body=body).first()
        if document is None:
            level = "provincial" if body.startswith("Hội đồng nhân dân") else "central"
            document = document_save(
                actor=actor,
                number=number,
                document_type=types[kind],
                issuing_body=body,
                issue_date=issued,
                effective_date=effective,
                summary=summary,
                level=level,
            )
            document_publish(document=document, actor=actor)
        by_number[number] = document
    if len(rows) > len(DOCUMENTS):
        relations = (*RELATIONS, (rows[-1][0], "implements", "10/2022/QH15"))
    else:
        relations = RELATIONS
    for source, kind, target in relations:
        if not Relation.objects.filter(
            source=by_number[source], target=by_number[target], kind=kind
        ).exists():
            relation_add(source=by_number[source], target=by_number[target], kind=kind, actor=actor)
    return {
        "types": DocumentType.objects.count(),
        "documents": LegalDocument.objects.count(),
        "relations": Relation.objects.count(),
    }
