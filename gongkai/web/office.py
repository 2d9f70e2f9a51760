"""The back office home page: the signed-in user's agencies and roles, with links into each app."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.agencies.models import Membership


@login_required
def office_home(request):
    memberships = (
        Membership.objects.filter(user=request.user).select_related("agency").order_by("agency__path")
    )
    return render(request, "office/home.html", {"memberships": memberships})


# The back office's areas: (path, name, the permission that lets a user in somewhere)
AREAS = (
    ("/office/catalogue/", "公开目录", "view_drafts"),
    ("/office/applications/", "依申请公开", "view_cases"),
    ("/office/annual/", "年度报告", "view_annual_report"),
)


def _areas(user, here: str) -> list[tuple[str, str, bool]]:
    from gongkai.agencies import permissions
    from gongkai.annual.supervise import offices_for

    shown = []
    for path, name, permission in AREAS:
        allowed = permissions.agencies_for(user, permission).exists()
        if not allowed and permission == "view_annual_report":
            allowed = offices_for(user).exists()  # a supervising office's table of reports
        if allowed:
            shown.append((path, name, here.startswith(path)))
    return shown


def office_nav(request) -> dict:
    """Context processor: the areas the user may enter, so the navigation never offers a page that
    answers 403. Lazy (a callable the template calls), so pages without the navigation pay nothing."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"office_areas": lambda: _areas(user, request.path)}
