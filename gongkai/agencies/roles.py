"""Closed vocabularies of the agencies app: agency kinds and staff roles."""

from django.db import models


class AgencyKind(models.TextChoices):
    """Sets the annual-report deadline (art. 49; DOMAIN §10.1)."""

    DEPARTMENT = "department", "县级以上人民政府部门"
    GOVERNMENT = "government", "县级以上地方人民政府"
    TOWNSHIP = "township", "乡镇、街道"
    SUPERVISOR = "supervisor", "政府信息公开工作主管部门"
    OTHER = "other", "其他（参照部门）"


class Role(models.TextChoices):
    EDITOR = "editor", "撰稿"
    FIRST_REVIEWER = "first_reviewer", "初审"
    SECOND_REVIEWER = "second_reviewer", "复审"
    FINAL_REVIEWER = "final_reviewer", "终审"
    OFFICE_HEAD = "office_head", "政府信息公开工作机构负责人"
    SUPERVISOR = "supervisor", "主管部门"
    ADMINISTRATOR = "administrator", "管理员"
