from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "gongkai.annual"
    label = "annual"
    verbose_name = "年度报告"

    def ready(self):
        from gongkai.portal import bodies

        from .portal_body import report_body

        bodies.register(report_body)
