"""Publish scheduled catalogue items whose time has come (cron or Celery beat, every minute)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.catalogue.actions import publish_due


class Command(BaseCommand):
    help = "发布已到定时发布时间的公开目录信息"

    def handle(self, *args, **options):
        done = publish_due()
        for item in done:
            self.stdout.write(f"已发布：{item.index_number} {item.title}")
        self.stdout.write(f"共发布{len(done)}条。")
