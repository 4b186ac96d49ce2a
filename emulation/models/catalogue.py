"""The catalogues of emulation and discipline, kept as data since decrees change them.

- ``Award``: emulation titles (danh hiệu thi đua) and forms of commendation (hình thức khen thưởng) of the
  Law on Emulation and Commendation 06/2022/QH15 and Nghị định 98/2023, each for individuals, collectives or
  both, with the authority that grants it and the title its certificate prints;
- ``ViolationCategory``: the acts the Law on Grassroots Democracy 10/2022 prohibits (Art. 8), paraphrased
  until checked against the official text;
- ``Handling``: how a violation is handled (criticism, reprimand, warning … under the discipline rules).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach


class AwardKind(models.TextChoices):
    TITLE = "title", _("Emulation title")
    FORM = "form", _("Form of commendation")


class Recipients(models.TextChoices):
    INDIVIDUAL = "individual", _("Individuals")
    COLLECTIVE = "collective", _("Collectives")
    BOTH = "both", _("Individuals and collectives")


class Award(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=AwardKind.choices)
    recipients = models.CharField(_("awarded to"), max_length=10, choices=Recipients.choices)
    authority = models.CharField(_("granted by"), max_length=150)
    certificate_title = models.CharField(
        _("title printed on the certificate"),
        max_length=60,
        help_text=_("For example: BẰNG KHEN, GIẤY KHEN, CHIẾN SĨ THI ĐUA CẤP TỈNH"),
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("title or form of commendation")
        verbose_name_plural = _("titles and forms of commendation")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name

    def awards_to(self, kind: str) -> bool:
        """Whether individuals (``"individual"``) or collectives (``"collective"``) may receive it."""
        return self.recipients in (kind, Recipients.BOTH)


class ViolationCategory(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=100, blank=True)
    is_confirmed = models.BooleanField(
        _("confirmed against the Law's text"),
        default=True,
        help_text=_("Unticked where the wording has not been checked against the official text yet."),
    )
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("kind of violation")
        verbose_name_plural = _("kinds of violation")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name


class Handling(models.Model):
    name = models.CharField(_("name"), max_length=150, unique=True)
    display_order = models.PositiveIntegerField(_("display order"), default=0)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("form of handling")
        verbose_name_plural = _("forms of handling")
        ordering = ["display_order", "name"]

    def __str__(self) -> str:
        return self.name
