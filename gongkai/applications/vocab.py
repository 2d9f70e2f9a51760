"""Closed vocabularies of the applications app, in one module (codes from GLOSSARY.md)."""

from __future__ import annotations

from django.db import models

from gongkai.report.formats import FORMAT_2021


class Channel(models.TextChoices):
    """How the application arrived; it decides the date of receipt (art. 31)."""

    ONLINE = "online", "互联网（在线申请）"
    IN_PERSON = "in_person", "当面提交"
    POST_SIGNED = "post_signed", "邮寄（需签收）"
    POST_UNSIGNED = "post_unsigned", "平常信函"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class ApplicantType(models.TextChoices):
    """The table-三 columns (one type per case)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER_ORG = "other_org", "其他组织"


ORGANISATION_TYPES = tuple(t for t in ApplicantType if t != ApplicantType.NATURAL_PERSON)


class IdDocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    PASSPORT = "passport", "护照"
    HK_MACAO_PERMIT = "hk_macao_permit", "港澳居民来往内地通行证"
    TAIWAN_PERMIT = "taiwan_permit", "台湾居民来往大陆通行证"
    CREDIT_CODE = "credit_code", "统一社会信用代码证书"
    OTHER = "other", "其他有效证件"


class DeliveryForm(models.TextChoices):
    """申请公开的政府信息的形式要求: 获取信息的方式."""

    PAPER = "paper", "纸质文本"
    ELECTRONIC = "electronic", "电子文本"
    OTHER = "other", "其他"


class DeliveryMethod(models.TextChoices):
    """获取信息的途径."""

    POST = "post", "邮寄"
    EMAIL = "email", "电子邮件"
    PICK_UP = "pick_up", "自行领取"
    ONLINE = "online", "网上获取"


class ApplicationStatus(models.TextChoices):
    RECEIVED = "received", "已收到"
    IN_PROGRESS = "in_progress", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    IN_CONSULTATION = "in_consultation", "征求意见中"
    AWAITING_PAYMENT = "awaiting_payment", "待缴费"
    CLOSED = "closed", "已办结"


OPEN_STATUSES = tuple(s for s in ApplicationStatus if s != ApplicationStatus.CLOSED)

# the table-三 result rows of the 2021 format: the only outcomes a case may close with
_RESULT_ROWS = [FORMAT_2021.three.row(code) for code in FORMAT_2021.three.row("total").total_of]
Outcome = models.TextChoices("Outcome", [(r.code.upper(), (r.code, r.label)) for r in _RESULT_ROWS])
OTHER_OUTCOMES_2021 = ("other_no_correction", "other_fee_unpaid", "other")


def outcome_label(code: str) -> str:
    """The row label, with its group for numbered rows: （三）不予公开1.属于国家秘密."""
    label = dict(Outcome.choices).get(code, code)
    for parent in FORMAT_2021.three.parents():
        if parent.code and any(getattr(child, "code", None) == code for child in parent.children):
            return f"{parent.label}{label}"
    if code in OTHER_OUTCOMES_2021:
        return f"（六）其他处理{label}"
    return label


class LetterKind(models.TextChoices):
    """The written documents a case produces: the reply letter that closes it (one template per
    outcome), and the notices sent while it runs (one template each)."""

    REPLY_LETTER = "reply_letter", "答复书"
    CORRECTION_NOTICE = "correction_notice", "补正通知书"
    EXTENSION_NOTICE = "extension_notice", "延期答复告知书"
    FEE_NOTICE = "fee_notice", "收费通知书"
    CONSULTATION_LETTER = "consultation_letter", "征求第三方意见函"


NOTICE_KINDS = tuple(k for k in LetterKind if k != LetterKind.REPLY_LETTER)


class ConsultationKind(models.TextChoices):
    CONSULTATION = "consultation", "征求第三方意见"
    AGENCY_CONSULTATION = "agency_consultation", "征求其他机关意见"


class FeeMethod(models.TextChoices):
    PER_APPLICATION = "per_application", "按件计收"
    PER_VOLUME = "per_volume", "按量计收"


class ExcessiveDecision(models.TextChoices):
    """Art. 35: unreasonable reasons → not processed; reasonable → a reasonable delay."""

    NOT_PROCESSED = "not_processed", "不予处理"
    REASONABLE_DELAY = "reasonable_delay", "确定延迟答复的合理期限"


# Table 四's groups and result columns, with their labels, come from the format definition.
AppealKind = models.TextChoices(
    "AppealKind", [(g.code.upper(), (g.code, g.label)) for g in FORMAT_2021.four.groups]
)
AppealResult = models.TextChoices(
    "AppealResult", [(c.code.upper(), (c.code, c.label)) for c in FORMAT_2021.four.columns if not c.total_of]
)


class AppealRole(models.TextChoices):
    """国办公开办函〔2016〕201号: only the original agency counts a suit in its table 四."""

    ORIGINAL_AGENCY = "original_agency", "原行政行为机关"
    CO_DEFENDANT = "co_defendant_reconsideration_organ", "复议机关作共同被告"
