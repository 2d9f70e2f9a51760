"""Staff URLs of the portal app; the platform includes them at /office/channels/."""

from django.urls import path

from . import office

app_name = "portal-office"
urlpatterns = [
    path("", office.channels_home, name="channels"),
    path("new/<slug:agency_code>/", office.channel_new, name="channel-new"),
    path("<int:pk>/", office.channel_edit, name="channel-edit"),
    path("deliveries/<int:pk>/retry/", office.delivery_retry, name="delivery-retry"),
]
