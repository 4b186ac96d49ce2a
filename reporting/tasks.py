"""Background work of the yearly report. Each task loads rows by key and calls a service."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from reporting import services


@shared_task(
    bind=True,
    # Safe to repeat: the job is claimed with a conditional update, so a redelivered message does it once.
    acks_late=True,
    reject_on_worker_lost=True,
    # The outcome lives in the ReportVersion row. Keeping a Celery result made every publish first subscribe
    # to the result store, which waits 20 s (or for ever) when Redis is down.
    ignore_result=True,
    max_retries=5,
    time_limit=settings.REPORT_TASK_TIME_LIMIT,
    soft_time_limit=settings.REPORT_TASK_TIME_LIMIT - 30,
)
def generate_report_version(self, version_id: int) -> str:
    outcome = services.version_generate(version_id=version_id)
    if outcome is services.Outcome.BUSY:
        # Another worker holds the job; if it died, its claim goes stale and the next try takes over.
        raise self.retry(countdown=settings.REPORT_STALE_SECONDS)
    return outcome.value


@shared_task(time_limit=120)
def generate_closed_period_report() -> int:
    """On 15 December: the draft of the period that closed on 14 December, generated for Home Affairs."""
    year = timezone.localdate().year
    version = services.report_generate_for_year(year=year, actor=services.system_actor())
    return version.pk


@shared_task(time_limit=60)
def reap_stale_versions() -> int:
    return services.versions_reap()
