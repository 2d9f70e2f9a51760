"""Demo agencies and staff for `make run`: a supervising office, a district government and a
district media centre modelled on the seed report. Passwords are printed: demo only."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .models import Agency, Membership
from .roles import AgencyKind, Role

DEMO_PASSWORD = "gongkai-demo"

AGENCIES = (
    # code, name, kind, parent code, supervisor code
    ("sfq-gwgkb", "示范区人民政府办公室（政务公开办）", AgencyKind.SUPERVISOR, None, None),
    ("sfq", "示范区人民政府", AgencyKind.GOVERNMENT, None, "sfq-gwgkb"),
    ("sfq-rmtzx", "示范区融媒体中心", AgencyKind.DEPARTMENT, "sfq", "sfq-gwgkb"),
    ("sfq-jyj", "示范区教育局", AgencyKind.DEPARTMENT, "sfq", "sfq-gwgkb"),
    ("sfq-sjj", "示范区市场监督管理局", AgencyKind.DEPARTMENT, "sfq", "sfq-gwgkb"),
)

STAFF = (
    # username, full name, agency code, role
    ("editor", "张撰稿", "sfq-rmtzx", Role.EDITOR),
    ("reviewer1", "李初审", "sfq-rmtzx", Role.FIRST_REVIEWER),
    ("reviewer2", "王复审", "sfq-rmtzx", Role.SECOND_REVIEWER),
    ("reviewer3", "赵终审", "sfq-rmtzx", Role.FINAL_REVIEWER),
    ("head", "陈主任", "sfq-rmtzx", Role.OFFICE_HEAD),
    ("supervisor", "周督查", "sfq-gwgkb", Role.SUPERVISOR),
)


def load(stdout=None) -> dict[str, Agency]:
    agencies: dict[str, Agency] = {}
    for code, name, kind, parent, supervisor in AGENCIES:
        agency, _ = Agency.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent": agencies.get(parent),
                "supervisor": agencies.get(supervisor),
            },
        )
        agencies[code] = agency
    User = get_user_model()
    for username, full_name, code, role in STAFF:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": full_name})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, agency=agencies[code], role=role)
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    if stdout:
        stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, code, role in STAFF:
            stdout.write(f"  {username:<11} {full_name} · {agencies[code].name} · {role.label}")
        stdout.write("  admin       系统管理员（/admin/）")
    return agencies
