"""Generate the yearly report of a year by hand: what Celery beat does every 15 December."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dancoso.accounts.models import User
from reporting import services
from reporting.models import ReportVersion

POLL_SECONDS = 1


class Command(BaseCommand):
    help = "Create the yearly report of --year if needed and generate a new version of it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--user", help="the Home Affairs account to act as (default: the first one)")
        parser.add_argument("--wait", type=int, default=600, help="seconds to wait for a worker")

    def handle(self, *args: Any, year: int, user: str | None, wait: int, **options: Any) -> None:
        actor = self._actor(user)
        try:
            version = services.report_generate_for_year(year=year, actor=actor)
        except services.QueueUnavailable as exc:
            raise CommandError(str(exc)) from exc
        version = self._wait(version, wait)
        if version.status == "failed":
            raise CommandError(f"Version {version.number} failed: {version.error}")
        files = ", ".join(f.name for f in (version.docx, version.xlsx, version.pdf) if f)
        self.stdout.write(f"Report {year}, version {version.number}: {version.status}. {files}")

    def _actor(self, username: str | None) -> User:
        if username is None:
            return services.system_actor()
        try:
            return User.objects.get(username=username, is_active=True)
        except User.DoesNotExist as exc:
            raise CommandError(f"No active user {username!r}.") from exc

    def _wait(self, version: ReportVersion, seconds: int) -> ReportVersion:
        """In-process tasks are done already; with a worker, poll until it finishes or time runs out."""
        deadline = time.monotonic() + seconds
        version.refresh_from_db()
        while version.in_progress and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            version.refresh_from_db()
        return version
