from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PropagandaConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "propaganda"
    verbose_name = _("Dissemination (Art. 1 §2)")
