"""Public (no login) pages of the applications app: the online form and the tracking page."""

from django.urls import include, path

from . import public_views

patterns = [
    path("<slug:agency_code>/apply/", public_views.apply, name="apply"),
    path("<slug:agency_code>/apply/done/", public_views.done, name="done"),
    path("track/", public_views.track, name="track"),
]
urlpatterns = [path("", include((patterns, "applications-public")))]
