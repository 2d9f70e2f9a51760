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
