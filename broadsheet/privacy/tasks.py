"""Background tasks of the privacy self-service (django.tasks, database backend)."""

from django.tasks import task


@task
def carry_out_erasure(request_id: int) -> bool:
    """Enqueued with run_after = the end of the grace period; a cancelled request is gone."""
    from .erasure import carry_out

    return carry_out(request_id) is not None


@task
def retention_sweep() -> dict:
    from .retention import sweep

    return sweep()
