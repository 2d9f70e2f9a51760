"""Cases of 依申请公开 and everything recorded about them (DOMAIN §7).

Only `actions.py` changes these rows; `CaseEvent`, `HolidayOverride` and `PersonalDataAccess`
are append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from gongkai.agencies.models import Agency
from gongkai.platform.append_only import AppendOnlyModel

from .storage import private_storage
from .vocab import (
    AppealKind,
    AppealResult,
    AppealRole,
    ApplicantType,
    ApplicationStatus,
    Channel,
    ConsultationKind,
    DeliveryForm,
    DeliveryMethod,
    FeeMethod,
    IdDocumentType,
    LetterKind,
    Outcome,
)

USER = settings.AUTH_USER_MODEL


AppendOnly = AppendOnlyModel  # audit records and events: written once


class Application(models.Model):
    """One 申请 = one case."""

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="applications", verbose_name="机关"
    )
    year = models.PositiveIntegerField("编号年度")
    serial = models.PositiveIntegerField("序号")
    case_number = models.CharField("申请编号", max_length=64, unique=True)
    tracking_code = models.CharField("查询码", max_length=32)
    channel = models.CharField("申请方式", max_length=20, choices=Channel.choices)
    arrived_at = models.DateTimeField("到达时间")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("双方确认日期", null=True, blank=True)
    received_on = models.DateField("收到申请之日", null=True, blank=True)
    applicant_type = models.CharField("申请人类型", max_length=20, choices=ApplicantType.choices)
    request_description = models.TextField("申请公开的政府信息的名称、文号或者特征性描述")
    delivery_form = models.CharField("获取信息的方式", max_length=20, choices=DeliveryForm.choices)
    delivery_method = models.CharField("获取信息的途径", max_length=20, choices=DeliveryMethod.choices)
    status = models.CharField("状态", max_length=24, choices=ApplicationStatus.choices)
    queued_for_review = models.BooleanField("待人工审核", default=False)
    # the answer deadline, kept current by actions; an error code when it cannot be computed
    due_date = models.DateField("答复期限", null=True, blank=True)
    due_date_error = models.CharField(max_length=40, blank=True)
    due_date_detail = models.CharField(max_length=200, blank=True)
    due_date_provisional = models.DateField("暂估答复期限", null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(default=0)
    delay_until = models.DateField("延迟答复的合理期限", null=True, blank=True)
    outcome = models.CharField("办理结果", max_length=40, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    flags = models.JSONField("案件提示", default=list, blank=True)  # A.* check ids raised on this case
    assignee = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="assigned_applications"
    )
    version = models.PositiveIntegerField(default=1)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    applicant_key = models.CharField(max_length=64, blank=True, db_index=True)
    source_key = models.CharField(max_length=64, blank=True, db_index=True)  # hashed client address
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "政府信息公开申请"
        verbose_name_plural = "政府信息公开申请"
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "year", "serial"], name="unique_case_serial")
        ]
        indexes = [
            models.Index(fields=["agency", "received_on"]),
            models.Index(fields=["agency", "concluded_on"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self) -> str:
        return self.case_number

    @property
    def is_open(self) -> bool:
        return self.status != ApplicationStatus.CLOSED

    def outcome_display(self) -> str:
        from .vocab import outcome_label

        return outcome_label(self.outcome) if self.outcome else ""


class Applicant(models.Model):
    """The applicant's personal data, apart from the case so that nothing shows it by accident."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="applicant")
    name = models.CharField("姓名或名称", max_length=200)
    id_type = models.CharField("身份证明类型", max_length=20, choices=IdDocumentType.choices)
    id_number = models.CharField("证件号码", max_length=64)
    contact_person = models.CharField("联系人", max_length=100, blank=True)
    phone = models.CharField("联系电话", max_length=40)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通信地址", max_length=300, blank=True)
    postal_code = models.CharField("邮政编码", max_length=10, blank=True)
    id_document = models.FileField("身份证明文件", storage=private_storage, upload_to="id/%Y/%m/", blank=True)

    class Meta:
        verbose_name = "申请人"
        verbose_name_plural = "申请人"

    def __str__(self) -> str:
        return f"申请人 #{self.pk}"


class CaseEvent(AppendOnly):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    type = models.CharField(max_length=40)
    actor = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def text(self) -> str:
        from .events import describe

        return describe(self)


