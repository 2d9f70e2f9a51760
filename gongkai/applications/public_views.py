"""Public pages (no login): the online application form, its confirmation, and the tracking page.

The tracking page shows the status and the due date and nothing else; no personal data ever
leaves through these pages.
"""

from __future__ import annotations

import hmac

from django.shortcuts import get_object_or_404, redirect, render

from gongkai.agencies.models import Agency

from . import actions, forms, selectors
from .errors import ActionError
from .models import Application

SESSION_KEY = "applications_submitted"


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def apply(request, agency_code: str):
    agency = get_object_or_404(Agency, code=agency_code)
    form = forms.PublicApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case, _ = actions.receive_application(
                agency, channel="online", applicant_type=form.applicant_type(), applicant=form.applicant(),
                request_description=d["request_description"], delivery_form=d["delivery_form"],
                delivery_method=d["delivery_method"], idempotency_key=d["idempotency_key"],
                source=_client_address(request), id_document=d.get("id_document"),
            )  # fmt: skip
        except ActionError as exc:
            form.add_error(None, exc.message)
        else:
            request.session[SESSION_KEY] = case.pk
            return redirect("applications-public:done", agency_code=agency.code)
    return render(request, "applications/public_apply.html", {"agency": agency, "form": form},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


def done(request, agency_code: str):
    pk = request.session.get(SESSION_KEY)
    case = Application.objects.filter(pk=pk, agency__code=agency_code).first() if pk else None
    if case is None:
        return redirect("applications-public:apply", agency_code=agency_code)
    return render(request, "applications/public_done.html", {"case": case, "agency": case.agency,
                                                              "status": selectors.public_status(case)})  # fmt: skip


def track(request):
    if "tracking_code" in request.GET:
        form = forms.TrackForm(request.GET)
    else:
        form = forms.TrackForm(initial={"case_number": request.GET.get("case_number", "")})
    status = None
    not_found = False
    if form.is_bound and form.is_valid():
        case = Application.objects.filter(case_number=form.cleaned_data["case_number"]).first()
        given = form.cleaned_data["tracking_code"]
        # the same answer for a wrong number and a wrong code, compared in constant time
        if case is not None and hmac.compare_digest(case.tracking_code.encode(), given.encode()):
            status = selectors.public_status(case)
        else:
            not_found = True
    return render(request, "applications/public_track.html", {"form": form, "status": status, "not_found": not_found},
                  status=404 if not_found else 200)  # fmt: skip
