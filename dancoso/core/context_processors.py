from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from dancoso.agencies.models import Province
from dancoso.core.navigation import menu_for


def portal(request: HttpRequest) -> dict[str, Any]:
    """The province and the menu, read lazily so pages that do not show them cost no query."""
    user = request.user
    return {
        "province": SimpleLazyObject(Province.current),
        "menu": SimpleLazyObject(lambda: menu_for(user)) if user.is_authenticated else [],
    }
