import datetime as dt

import time_machine

from gongkai.annual import actions


@time_machine.travel(dt.datetime(2027, 1, 10, 10, tzinfo=dt.UTC))
def test_smoke(setting):
    r = actions.create_draft(setting.agency, 2026, actor=setting.editor)
    for f in r.findings:
        print(f["severity"], f["check"], f["message"])
    print([c["code"] for c in r.content_findings])
    print(r.error_count, r.warning_count)
    print(r.document["sections"][0]["text"])
    for f in r.findings:
        if f["severity"] == "warning":
            r = actions.dismiss_warning(r, actor=setting.editor, version=r.version, key=f["key"], reason="ok")
    r = actions.submit(r, actor=setting.editor, version=r.version)
    for u in (setting.first, setting.second, setting.final):
        r = actions.approve(r, actor=u, version=r.version)
    r = actions.publish(r, actor=setting.final, version=r.version)
    print(r.status, r.catalogue_item.status, r.catalogue_item.get_absolute_url(), r.published_date)
    print([a.original_name for a in r.catalogue_item.attachments.all()])
    print(r.catalogue_item.body[:300])
