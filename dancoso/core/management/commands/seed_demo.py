from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from dancoso.accounts.models import Role
from dancoso.core.demo import DEMO_USERS, seed_core


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: cơ quan, đơn vị thật của tỉnh, khoảng 200 cán bộ và các tài khoản dùng thử."

    def handle(self, *args, **options) -> None:
        counts = seed_core()
        self.stdout.write(
            f"Cơ quan, đơn vị: {counts['agencies']}; cán bộ mới: {counts['people']}; "
            f"tài khoản mới: {counts['users']}."
        )
        # Each measure app may add its demo records in a ``demo`` module with a ``seed()`` function.
        for config in apps.get_app_configs():
            if config.name.startswith("dancoso.") or find_spec(config.name) is None:
                continue
            if find_spec(f"{config.name}.demo") is not None:
                summary = import_module(f"{config.name}.demo").seed()
                self.stdout.write(f"{config.verbose_name}: {summary}")
        self.stdout.write("Tài khoản dùng thử (chỉ để trình diễn), mật khẩu: " + settings.DEMO_PASSWORD)
        for demo in DEMO_USERS:
            self.stdout.write(f"  {demo.username:<14} {Role(demo.role).label}")
