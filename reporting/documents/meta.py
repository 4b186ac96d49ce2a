"""What a report's documents say besides the figures: header, narrative, signature and recipients.

A version stores this as JSON next to its figures (``to_json``/``from_json``), so its documents can be
rebuilt exactly as they were generated.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class Signer:
    on_behalf: str = "TM. ỦY BAN NHÂN DÂN"
    deputy: str = "KT. CHỦ TỊCH"
    title: str = "PHÓ CHỦ TỊCH"
    name: str = ""


@dataclass(frozen=True)
class Narrative:
    """Text Home Affairs writes; ``measures`` maps a measure key (``dancoso.measures``) to its comment."""

    leadership: str = ""
    measures: dict[str, str] = field(default_factory=dict)
    strengths: str = ""
    shortcomings: str = ""
    causes: str = ""
    next_year: str = ""
    proposals: str = ""


@dataclass(frozen=True)
class DocumentMeta:
    province: str  # "Bắc Giang"
    issuing_body: str  # "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"
    number: str  # "125", or "" to leave the number blank for the clerk ("Số:      /BC-UBND")
    symbol: str  # "BC-UBND"
    place: str  # "Bắc Giang"
    date: date
    year: int
    resolution_number: str  # "12/2024/NQ-HĐND", or "" when not recorded
    resolution_date: date | None
    signer: Signer = field(default_factory=Signer)
    recipients: tuple[str, ...] = ()
    narrative: Narrative = field(default_factory=Narrative)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date"] = self.date.isoformat()
        data["resolution_date"] = self.resolution_date.isoformat() if self.resolution_date else None
        data["recipients"] = list(self.recipients)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> DocumentMeta:
        values = dict(data)
        values["date"] = date.fromisoformat(values["date"])
        values["resolution_date"] = (
            date.fromisoformat(values["resolution_date"]) if values.get("resolution_date") else None
        )
        values["signer"] = Signer(**values.get("signer", {}))
        values["narrative"] = Narrative(**values.get("narrative", {}))
        values["recipients"] = tuple(values.get("recipients", ()))
        return cls(**values)
