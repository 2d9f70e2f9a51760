"""Public (no login) pages of the applications app: the online form and the tracking page."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
