from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from types import ModuleType

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dancoso.accounts.models import Role
from dancoso.core.demo import DEMO_USERS, seed_core


def demo_modules() -> dict[str, ModuleType]:
    """The measure apps' ``demo`` modules (each with a ``seed()``) by app label, in INSTALLED_APPS order."""
    found = {}
    for config in apps.get_app_configs():
        if config.name.startswith("dancoso.") or find_spec(config.name) is None:
            continue
        if find_spec(f"{config.name}.demo") is not None:
            found[config.label] = import_module(f"{config.name}.demo")
    return found


def seeding_order(demos: dict[str, ModuleType]) -> list[str]:
    """The labels of the demo modules, each after the apps its ``AFTER`` names, otherwise in the given order.

    A demo that reads another app's demo records declares it: ``AFTER = ("emulation", "funding")``. Each
    step takes the first module, in the given order, whose named apps are all seeded already.
    """
    for label, module in demos.items():
        unknown = sorted(set(getattr(module, "AFTER", ())) - demos.keys())
        if unknown:
            raise CommandError(
                f"The demo of {label} comes after {', '.join(unknown)}, which has no demo module."
            )
    ordered: list[str] = []
    while len(ordered) < len(demos):
        waiting = [label for label in demos if label not in ordered]
        ready = [label for label in waiting if set(getattr(demos[label], "AFTER", ())) <= set(ordered)]
        if not ready:
            raise CommandError(
                f"The demos of {', '.join(waiting)} cannot be ordered: their AFTER names form a cycle."
            )
        ordered.append(ready[0])
    return ordered


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: cơ quan, đơn vị thật của tỉnh, khoảng 200 cán bộ và các tài khoản dùng thử."

    def handle(self, *args, **options) -> None:
        demos = demo_modules()
        order = seeding_order(demos)
        counts = seed_core()
        self.stdout.write(
            f"Cơ quan, đơn vị: {counts['agencies']}; cán bộ mới: {counts['people']}; "
            f"tài khoản mới: {counts['users']}."
        )
        for label in order:
            summary = demos[label].seed()
            self.stdout.write(f"{apps.get_app_config(label).verbose_name}: {summary}")
        self.stdout.write("Tài khoản dùng thử (chỉ để trình diễn), mật khẩu: " + settings.DEMO_PASSWORD)
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<14} {Role(demo.role).label}")
