from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "emulation"
    verbose_name = _("Emulation and commendation (Art. 1 §4)")
