"""Forms: every field validated with a clear Chinese message; what was typed is kept on error."""

from __future__ import annotations

import re
import uuid

from django import forms
from django.conf import settings

from .vocab import (
    ORGANISATION_TYPES,
    AppealKind,
    AppealResult,
    AppealRole,
    ApplicantType,
    Channel,
    ConsultationKind,
    DeliveryForm,
    DeliveryMethod,
    ExcessiveDecision,
    FeeMethod,
    IdDocumentType,
    Outcome,
    outcome_label,
)

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$")
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
REQUIRED = {"required": "请填写此项。"}
DOC_SIGNATURES = {b"%PDF": "PDF", b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}


def valid_resident_id(number: str) -> bool:
    """GB 11643: 17 digits and a check character."""
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == number[17]


def check_id_document(upload) -> None:
    """Type by content (PDF, JPEG, PNG), not by name; size under the configured limit."""
    limit = getattr(settings, "GONGKAI_ID_DOCUMENT_MAX_BYTES", 5 * 1024 * 1024)
    if upload.size > limit:
        raise forms.ValidationError(f"身份证明文件不能超过{limit // (1024 * 1024)}MB。")
    if upload.size == 0:
        raise forms.ValidationError("身份证明文件是空的，请重新选择。")
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in DOC_SIGNATURES):
        raise forms.ValidationError("身份证明文件只能是PDF、JPG或PNG格式。")


class ApplicantFields(forms.Form):
    """The applicant part of the online form and the staff intake form (art. 29)."""

    applicant_kind = forms.ChoiceField(
        label="申请人类型",
        choices=(("person", "公民（自然人）"), ("organisation", "法人或者其他组织")),
        widget=forms.RadioSelect,
        initial="person",
        error_messages=REQUIRED,
    )
    organisation_type = forms.ChoiceField(
        label="组织类别",
        required=False,
        choices=[("", "请选择")] + [(t.value, t.label) for t in ORGANISATION_TYPES],
    )
    name = forms.CharField(label="姓名或名称", max_length=100, error_messages=REQUIRED)
    id_type = forms.ChoiceField(label="身份证明类型", choices=IdDocumentType.choices, error_messages=REQUIRED)
    id_number = forms.CharField(label="证件号码", max_length=40, error_messages=REQUIRED)
    contact_person = forms.CharField(
        label="联系人", max_length=50, required=False, help_text="法人或者其他组织填写"
    )
    phone = forms.CharField(label="联系电话", max_length=30, error_messages=REQUIRED)
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        error_messages={"invalid": "电子邮箱格式不正确，例如 name@example.com。"},
    )
    address = forms.CharField(label="通信地址", max_length=200, required=False)
    postal_code = forms.CharField(label="邮政编码", max_length=6, required=False)
    request_description = forms.CharField(
        label="所需政府信息的名称、文号或者便于查询的其他特征性描述",
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=5,
        max_length=2000,
        error_messages={**REQUIRED, "min_length": "描述太短，请写明信息的名称、文号或其他特征（至少5个字）。",
                        "max_length": "描述不能超过2000字；内容较多的，建议按“一事一申请”分别提出。"},
    )  # fmt: skip
    delivery_form = forms.ChoiceField(
        label="获取信息的方式", choices=DeliveryForm.choices, error_messages=REQUIRED
    )
    delivery_method = forms.ChoiceField(
        label="获取信息的途径", choices=DeliveryMethod.choices, error_messages=REQUIRED
    )
    id_document = forms.FileField(
        label="身份证明文件",
        required=False,
        help_text="PDF、JPG或PNG，不超过5MB",
        validators=[check_id_document],
    )

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean_id_number(self):
        return "".join(self.cleaned_data["id_number"].split()).upper()

    def clean_phone(self):
        phone = "".join(self.cleaned_data["phone"].split())
        if not PHONE.match(phone):
            raise forms.ValidationError(
                "联系电话格式不正确：手机号为11位数字，固定电话请带区号，如 027-12345678。"
            )
        return phone

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("邮政编码应为6位数字。")
        return code

    def clean(self):
        data = super().clean()
        kind = data.get("applicant_kind")
        id_type, number = data.get("id_type"), data.get("id_number", "")
        if kind == "organisation":
            if not data.get("organisation_type"):
                self.add_error("organisation_type", "请选择组织类别（商业企业、科研机构等）。")
            if not data.get("contact_person"):
                self.add_error("contact_person", "法人或者其他组织请填写联系人。")
            if id_type and id_type not in (IdDocumentType.CREDIT_CODE, IdDocumentType.OTHER):
                self.add_error("id_type", "法人或者其他组织请选择“统一社会信用代码证书”或“其他有效证件”。")
        elif kind == "person" and id_type == IdDocumentType.CREDIT_CODE:
            self.add_error("id_type", "公民请选择居民身份证等个人身份证件。")
        if number and id_type == IdDocumentType.RESIDENT_ID and not valid_resident_id(number):
            self.add_error("id_number", "居民身份证号码不正确，请核对18位号码（最后一位可能是X）。")
        if number and id_type == IdDocumentType.CREDIT_CODE and not CREDIT_CODE.match(number):
            self.add_error("id_number", "统一社会信用代码应为18位数字或大写字母。")
        method = data.get("delivery_method")
        if method == DeliveryMethod.POST and not data.get("address"):
            self.add_error("address", "选择邮寄的，请填写通信地址。")
        if method == DeliveryMethod.EMAIL and not data.get("email"):
            self.add_error("email", "选择电子邮件的，请填写电子邮箱。")
        return data

    def applicant_type(self) -> str:
        d = self.cleaned_data
        return ApplicantType.NATURAL_PERSON if d["applicant_kind"] == "person" else d["organisation_type"]

    def applicant(self) -> dict:
        d = self.cleaned_data
        keys = ("name", "id_type", "id_number", "contact_person", "phone", "email", "address", "postal_code")
        return {k: d.get(k) or "" for k in keys}


