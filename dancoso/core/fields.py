"""Model fields the apps share, declared once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# Longest free text a form accepts: a note is a few paragraphs, a narrative part of the yearly report a few
# pages. The database does not limit TextField; the forms do, with Django's Vietnamese message.
NOTE_LENGTH = 2000
NARRATIVE_LENGTH = 20000
# Longest search a register's filter accepts: the longest name or title it holds. SQLite refuses a LIKE
# pattern over 50,000 bytes, and nothing longer can match anyway.
SEARCH_LENGTH = 255
# Every form text field refuses NUL characters (PostgreSQL cannot store them) with this message of Django's,
# which Django's own catalogue leaves untranslated in Vietnamese. Naming the same text here keeps it in the
# project's catalogue, which Django reads first, so every such refusal reads in Vietnamese.
NUL_MESSAGE = _("Null characters are not allowed.")
# The years a record of the portal may be about (a plan, a campaign, a quota …).
FIRST_YEAR, LAST_YEAR = 2000, 2100
YEAR_VALIDATORS = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
# The same bounds for a form's ``IntegerField`` of a year.
YEAR_BOUNDS = {"min_value": FIRST_YEAR, "max_value": LAST_YEAR}


def actor_field(verbose_name: Any) -> models.ForeignKey:
    """The account that did something to a row (recorded, issued, requested …).

    The row outlives the account: a deleted account leaves the field empty, and the change history still
    names who it was. No reverse accessor, since nobody asks a user for "everything they recorded".
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
