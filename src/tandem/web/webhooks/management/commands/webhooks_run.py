"""``python -m tandem.web webhooks_run``: queue overdue actions, post what is due.

Run it every minute (cron or a systemd timer, docs/api.md): it retries failed deliveries
on their schedule and says once, per action and due date, that an action is overdue.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from tandem.web.webhooks import services


class Command(BaseCommand):
    help = "Queue action.overdue events and post every webhook delivery that is due."

    def handle(self, *args: Any, **options: Any) -> None:
        queued = services.announce_overdue_actions()
        counts = services.deliver_due()
        self.stdout.write(f"queued {queued}; delivered {counts['delivered']}, "
                          f"retry {counts['retry']}, gave up {counts['gave_up']}")
