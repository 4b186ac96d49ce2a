"""Modules the apps contribute to the core (``indicators``, ``navigation``), found without naming any app."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings


def project_apps() -> list[AppConfig]:
    """The project's own apps (Django's and the libraries' are not asked to contribute)."""
    root = Path(settings.BASE_DIR).resolve()
    return [
        config
        for config in apps.get_app_configs()
        if root in Path(config.path).resolve().parents and ".venv" not in Path(config.path).parts
    ]


@cache
def app_modules(name: str) -> tuple[tuple[AppConfig, ModuleType], ...]:
    """Every project app's module called ``name``, in the order of ``INSTALLED_APPS``, once per process."""
    found = []
    for config in project_apps():
        module_name = f"{config.name}.{name}"
        if find_spec(config.name) is not None and find_spec(module_name) is not None:
            found.append((config, import_module(module_name)))
    return tuple(found)
