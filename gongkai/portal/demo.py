"""Demo for the portal: a 公开指南 published through the real workflow, a (disabled) webhook channel,
and a fresh search index. Idempotent; runs after the catalogue's demo."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from gongkai.agencies.models import Agency
from gongkai.catalogue import actions as catalogue
from gongkai.catalogue.models import Column, Item

from . import actions, indexing
from .models import Channel

AGENCY = "sfq-rmtzx"
GUIDE_TITLE = "示范区融媒体中心政府信息公开指南"
GUIDE_BODY = """为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》，编制本指南。
一、主动公开
（一）公开范围：本机关依照条例第二十条、第二十一条主动公开的政府信息。
（二）公开方式：通过本门户“政府信息公开”专栏公开，并可通过检索功能查找。
二、依申请公开
公民、法人或者其他组织可以通过本门户“依申请公开”栏目在线提交申请。
三、监督方式
认为本机关在政府信息公开工作中侵犯其合法权益的，可以向示范区人民政府办公室（政务公开办）投诉、举报。"""


def load(stdout=None) -> None:
    agency = Agency.objects.filter(code=AGENCY).first()
    if agency is None:
        return
    users = {
        u.username: u
        for u in get_user_model().objects.filter(
            username__in=["editor", "reviewer1", "reviewer2", "reviewer3", "head"]
        )
    }
    if len(users) == 5:
        column = Column.objects.filter(agency=agency, slug="gkzn").first() or catalogue.create_column(
            agency=agency, actor=users["head"], name="政府信息公开指南", slug="gkzn"
        )
        if not Item.objects.filter(agency=agency, column=column, title=GUIDE_TITLE).exists():
            item = catalogue.create_item(
                agency=agency, actor=users["editor"], column=column, title=GUIDE_TITLE, body=GUIDE_BODY
            )
            catalogue.submit_for_review(item, actor=users["editor"])
            for name in ("reviewer1", "reviewer2", "reviewer3"):
                catalogue.approve(item, actor=users[name])
        if not Channel.objects.filter(agency=agency).exists():
            actions.save_channel(
                agency,
                actor=users["head"],
                name="演示推送（停用）",
                url="http://127.0.0.1:9/gongkai-demo-hook",
                secret="gongkai-demo-secret-0001",
                enabled=False,
            )
    count = indexing.rebuild()
    if stdout:
        stdout.write(f"门户检索索引：{count} 条已公开信息")
        stdout.write(f"  门户首页 /，机关页 /{AGENCY}/，公开指南 /{AGENCY}/guide/，检索 /search/?q=公开")
        stdout.write("  数据接口 /api/items/ ，接口说明 /api/schema/ ；发布渠道（需登录）/office/channels/")
