"""Load (or refresh) the province's agencies from the bundled CSV; running it twice changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from dancoso.agencies.services import AGENCIES_CSV, agencies_load_csv, province_ensure


class Command(BaseCommand):
    help = "Load the agencies of the province from a CSV file (by default the 2024 Bắc Giang list)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path", type=Path, default=AGENCIES_CSV, help="CSV file: code,name,short_name,kind,..."
        )

    def handle(self, *args: Any, path: Path, **options: Any) -> None:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        province = province_ensure()
        try:
            result = agencies_load_csv(path=path)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Province %(province)s: %(total)s agencies loaded (%(created)s new, %(updated)s updated, "
                    "%(unchanged)s unchanged); %(flagged)s need verification."
                )
                % {
                    "province": province.name,
                    "total": result.total,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                    "flagged": result.needs_verification,
                }
            )
        )
