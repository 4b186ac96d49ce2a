"""The province, its agency tree and its people (officials, Ban Thanh tra nhân dân members)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach
from dancoso.core.fields import NOTE_LENGTH


class Province(models.Model):
    """The province as data: after the 2025 merger its name and agencies change without a code change."""

    name = models.CharField(_("province name"), max_length=100, help_text=_("For example: Bắc Giang"))
    resolution_number = models.CharField(
        _("resolution number"), max_length=50, blank=True, help_text=_("For example: 12/2024/NQ-HĐND")
    )
    resolution_date = models.DateField(_("resolution date"), null=True, blank=True)
    history = HistoricalRecords()
    reach = Reach(read=ALL)

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("province")

    def __str__(self) -> str:
        return self.name

    @property
    def full_name(self) -> str:
        return _("%(name)s province") % {"name": self.name}

    @property
    def people_committee(self) -> str:
        return _("People's Committee of %(name)s province") % {"name": self.name}

    @classmethod
    def current(cls) -> Province | None:
        return cls.objects.order_by("pk").first()


class AgencyQuerySet(models.QuerySet):
    def active(self) -> AgencyQuerySet:
        return self.filter(is_active=True)


class Agency(models.Model):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department or board")
        PUBLIC_UNIT = "public_unit", _("Public service unit")
        DISTRICT = "district", _("District People's Committee")
        COMMUNE = "commune", _("Commune People's Committee")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100)
    code = models.SlugField(_("code"), max_length=40, unique=True, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    display_order = models.PositiveIntegerField(_("display order"), default=100)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    source = models.TextField(_("source"), max_length=NOTE_LENGTH, blank=True)
    note = models.TextField(_("note"), max_length=NOTE_LENGTH, blank=True)
    needs_verification = models.BooleanField(
        _("needs verification"),
        default=False,
        help_text=_(
            "The name, existence or parent of this agency has not been confirmed by an official source."
        ),
    )
    history = HistoricalRecords()
    # The agency tree is a shared register; only Home Affairs changes it.
    reach = Reach(read=ALL)

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["display_order", "name"]
        # Lists grouped by agency walk the agencies in this order and stop at the page's end.
        indexes = [models.Index(fields=["display_order", "name", "id"], name="agency_in_display_order")]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("pk")), name="agency_not_own_parent"),
            models.CheckConstraint(
                condition=Q(is_active=True) | Q(retired_on__isnull=False), name="agency_retired_has_date"
            ),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("agencies:agency_detail", args=[self.pk])

    def clean(self) -> None:
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("An agency cannot be its own parent.")})
        ancestor = self.parent
        while ancestor is not None and self.pk:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("This parent would make a loop in the agency tree.")})
            ancestor = ancestor.parent


class Person(models.Model):
    """An official (cán bộ, công chức, viên chức, người lao động) of an agency."""

    full_name = models.CharField(_("full name"), max_length=150)
    agency = models.ForeignKey(
        Agency, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="people"
    )
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    is_democracy_officer = models.BooleanField(_("assigned to democracy work"), default=False)
    is_inspection_member = models.BooleanField(_("People's Inspection Board member"), default=False)
    inspection_term_start = models.DateField(_("Inspection Board term start"), null=True, blank=True)
    inspection_term_end = models.DateField(_("Inspection Board term end"), null=True, blank=True)
    is_steering_member = models.BooleanField(_("democracy steering committee member"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()
    reach = Reach(read=("agency",), write=("agency",))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["agency__display_order", "full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(inspection_term_end__isnull=True)
                | Q(inspection_term_start__isnull=True)
                | Q(inspection_term_end__gt=F("inspection_term_start")),
                name="person_inspection_term_order",
            ),
            models.CheckConstraint(
                condition=Q(is_inspection_member=False) | Q(inspection_term_start__isnull=False),
                name="person_inspection_member_has_term",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "full_name"]),
            # The people list pages through the whole register by name.
            models.Index(fields=["full_name", "id"], name="person_by_name"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("agencies:person_detail", args=[self.pk])

    def clean(self) -> None:
        errors = {}
        if self.is_inspection_member and not self.inspection_term_start:
            errors["inspection_term_start"] = _("A People's Inspection Board member needs a term start date.")
        start, end = self.inspection_term_start, self.inspection_term_end
        if start and end and end <= start:
            errors["inspection_term_end"] = _("The term must end after it starts.")
        if errors:
            raise ValidationError(errors)
