"""Demo catalogue for 示范区融媒体中心 (`make run`): columns, a three-stage workflow and about thirty
items written for the demo (no real people), one in review, one withdrawn, one blocked by a planted
fake ID number. The 年报 column (gknb) is left to the annual demo, which puts the agency's real
previous-year report there. Idempotent: items are keyed by title, columns by slug."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from gongkai.agencies.models import Agency

from . import actions
from .models import Column, Item, Workflow
from .models.catalogue import DEFAULT_STAGES
from .vocab import ColumnCategory as C
from .vocab import ItemStatus, Validity

AGENCY = "sfq-rmtzx"
# a syntactically valid ID number with a correct check digit, made up for the demo
FAKE_ID = "11010519491231002X"

COLUMNS = (
    # slug, name, category, table 二 row, parent slug
    ("jgzn", "机构职能", C.ART20_2, "", None),
    ("jgsz", "机构设置", C.ART20_2, "", None),
    ("ldxx", "领导信息", C.ART20_2, "", None),
    ("rsrm", "人事任免", C.OTHER, "", None),
    ("zcwj", "政策文件", C.ART20_1, "", None),
    ("gz", "规章", C.ART20_1, "rules", "zcwj"),
    ("gfxwj", "行政规范性文件", C.ART20_1, "normative_documents", "zcwj"),
    ("qtwj", "其他文件", C.ART20_1, "", "zcwj"),
    ("ghjh", "规划计划", C.ART20_3, "", None),
    ("czyjs", "财政预决算", C.ART20_7, "", None),
    ("xzxk", "行政许可", C.ART20_5, "", None),
    ("xzcf", "行政处罚", C.ART20_6, "", None),
    ("xwfbh", "新闻发布会", C.OTHER, "", None),
    ("zwdt", "政务动态", C.OTHER, "", None),
    ("gkzn", "政府信息公开指南", C.OTHER, "", None),
    ("gkzd", "政府信息公开制度", C.OTHER, "", None),
    ("gknb", "政府信息公开年报", C.OTHER, "", None),
)


def _items(year: int) -> list[dict]:
    y = year
    return [
        {"column": "jgzn", "title": "示范区融媒体中心主要职责",
         "body": "示范区融媒体中心负责全区重大新闻宣传策划和组织实施，统筹区属广播、电视、报刊、网站和新媒体平台的内容生产与发布，承担区委、区政府重要会议和活动的新闻报道工作。"},
        {"column": "jgsz", "title": "示范区融媒体中心内设机构",
         "body": "中心设综合办公室、采编中心、新媒体中心、技术保障部、运营推广部五个内设机构。\n综合办公室负责文电、会务、财务和政府信息公开等工作。"},
        {"column": "ldxx", "title": "示范区融媒体中心领导分工",
         "body": "中心主任：主持中心全面工作。\n中心副主任：分管采编中心、新媒体中心。\n中心副主任：分管技术保障部、运营推广部。"},
        {"column": "rsrm", "title": f"示范区融媒体中心{y}年公开招聘工作人员拟聘用人员公示",
         "body": f"根据《示范区{y}年事业单位公开招聘工作方案》，经笔试、面试、体检和考察，现将拟聘用人员名单予以公示，公示期为5个工作日。"},
        {"column": "gfxwj", "title": "示范区融媒体中心新闻采访报道管理办法", "document_number": f"示融媒发〔{y}〕1号",
         "written": (1, 8),
         "body": "第一条 为规范新闻采访报道工作，提高新闻宣传质量，制定本办法。\n第二条 本办法适用于中心所属各媒体平台的采访报道活动。"},
        {"column": "gfxwj", "title": "示范区融媒体中心新媒体平台内容发布审核规定", "document_number": f"示融媒发〔{y}〕2号",
         "written": (2, 19),
         "body": "第一条 新媒体平台发布的内容实行三审制度，初审、复审、终审分别由责任编辑、部门负责人和分管领导承担。\n第二条 未经审核的内容不得发布。"},
        {"column": "gfxwj", "title": "示范区融媒体中心新闻采访报道暂行规定（已废止）", "document_number": f"示融媒发〔{y - 1}〕5号",
         "written": None, "repealed": True,
         "body": "本规定自印发之日起施行，已由《示范区融媒体中心新闻采访报道管理办法》替代。"},
        {"column": "qtwj", "title": f"示范区融媒体中心{y}年政务公开工作要点",
         "body": f"{y}年，中心政务公开工作坚持以公开为常态、不公开为例外，围绕中心工作，做好主动公开、依申请公开和政府信息管理各项工作。"},
        {"column": "ghjh", "title": "示范区融媒体中心“十四五”媒体融合发展规划",
         "body": "到2025年，基本建成资源集约、结构合理、差异发展、协同高效的全媒体传播体系，新媒体平台用户规模稳步增长。"},
        {"column": "ghjh", "title": f"示范区融媒体中心{y}年工作计划",
         "body": f"{y}年，中心将围绕全区中心工作，做好重大主题宣传、新媒体平台建设和应急广播体系建设等重点工作。"},
        {"column": "czyjs", "title": f"示范区融媒体中心{y}年部门预算公开",
         "body": f"{y}年部门预算收入合计人民币壹仟贰佰叁拾肆万元，支出合计同上，主要用于人员经费、公用经费和媒体融合项目支出。"},
        {"column": "czyjs", "title": f"示范区融媒体中心{y - 1}年部门决算公开",
         "body": f"{y - 1}年度部门决算收入、支出均与预算基本持平，“三公”经费支出较上年下降。"},
        {"column": "xzxk", "title": "有线电视节目传送业务办理指南",
         "body": "办理依据、受理条件、申请材料、办理流程和办理时限详见本指南。本事项不收费。"},
        {"column": "xzcf", "title": "示范区融媒体中心行政处罚事项清单",
         "body": "本中心不具有行政处罚职能，行政处罚事项清单为空。"},
        {"column": "xwfbh", "title": f"示范区{y}年春季文化旅游活动新闻发布会",
         "body": "发布会介绍了春季文化旅游系列活动安排，并回答了记者提问。"},
        {"column": "xwfbh", "title": "示范区优化营商环境工作新闻发布会",
         "body": "发布会通报了全区优化营商环境工作进展，介绍了政务服务“一网通办”改革成效。"},
        {"column": "zwdt", "title": "中心召开全体干部职工大会部署年度工作",
         "body": "会议总结了上年度工作，部署了本年度重点任务，要求全体干部职工守正创新、担当作为。"},
        {"column": "zwdt", "title": "中心开展新闻采编业务培训",
         "body": "为提升采编人员业务能力，中心组织开展新闻采编业务培训，全体采编人员参加。"},
        {"column": "zwdt", "title": "中心完成应急广播系统升级改造",
         "body": "应急广播系统升级改造完成后，全区各街道、社区实现应急广播全覆盖。"},
        {"column": "zwdt", "title": "中心新媒体平台粉丝数突破十万",
         "body": "截至目前，中心新媒体平台粉丝总数突破十万，全年发布原创作品两千余件。"},
        {"column": "zwdt", "title": "中心开展“新闻走基层”主题采访活动",
         "body": "采编人员深入社区、企业和田间地头，采写了一批接地气、有温度的新闻作品。"},
        {"column": "zwdt", "title": "中心组织开展安全生产检查",
         "body": "检查组对中心播控机房、演播室和办公区域开展安全生产检查，现场督促整改隐患。"},
        {"column": "zwdt", "title": "中心举办媒体融合发展座谈会",
         "body": "座谈会邀请业内专家围绕县级融媒体中心建设深入交流。"},
        {"column": "gkzn", "title": "示范区融媒体中心政府信息公开指南",
         "body": "一、主动公开\n本中心主动公开的政府信息通过示范区人民政府门户网站政府信息公开专栏发布。\n二、依申请公开\n申请人可通过当面、邮寄、网络等方式提出政府信息公开申请。"},
        {"column": "gkzd", "title": "示范区融媒体中心政府信息公开保密审查制度",
         "body": "政府信息公开前，应当依照《中华人民共和国保守国家秘密法》以及其他法律、法规和国家有关规定进行审查。"},
        {"column": "zwdt", "title": "中心开展网络安全宣传周活动", "state": "withdrawn",
         "body": "中心开展网络安全宣传周活动，普及网络安全知识。",
         "withdraw_reason": "与“中心组织开展安全生产检查”一文重复发布，撤回后合并"},
        {"column": "zwdt", "title": "中心召开新闻宣传工作例会", "state": "in_review",
         "body": "例会通报了近期新闻宣传工作情况，安排部署下阶段重点报道任务。"},
        {"column": "zwdt", "title": "中心志愿服务队开展社区走访活动", "state": "blocked",
         "body": f"志愿服务队走访社区困难群众，登记帮扶对象信息，其中一名对象身份证号为{FAKE_ID}，已纳入帮扶台账。"},
        {"column": "zwdt", "title": "中心筹备春节联欢晚会直播", "state": "draft",
         "body": "中心成立晚会直播工作专班，细化节目编排、技术保障和安全播出方案。"},
        {"column": "qtwj", "title": "中心内部考勤管理细则", "state": "application",
         "attribute": "application", "reason": "withheld_internal_affairs",
         "body": "本细则规定中心工作人员的考勤、请假和休假管理。"},
    ]  # fmt: skip


def load(stdout=None) -> None:
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None:
        return
    User = get_user_model()
    users = {
        u.username: u
        for u in User.objects.filter(username__in=["editor", "reviewer1", "reviewer2", "reviewer3", "head"])
    }
    head, editor = users["head"], users["editor"]
    reviewers = [users["reviewer1"], users["reviewer2"], users["reviewer3"]]
    if not Workflow.objects.filter(agency=agency).exists():
        actions.set_workflow(agency, actor=head, stages=list(DEFAULT_STAGES))

    columns: dict[str, Column] = {c.slug: c for c in Column.objects.filter(agency=agency)}
    for slug, name, category, row, parent in COLUMNS:
        if slug not in columns:
            columns[slug] = actions.create_column(
                agency=agency,
                actor=head,
                name=name,
                slug=slug,
                parent=columns.get(parent),
                category=category,
                table_two_row=row,
            )

    today = timezone.localdate()
    created = 0
    existing = set(Item.objects.filter(agency=agency).values_list("title", flat=True))
    by_title: dict[str, Item] = {}
    for spec in _items(today.year):
        if spec["title"] in existing:
            continue
        written = spec.get("written", (today.month, 1) if spec.get("document_number") else None)
        written_date = dt.date(today.year, *written) if written else None
        if written_date and written_date > today:
            written_date = today
        if spec.get("repealed"):
            written_date = dt.date(today.year - 1, 3, 15)
        item = actions.create_item(
            agency=agency,
            actor=editor,
            column=columns[spec["column"]],
            title=spec["title"],
            body=spec["body"],
            document_number=spec.get("document_number", ""),
            written_date=written_date,
            formed_date=max(written_date or today, today - dt.timedelta(days=3)),
            disclosure_attribute=spec.get("attribute", "proactive"),
            withholding_reason=spec.get("reason", ""),
        )
        by_title[item.title] = item
        created += 1
        state = spec.get("state", "published")
        if state == "draft":
            continue
        actions.submit_for_review(item, actor=editor)
        if state == "in_review":
            actions.approve(item, actor=reviewers[0])
            actions.comment(item, actor=reviewers[0], text="标题可再精炼，请复审把关。")
            continue
        for reviewer in reviewers:
            actions.approve(item, actor=reviewer)
        if state == "withdrawn":
            actions.withdraw(item, actor=reviewers[2], reason=spec["withdraw_reason"])
        if spec.get("repealed"):
            replacement = Item.objects.filter(
                agency=agency, title="示范区融媒体中心新闻采访报道管理办法"
            ).first()
            actions.change_validity(
                item,
                actor=head,
                validity=Validity.REPEALED,
                changed_on=dt.date(today.year, 1, 8) if today >= dt.date(today.year, 1, 8) else today,
                replaced_by=replacement,
            )

    if stdout:
        base = settings.GONGKAI_PUBLIC_BASE_URL.rstrip("/")
        counts = {s: Item.objects.filter(agency=agency, status=s).count() for s in ItemStatus}
        stdout.write(
            f"公开目录：{agency.name}，新建{created}条信息（已发布{counts[ItemStatus.PUBLISHED]}条、"
            f"审核中{counts[ItemStatus.IN_REVIEW]}条、已审核未发布{counts[ItemStatus.APPROVED]}条、"
            f"已撤回{counts[ItemStatus.WITHDRAWN]}条、草稿{counts[ItemStatus.DRAFT]}条）"
        )
        stdout.write(
            f"  工作台（公开目录）：{base}/office/catalogue/{agency.code}/   审核队列：{base}/office/catalogue/{agency.code}/queue/"
        )
        sample = Item.objects.public().filter(agency=agency).first()
        if sample:
            stdout.write(f"  门户信息页示例：{base}{sample.get_absolute_url()}")
        stdout.write(
            "  撰稿 editor → 初审 reviewer1 → 复审 reviewer2 → 终审 reviewer3；负责人 head 管理栏目和流程"
        )