class PublicApplicationForm(ApplicantFields):
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["idempotency_key"] = uuid.uuid4().hex


class StaffIntakeForm(ApplicantFields):
    channel = forms.ChoiceField(
        label="申请方式",
        choices=[(c.value, c.label) for c in Channel if c != Channel.ONLINE],
        error_messages=REQUIRED,
    )
    arrived_on = forms.DateField(
        label="到达日期（当面提交之日）", error_messages={**REQUIRED, "invalid": "日期格式应为 2026-03-02。"}
    )
    signed_on = forms.DateField(
        label="签收日期（需签收的邮件）",
        required=False,
        error_messages={"invalid": "日期格式应为 2026-03-02。"},
    )
    confirmed_on = forms.DateField(
        label="双方确认日期（平常信函、传真、电子邮件）",
        required=False,
        error_messages={"invalid": "日期格式应为 2026-03-02。"},
    )

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        if channel == Channel.POST_SIGNED and not data.get("signed_on"):
            self.add_error("signed_on", "需签收的邮寄申请，以签收之日为收到申请之日，请填写签收日期。")
        if channel in (Channel.POST_UNSIGNED, Channel.FAX, Channel.EMAIL) and not data.get("confirmed_on"):
            self.add_error("confirmed_on", "该方式以双方确认之日为收到申请之日，请填写确认日期。")
        for f in ("signed_on", "confirmed_on"):
            if data.get(f) and data.get("arrived_on") and data[f] < data["arrived_on"]:
                self.add_error(f, "不能早于到达日期。")
        return data


class TrackForm(forms.Form):
    case_number = forms.CharField(label="申请编号", max_length=64, error_messages=REQUIRED)
    tracking_code = forms.CharField(label="查询码", max_length=32, error_messages=REQUIRED)

    def clean_tracking_code(self):
        return "".join(self.cleaned_data["tracking_code"].split()).upper()

    def clean_case_number(self):
        return self.cleaned_data["case_number"].strip()


DATE_ERRORS = {"invalid": "日期格式应为 2026-03-02。", **REQUIRED}


def optional_date(label: str) -> forms.DateField:
    return forms.DateField(label=label, required=False, error_messages=DATE_ERRORS,
                           widget=forms.DateInput(attrs={"type": "date"}), help_text="不填为今天")  # fmt: skip


def required_date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label, error_messages=DATE_ERRORS, widget=forms.DateInput(attrs={"type": "date"})
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class CorrectionForm(VersionForm):
    items = forms.CharField(
        label="需要补正的事项（一次性告知）",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=REQUIRED,
    )
    respond_by = required_date("补正期限")
    sent_on = optional_date("补正通知发出日期")
    repeat_reason = forms.CharField(label="再次补正的理由（仅第二次补正时填写）", required=False)


class DateOnlyForm(VersionForm):
    on = optional_date("日期")


class ConsultationForm(VersionForm):
    kind = forms.ChoiceField(label="征求对象", choices=ConsultationKind.choices)
    party = forms.CharField(label="被征求意见方", max_length=200, error_messages=REQUIRED)
    sent_on = optional_date("发出日期")
    delivered_on = optional_date("对方收到日期")


