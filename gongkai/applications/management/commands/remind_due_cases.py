"""Daily job for cron: close cases whose correction or payment period ran out, then e-mail the
assignees of cases due within 5 working days or overdue."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from gongkai.applications import actions


class Command(BaseCommand):
    help = "依申请公开每日任务：逾期不补正、逾期未缴费的申请自动办结，并提醒即将到期和已超期的申请"

    def add_arguments(self, parser):
        parser.add_argument("--no-close", action="store_true", help="只发提醒，不自动办结")

    def handle(self, *args, **options):
        closed = [] if options["no_close"] else actions.close_expired()
        for case in closed:
            self.stdout.write(f"已办结：{case.case_number}（{case.outcome_display()}）")
        sent = actions.remind_due_cases()
        self.stdout.write(f"自动办结{len(closed)}件，发送提醒{sent}封。")
