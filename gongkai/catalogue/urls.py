from django.urls import path

from . import views

app_name = "catalogue"
urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:code>/", views.item_list, name="items"),
    path("<slug:code>/new/", views.item_create, name="create"),
    path("<slug:code>/queue/", views.queue, name="queue"),
    path("<slug:code>/columns/", views.columns, name="columns"),
    path("<slug:code>/items/<int:pk>/", views.item_detail, name="item"),
    path("<slug:code>/items/<int:pk>/edit/", views.item_edit, name="edit"),
    path("<slug:code>/items/<int:pk>/do/<slug:action>/", views.item_action, name="action"),
    path(
        "<slug:code>/items/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
]