class ConsultationEndForm(VersionForm):
    answered_on = optional_date("收到答复日期")
    answer = forms.CharField(label="答复意见摘要", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(VersionForm):
    days = forms.IntegerField(
        label="延长工作日数", min_value=1, max_value=20,
        error_messages={**REQUIRED, "max_value": "延长的期限最长不得超过20个工作日。", "min_value": "至少延长1个工作日。",
                        "invalid": "请填写整数。"},
    )  # fmt: skip
    reason = forms.CharField(label="延期理由", error_messages=REQUIRED)
    notice_sent_on = optional_date("告知申请人日期")


class ExcessiveForm(VersionForm):
    decision = forms.ChoiceField(
        label="处理决定", choices=ExcessiveDecision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label="申请人说明的理由及审查意见", error_messages=REQUIRED)
    delay_until = forms.DateField(label="延迟答复的合理期限", required=False, error_messages=DATE_ERRORS,
                                  widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip

    def clean(self):
        data = super().clean()
        if data.get("decision") == ExcessiveDecision.REASONABLE_DELAY and not data.get("delay_until"):
            self.add_error("delay_until", "请填写延迟答复的合理期限。")
        return data


class FeeForm(VersionForm):
    method = forms.ChoiceField(
        label="计收方式（每件申请只能选择一种）", choices=FeeMethod.choices, widget=forms.RadioSelect
    )
    pages = forms.IntegerField(label="页数（按量计收时填写，按A4计）", required=False, min_value=1,
                               error_messages={"invalid": "请填写整数。", "min_value": "页数至少为1。"})  # fmt: skip
    sent_on = optional_date("收费通知发出日期")

    def clean(self):
        data = super().clean()
        if data.get("method") == FeeMethod.PER_VOLUME and not data.get("pages"):
            self.add_error("pages", "按量计收请填写页数。")
        return data


class CloseForm(VersionForm):
    outcome = forms.ChoiceField(
        label="办理结果（年度报告表三）",
        choices=[("", "请选择")] + [(o, outcome_label(o)) for o in Outcome.values],
        error_messages={**REQUIRED, "invalid_choice": "请选择年度报告表三中的一项办理结果。"},
    )
    note = forms.CharField(
        label="具体说明（写入答复书）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    answered_on = optional_date("答复日期")


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label="类型", choices=AppealKind.choices)
    role = forms.ChoiceField(label="本机关角色", choices=AppealRole.choices)
    filed_on = required_date("申请复议或起诉日期")
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices, initial=AppealResult.PENDING)
    decided_on = forms.DateField(label="审结日期", required=False, error_messages=DATE_ERRORS,
                                 widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    reference = forms.CharField(label="案号", required=False, max_length=100)


class AppealUpdateForm(forms.Form):
    result = forms.ChoiceField(label="结果", choices=AppealResult.choices)
    decided_on = forms.DateField(label="审结日期", required=False, error_messages=DATE_ERRORS,
                                 widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


class LetterTemplateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label="标题", max_length=100, error_messages=REQUIRED)
    legal_basis = forms.CharField(label="法律依据", max_length=300, error_messages=REQUIRED)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 14}), error_messages=REQUIRED)


class HolidayForm(forms.Form):
    year = forms.IntegerField(label="年份", min_value=2000, max_value=2100,
                              error_messages={**REQUIRED, "invalid": "请填写年份，如 2027。"})  # fmt: skip
    public_holidays = forms.CharField(
        label="放假日期（每行一个：日期 节日名称）", widget=forms.Textarea(attrs={"rows": 12}), required=False
    )
    makeup_workdays = forms.CharField(
        label="调休上班日（每行一个：日期 节日名称）",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    source_title = forms.CharField(label="依据文件", max_length=200, required=False,
                                   help_text="如：国务院办公厅关于2027年部分节假日安排的通知")  # fmt: skip
    note = forms.CharField(label="修改说明", required=False)

    @staticmethod
    def _lines(text: str, field: str) -> dict[str, str]:
        out = {}
        for n, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if not line:
                continue
            parts = line.split(None, 1)
            if len(parts) != 2:
                raise forms.ValidationError(f"第{n}行应为“日期 节日名称”，例如 2027-01-01 元旦。")
            out[parts[0]] = parts[1].strip()
        return out

    def clean_public_holidays(self):
        return self._lines(self.cleaned_data["public_holidays"], "public_holidays")

    def clean_makeup_workdays(self):
        return self._lines(self.cleaned_data["makeup_workdays"], "makeup_workdays")

    def arrangement(self) -> dict:
        d = self.cleaned_data
        sources = [{"title": d["source_title"], "doc_number": None}] if d.get("source_title") else []
        return {"year": d["year"], "public_holidays": d["public_holidays"], "makeup_workdays": d["makeup_workdays"],
                "sources": sources}  # fmt: skip
