"""Back-office forms: Chinese labels, field-level Chinese errors; the rules themselves live in actions."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from gongkai.agencies.roles import Role

from . import files
from .actions import EDITABLE_FIELDS
from .errors import ActionError
from .models import Column, Item
from .models.catalogue import STAGE_ROLES
from .vocab import ColumnCategory, DisclosureAttribute, TableTwoRow, Validity, WithholdingReason

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
REQUIRED = {"required": "此项为必填项。", "invalid": "格式不正确。", "invalid_choice": "请从列表中选择。"}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


def column_choices(agency) -> list[tuple[int, str]]:
    """The column tree, indented, in display order."""
    columns = list(Column.objects.filter(agency=agency).order_by("order", "pk"))
    children: dict[int | None, list[Column]] = {}
    for c in columns:
        children.setdefault(c.parent_id, []).append(c)
    out: list[tuple[int, str]] = []

    def walk(parent, depth):
        for c in children.get(parent, ()):
            out.append((c.pk, "\u3000" * depth + c.name))
            walk(c.pk, depth + 1)

    walk(None, 0)
    return out


class ItemForm(forms.Form):
    column = forms.TypedChoiceField(label="栏目", coerce=int, error_messages=REQUIRED)
    title = forms.CharField(label="标题", max_length=300, error_messages=REQUIRED)
    document_number = forms.CharField(
        label="发文字号", max_length=80, required=False, help_text="如：示融媒发〔2024〕3号；无文号可不填"
    )
    keywords = forms.CharField(label="主题词", max_length=200, required=False)
    written_date = forms.DateField(label="成文日期", required=False, widget=DATE, error_messages=REQUIRED)
    formed_date = forms.DateField(
        label="形成或变更日期",
        required=False,
        widget=DATE,
        help_text="第二十六条：应自形成或者变更之日起20个工作日内公开",
        error_messages=REQUIRED,
    )
    disclosure_attribute = forms.ChoiceField(
        label="公开属性", choices=DisclosureAttribute.choices, initial=DisclosureAttribute.PROACTIVE
    )
    withholding_reason = forms.ChoiceField(
        label="不予主动公开理由",
        choices=[("", "（主动公开的无需选择）")] + list(WithholdingReason.choices),
        required=False,
    )
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}), required=False)
    scheduled_at = forms.DateTimeField(
        label="定时发布时间",
        required=False,
        widget=DATETIME,
        help_text="不填则终审通过后立即发布",
        error_messages=REQUIRED,
    )
    attachments = MultipleFileField(
        label="附件", required=False, help_text="支持 PDF、DOCX、XLSX、PNG、JPEG、GIF；按文件内容识别类型"
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        self.fields["column"].choices = [("", "请选择栏目")] + column_choices(agency)

    def clean_attachments(self):
        uploads = self.cleaned_data.get("attachments") or []
        checked = []
        for upload in uploads:
            data = upload.read()
            try:
                files.validate(upload.name, data)
            except ActionError as exc:
                raise forms.ValidationError(exc.message) from exc
            checked.append((upload.name, data))
        return checked

    def action_values(self) -> dict:
        data = self.cleaned_data
        values = {
            name: data.get(name) for name in ItemForm.base_fields if name not in ("attachments", "version")
        }
        values["column"] = Column.objects.get(pk=data["column"], agency=self.agency)
        values["withholding_reason"] = data.get("withholding_reason") or ""
        return values

    @classmethod
    def initial_for(cls, item: Item) -> dict:
        # the item's own values of the fields it has (not `attachments`: on an item that is a manager)
        initial = {name: getattr(item, name) for name in cls.base_fields if name in EDITABLE_FIELDS}
        initial["column"] = item.column_id
        if item.scheduled_at:
            initial["scheduled_at"] = timezone.localtime(item.scheduled_at)
        return initial

    def apply_error(self, error: ActionError) -> None:
        field = error.field if error.field in self.fields else None
        self.add_error(field, error.message)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}), error_messages=REQUIRED)


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(label="发布时间", widget=DATETIME, error_messages=REQUIRED)


class ValidityForm(forms.Form):
    validity = forms.ChoiceField(label="有效性", choices=Validity.choices)
    changed_on = forms.DateField(label="变更日期", required=False, widget=DATE, error_messages=REQUIRED)
    replaced_by = forms.CharField(label="替代文件索引号", required=False, max_length=80)


class ColumnForm(forms.Form):
    name = forms.CharField(label="栏目名称", max_length=100, error_messages=REQUIRED)
    slug = forms.SlugField(
        label="栏目标识",
        max_length=60,
        error_messages={**REQUIRED, "invalid": "只能使用字母、数字、连字符和下划线。"},
    )
    parent = forms.TypedChoiceField(label="上级栏目", coerce=int, required=False, empty_value=None)
    category = forms.ChoiceField(
        label="法定公开类别", choices=ColumnCategory.choices, initial=ColumnCategory.OTHER
    )
    table_two_row = forms.ChoiceField(
        label="年报表二统计行", choices=[("", "不统计")] + list(TableTwoRow.choices), required=False
    )

    def __init__(self, *args, agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].choices = [("", "（顶级栏目）")] + column_choices(agency)


class WorkflowForm(forms.Form):
    CHOICES = [("", "（不设）")] + [(r.value, r.label) for r in STAGE_ROLES]
    stage_1 = forms.ChoiceField(label="第一环节", choices=CHOICES)
    stage_2 = forms.ChoiceField(label="第二环节", choices=CHOICES, required=False)
    stage_3 = forms.ChoiceField(label="第三环节", choices=CHOICES, required=False)

    def stages(self) -> list[str]:
        return [self.cleaned_data.get(f"stage_{n}") or "" for n in (1, 2, 3)]


class IndexPatternForm(forms.Form):
    index_pattern = forms.CharField(label="索引号规则", max_length=100, error_messages=REQUIRED)


ROLE_LABELS = dict(Role.choices)
