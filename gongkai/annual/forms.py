"""Forms of the annual-report pages: they parse input into values; the actions validate the rules."""

from __future__ import annotations

from django import forms

MAX_UPLOAD = 50 * 1024 * 1024


class DraftForm(forms.Form):
    year = forms.IntegerField(label="报告年度", min_value=2000, max_value=2100)


class ImportForm(forms.Form):
    file = forms.FileField(label="已发布的报告文件", help_text="HTML、DOCX、PDF、XLSX 或 TXT，50 MB 以内")
    year = forms.IntegerField(label="报告年度", required=False, min_value=2000, max_value=2100,
                              help_text="可不填：从报告标题中识别")  # fmt: skip
    published_date = forms.DateField(label="发布日期", required=False, help_text="如 2025-01-20")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("文件超过50 MB。")
        return upload


def _date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DeadlineForm(forms.Form):
    department = forms.DateField(label="部门发布期限", required=False, widget=_date_input())
    government = forms.DateField(label="人民政府发布期限", required=False, widget=_date_input())
    township = forms.DateField(label="乡镇、街道发布期限", required=False, widget=_date_input())
    rule = forms.CharField(label="依据（通知文号）", required=False, max_length=200)


class BatchImportForm(forms.Form):
    upload = forms.FileField(
        label="ZIP压缩包", required=False, help_text="压缩包内为各机关已发布的年度报告文件"
    )
    folder = forms.CharField(label="服务器文件夹（仅系统管理员）", required=False, max_length=500)

    def clean(self):
        data = super().clean()
        if not data.get("upload") and not (data.get("folder") or "").strip():
            raise forms.ValidationError("请上传ZIP压缩包，或填写服务器上的文件夹。")
        upload = data.get("upload")
        if upload is not None and upload.size > 500 * 1024 * 1024:
            raise forms.ValidationError("压缩包超过500 MB，请分批上传。")
        return data
