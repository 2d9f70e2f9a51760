"""Retry due channel deliveries (run from cron, or as a Celery beat task)."""

from django.core.management.base import BaseCommand

from gongkai.portal.actions import deliver_due
from gongkai.portal.vocab import DeliveryStatus


class Command(BaseCommand):
    help = "推送到期的渠道推送记录（失败的按退避时间重试）"

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, limit: int, **options):
        counts = deliver_due(limit=limit)
        self.stdout.write("，".join(f"{DeliveryStatus(s).label} {n}" for s, n in counts.items()))
