"""Load the demo data that `make run` shows. Idempotent: running it twice changes nothing."""

from __future__ import annotations

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

# each app that has demo data exposes `demo.load(stdout)`; order matters (agencies first)
DEMO_APPS = ("agencies", "catalogue", "portal", "applications", "annual")


class Command(BaseCommand):
    help = "载入演示数据（可重复运行）"

    def handle(self, *args, **options):
        for app in DEMO_APPS:
            try:
                module = importlib.import_module(f"gongkai.{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"gongkai.{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        base = settings.GONGKAI_PUBLIC_BASE_URL.rstrip("/")
        self.stdout.write(
            f"门户：{base}/    年报体检：{base}/audit/    工作台：{base}/office/    管理后台：{base}/admin/"
        )
