from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountabilityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accountability"
    verbose_name = _("Accountability (Art. 1 §3)")
