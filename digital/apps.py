from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigitalConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "digital"
    verbose_name = _("Digital support (Art. 1 §5)")
