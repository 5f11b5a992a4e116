"""The monitor's periodic work, as tasks that `manage.py crontask` enqueues on a schedule and
`manage.py db_worker` runs (see docs/architecture.md, "Background work").

Both are idempotent: a second run on the same day finds nothing to do, so a schedule that fires
twice (two schedulers, a retry) does no harm.
"""

from crontask import cron
from django.tasks import task
from django.utils import timezone

from monitor.closing import close_due_campaigns
from monitor.services import purge_monitor_data


# Just after midnight (Europe/Amsterdam): a campaign closes on the first day after its last day.
@cron("5 0 * * *")
@task
def close_campaigns_task() -> int:
    """What `manage.py close_campaigns` does: close every campaign past its last day and write
    its snapshot. Returns how many closed."""
    return close_due_campaigns(today=timezone.localdate())


@cron("30 3 * * *")
@task
def purge_monitor_data_task() -> int:
    """What `manage.py purge_monitor_data` does: delete the raw data of campaigns kept past
    their organisation's retention period. Returns how many were purged."""
    return purge_monitor_data(today=timezone.localdate())
