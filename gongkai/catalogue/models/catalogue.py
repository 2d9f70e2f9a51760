"""Per-agency set-up: the catalogue's settings, its column tree, its review workflow, its index numbers."""

from __future__ import annotations

from django.db import models

from gongkai.agencies.models import Agency
from gongkai.agencies.roles import Role

from ..vocab import ColumnCategory, TableTwoRow

DEFAULT_INDEX_PATTERN = "{code}-{year}-{serial:05d}"
DEFAULT_STAGES = [Role.FIRST_REVIEWER.value, Role.SECOND_REVIEWER.value, Role.FINAL_REVIEWER.value]
STAGE_ROLES = (Role.FIRST_REVIEWER, Role.SECOND_REVIEWER, Role.FINAL_REVIEWER, Role.OFFICE_HEAD)


class Catalogue(models.Model):
    """An agency's 政府信息公开目录 settings; absent means the defaults."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="catalogue")
    index_pattern = models.CharField(
        "索引号规则",
        max_length=100,
        default=DEFAULT_INDEX_PATTERN,
        help_text="可用 {code}（机关代码）、{year}（年份）、{serial}（当年序号，如 {serial:05d}）",
    )

    class Meta:
        verbose_name = "公开目录设置"
        verbose_name_plural = "公开目录设置"

    def __str__(self) -> str:
        return f"{self.agency} 公开目录"

    @classmethod
    def pattern_for(cls, agency: Agency) -> str:
        found = cls.objects.filter(agency=agency).values_list("index_pattern", flat=True).first()
        return found or DEFAULT_INDEX_PATTERN


class Column(models.Model):
    """A 栏目 of the agency's catalogue; a tree through `parent`, ordered by `order` among siblings."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="columns")
    parent = models.ForeignKey(
        "self",
        verbose_name="上级栏目",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    name = models.CharField("栏目名称", max_length=100)
    slug = models.SlugField("栏目标识", max_length=60)
    order = models.PositiveIntegerField("排序", default=0)
    category = models.CharField(
        "法定公开类别", max_length=20, choices=ColumnCategory.choices, default=ColumnCategory.OTHER
    )
    table_two_row = models.CharField(
        "年报表二统计行", max_length=30, choices=TableTwoRow.choices, blank=True, default=""
    )
    publish_within_days = models.PositiveSmallIntegerField(
        "发布时限（工作日）", default=20, help_text="第二十六条：自形成或者变更之日起20个工作日内"
    )

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"
        ordering = ["agency", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="catalogue_column_unique_slug")
        ]

    def __str__(self) -> str:
        return self.name

    def ancestors(self) -> list[Column]:
        out, node = [], self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    @property
    def full_name(self) -> str:
        return " › ".join([c.name for c in self.ancestors()] + [self.name])

    def descendant_ids(self) -> set[int]:
        """This column and every column below it (few columns per agency: walked in memory)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent in Column.objects.filter(agency_id=self.agency_id).values_list("pk", "parent_id"):
            children.setdefault(parent, []).append(pk)
        out, todo = set(), [self.pk]
        while todo:
            pk = todo.pop()
            if pk not in out:
                out.add(pk)
                todo.extend(children.get(pk, ()))
        return out


class Workflow(models.Model):
    """三审: 1 to 3 review stages, each assigned to one role, in order; the last is the final stage."""

    agency = models.OneToOneField(Agency, on_delete=models.CASCADE, related_name="workflow")
    stages = models.JSONField("审核环节", default=list)

    class Meta:
        verbose_name = "审核流程"
        verbose_name_plural = "审核流程"

    def __str__(self) -> str:
        return f"{self.agency}：" + " → ".join(Role(r).label for r in self.stages)

    @classmethod
    def for_agency(cls, agency: Agency) -> Workflow:
        """The agency's workflow, or the default three stages (unsaved) when none is set."""
        found = cls.objects.filter(agency=agency).first()
        return found or cls(agency=agency, stages=list(DEFAULT_STAGES))

    def stage_role(self, stage: int) -> str:
        return self.stages[stage - 1]

    def stage_label(self, stage: int) -> str:
        return Role(self.stage_role(stage)).label

    @property
    def count(self) -> int:
        return len(self.stages)


class IndexNumberSequence(models.Model):
    """The last serial given out per agency and year; only ever grows, so numbers are never reused."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="index_sequences")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="catalogue_index_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.agency.code} {self.year}: {self.last}"
