"""Accountability of agencies and their heads (Art. 1 §3a–b of the resolution; Law 10/2022 Chapter III).

- ``disclosure``: what an agency disclosed to its staff (công khai, Art. 46–47), and its consultations
  (bàn và quyết định, tham gia ý kiến, kiểm tra giám sát);
- ``conference``: the yearly staff conference (hội nghị CBCCVC-NLĐ, Art. 51) and its resolutions;
- ``board``: the People's Inspection Board (Ban Thanh tra nhân dân) of each agency, its terms and members;
- ``evaluation``: the yearly evaluation and ranking of agencies and their heads (§3c), from a rubric
  computed on the measures' figures;
- ``petitions``: petitions and feedback (kiến nghị, phản ánh) of citizens and staff, with deadlines
  in working days.
"""

from accountability.models.board import BoardMember, BoardRole, InspectionBoard, SupervisionActivity
from accountability.models.conference import ConferenceResolution, StaffConference
from accountability.models.disclosure import (
    Consultation,
    ConsultationKind,
    Disclosure,
    DisclosureCategory,
    DisclosureForm,
    Participation,
)
from accountability.models.evaluation import (
    AgencyEvaluation,
    Criterion,
    CriterionKind,
    CriterionScore,
    Evaluation,
    EvaluationStatus,
    EvidenceFile,
    Level,
    ScorecardStatus,
    ScoringRule,
)
from accountability.models.petitions import (
    Petition,
    PetitionAttachment,
    PetitionEvent,
    PetitionField,
    PetitionSource,
    PetitionStatus,
    Step,
)

__all__ = [
    "AgencyEvaluation",
    "Criterion",
    "CriterionKind",
    "CriterionScore",
    "Evaluation",
    "EvaluationStatus",
    "EvidenceFile",
    "Level",
    "ScorecardStatus",
    "ScoringRule",
    "BoardMember",
    "BoardRole",
    "ConferenceResolution",
    "Consultation",
    "ConsultationKind",
    "Disclosure",
    "DisclosureCategory",
    "DisclosureForm",
    "InspectionBoard",
    "Participation",
    "Petition",
    "PetitionAttachment",
    "PetitionEvent",
    "PetitionField",
    "PetitionSource",
    "PetitionStatus",
    "StaffConference",
    "Step",
    "SupervisionActivity",
]
