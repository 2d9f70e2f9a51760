"""Agencies and memberships. An agency's subtree is found through `path` (materialised path)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .roles import AgencyKind, Role


class Agency(models.Model):
    name = models.CharField("机关名称", max_length=200)
    short_name = models.CharField("简称", max_length=100, blank=True)
    code = models.SlugField("机关代码", max_length=40, unique=True, help_text="用于索引号和网址，如 qkrmt")
    kind = models.CharField(
        "机关类型", max_length=20, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级机关",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    supervisor = models.ForeignKey(
        "self",
        verbose_name="政府信息公开工作主管部门",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervised",
    )
    path = models.CharField(max_length=500, editable=False, db_index=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "机关"
        verbose_name_plural = "机关"
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # the materialised path keeps subtree queries to one indexed LIKE
        self.path = f"{self.parent.path}{self.code}/" if self.parent_id else f"/{self.code}/"
        super().save(*args, **kwargs)

    def subtree(self):
        return Agency.objects.filter(path__startswith=self.path)

    def supervised_agencies(self):
        """Agencies this supervising office oversees: those naming it, and their subtrees.

        A subtree prefix is needed only for agencies with children that are not already inside
        another one's subtree, so 5,000 overseen agencies cost a handful of LIKEs, not 5,000."""
        parents = sorted(
            Agency.objects.filter(supervisor=self, children__isnull=False)
            .distinct()
            .values_list("path", flat=True)
        )
        query = models.Q(supervisor=self)
        covered: list[str] = []
        for path in parents:
            if not any(path.startswith(c) for c in covered):
                covered.append(path)
                query |= models.Q(path__startswith=path)
        return Agency.objects.filter(query)


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField("角色", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "岗位"
        verbose_name_plural = "岗位"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"
