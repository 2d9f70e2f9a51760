"""Rebuild the portal's search index from the catalogue (after an import, or if it drifted)."""

from django.core.management.base import BaseCommand

from gongkai.portal.indexing import rebuild
from gongkai.portal.pagecache import invalidate


class Command(BaseCommand):
    help = "根据公开目录重建门户检索索引"

    def handle(self, *args, **options):
        count = rebuild()
        invalidate()
        self.stdout.write(f"已重建检索索引：{count} 条信息")
