"""Users with a role and an agency."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dancoso.accounts.access import ALL, Reach, is_province_admin
from dancoso.accounts.roles import Role

__all__ = ["PortalUserManager", "Role", "User"]


class PortalUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        # A superuser administers the whole portal, so it needs no agency.
        extra_fields.setdefault("role", Role.PROVINCE_ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    agency = models.ForeignKey(
        "agencies.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.AGENCY_STAFF)
    history = HistoricalRecords(excluded_fields=["password", "last_login"])
    # Accounts are managed by Home Affairs alone.
    reach = Reach(read=ALL, readers=is_province_admin)

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="agency_staff") | Q(agency__isnull=False), name="user_staff_has_agency"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def clean(self) -> None:
        super().clean()
        if self.role == Role.AGENCY_STAFF and not self.agency_id:
            raise ValidationError({"agency": _("Agency staff must belong to an agency.")})

    @property
    def display_name(self) -> str:
        return self.full_name or self.username
