from django.apps import AppConfig


class AnnualConfig(AppConfig):
    name = "gongkai.annual"
    label = "annual"
    verbose_name = "年度报告"
