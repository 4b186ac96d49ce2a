"""Emulation, commendation and discipline (Art. 1 §4 of the resolution).

- ``catalogue``: titles and forms of commendation, kinds of violation, forms of handling (data);
- ``campaign``: the yearly emulation movement and each agency's pledge to it;
- ``exemplar``: exemplary models and advanced examples, published on the portal once recognised;
- ``commendation``: the quotas allocated to agencies and their nominations;
- ``violation``: the register of violations of the democracy rules and their handling.
"""

from emulation.models.campaign import Campaign, Pledge, PledgeStatus
from emulation.models.catalogue import Award, AwardKind, Handling, Recipients, ViolationCategory
from emulation.models.commendation import Nomination, NominationFile, NominationStatus, Quota
from emulation.models.exemplar import Exemplar, ExemplarPhoto, ExemplarStatus, NomineeKind
from emulation.models.violation import Detection, Violation, ViolationStatus

__all__ = [
    "Award",
    "AwardKind",
    "Campaign",
    "Detection",
    "Exemplar",
    "ExemplarPhoto",
    "ExemplarStatus",
    "Handling",
    "Nomination",
    "NominationFile",
    "NominationStatus",
    "NomineeKind",
    "Pledge",
    "PledgeStatus",
    "Quota",
    "Recipients",
    "Violation",
    "ViolationCategory",
    "ViolationStatus",
]
