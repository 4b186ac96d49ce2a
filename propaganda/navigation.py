"""Dissemination's pages on the public portal (Art. 1 §2)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from dancoso.core.navigation import PortalLink

ARTICLE = (1, 2)

ENTRIES = ()

PORTAL_LINKS = (PortalLink(_("Legal documents on grassroots democracy"), "public_documents:list", ARTICLE),)
