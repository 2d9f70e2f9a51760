"""Celery task of the batch import. With REDIS_URL set a worker runs it and the job page shows its
progress; without Redis `actions.dispatch` runs it inline."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="gongkai.annual.tasks.run_import_job")
def run_import_job(job_id: int) -> dict[str, int]:
    from . import actions

    job = actions.run_import_job(job_id)
    return {"total": job.total, "done": job.done}