class Correction(models.Model):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="corrections")
    requested_on = models.DateField("补正通知发出日期")
    respond_by = models.DateField("补正期限")
    items = models.TextField("需要补正的事项")
    received_on = models.DateField("收到补正之日", null=True, blank=True)
    late = models.BooleanField(default=False)
    repeat = models.BooleanField(default=False)
    repeat_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_on", "pk"]


class Consultation(models.Model):
    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField("征求对象", max_length=24, choices=ConsultationKind.choices)
    party = models.CharField("被征求意见方", max_length=200)
    sent_on = models.DateField("发出征求意见日期")
    delivered_on = models.DateField("对方收到日期", null=True, blank=True)
    answered_on = models.DateField("收到答复日期", null=True, blank=True)
    answer = models.TextField("答复意见", blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]


class Extension(models.Model):
    case = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="extension")
    days = models.PositiveSmallIntegerField("延长工作日数")
    reason = models.TextField("延期理由")
    approved_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField("批准日期")
    notice_sent_on = models.DateField("告知申请人日期")
    original_due = models.DateField("原答复期限")
    late = models.BooleanField(default=False)


class FeeNotice(models.Model):
    case = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="fee_notice")
    method = models.CharField("计收方式", max_length=20, choices=FeeMethod.choices)
    quantity = models.PositiveIntegerField("件数或页数")
    amount = models.PositiveIntegerField("金额（元）")
    calculation = models.TextField("计算过程")
    sent_on = models.DateField("收费通知发出日期")
    pay_by = models.DateField("缴费期限", null=True, blank=True)
    paid_on = models.DateField("缴费日期", null=True, blank=True)


class LetterTemplate(models.Model):
    """An agency's own wording of one letter: a reply letter (per outcome) or a notice (per kind)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(
        "文书种类", max_length=24, choices=LetterKind.choices, default=LetterKind.REPLY_LETTER
    )
    outcome = models.CharField(max_length=40, choices=Outcome.choices, blank=True)  # reply letters only
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")
    legal_basis = models.CharField("法律依据", max_length=300)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "kind", "outcome"], name="unique_letter_template")
        ]


class ReplyLetter(models.Model):
    """A letter issued on a case and kept beside it: the reply letter, or a notice (`kind`)."""

    case = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(
        "文书种类", max_length=24, choices=LetterKind.choices, default=LetterKind.REPLY_LETTER
    )
    outcome = models.CharField(max_length=40, choices=Outcome.choices, blank=True)  # reply letters only
    title = models.CharField(max_length=100)
    body = models.TextField()
    legal_basis = models.CharField(max_length=300)
    template = models.ForeignKey(LetterTemplate, null=True, blank=True, on_delete=models.SET_NULL)
    docx = models.FileField(storage=private_storage, upload_to="letters/%Y/")
    pdf = models.FileField(storage=private_storage, upload_to="letters/%Y/", blank=True)
    dated = models.DateField("落款日期")
    created_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["dated", "pk"]


class Appeal(models.Model):
    """A reconsideration or lawsuit about a case; only `original_agency` records count in table 四."""

    case = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="appeals")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="appeals")
    kind = models.CharField("类型", max_length=32, choices=AppealKind.choices)
    role = models.CharField("本机关角色", max_length=40, choices=AppealRole.choices)
    filed_on = models.DateField("申请或起诉日期")
    result = models.CharField(
        "结果", max_length=20, choices=AppealResult.choices, default=AppealResult.PENDING
    )
    decided_on = models.DateField("审结日期", null=True, blank=True)
    reference = models.CharField("案号", max_length=100, blank=True)
    follows = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="followed_by"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["filed_on", "pk"]
        indexes = [models.Index(fields=["agency", "filed_on"])]


class HolidayOverride(AppendOnly):
    """An administrator's version of one year's `holiday_arrangement`; the latest row per year wins."""

    year = models.PositiveIntegerField(db_index=True)
    arrangement = models.JSONField()
    edited_by = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    edited_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(blank=True)
    recomputed = models.PositiveIntegerField(default=0)  # open cases whose due date changed

    class Meta:
        ordering = ["year", "-pk"]


class PersonalDataAccess(AppendOnly):
    """Who saw which applicant's personal data, when and where."""

    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="personal_data_views")
    at = models.DateTimeField(default=timezone.now)
    what = models.CharField(max_length=100)

    class Meta:
        ordering = ["-at"]
