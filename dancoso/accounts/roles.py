"""The roles of the portal's users; what each may do is decided in ``dancoso.accounts.access``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROVINCE_ADMIN = "province_admin", _("Home Affairs (administrator)")
    LEADER = "leader", _("Provincial leader")
    COUNCIL = "council", _("People's Council")
    AGENCY_STAFF = "agency_staff", _("Agency staff")
