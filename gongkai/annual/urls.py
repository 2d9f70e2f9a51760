from django.urls import path

from . import views

app_name = "annual"
urlpatterns = [
    path("", views.home, name="home"),
    path("supervise/", views.supervise_index, name="supervise-index"),
    path("supervise/imports/", views.imports, name="imports"),
    path("supervise/imports/<int:pk>/", views.import_job, name="import-job"),
    path("supervise/<int:year>/", views.supervise_table, name="supervise"),
    path("supervise/<int:year>/export.xlsx", views.supervise_export, name="export"),
    path("supervise/<int:year>/tables/", views.supervise_tables, name="tables"),
    path("supervise/<int:year>/similarity/", views.supervise_similarity, name="similarity"),
    path("supervise/<int:year>/deadlines/", views.supervise_deadlines, name="deadlines"),
    path("<slug:code>/", views.agency_page, name="agency"),
    path("<slug:code>/draft/", views.create_draft, name="create-draft"),
    path("<slug:code>/import/", views.import_file, name="import"),
    path("<slug:code>/<int:year>/", views.report_page, name="report"),
    path("<slug:code>/<int:year>/sections/", views.save_sections, name="save"),
    path("<slug:code>/<int:year>/override/", views.override, name="override"),
    path("<slug:code>/<int:year>/dismiss/", views.dismiss, name="dismiss"),
    path("<slug:code>/<int:year>/submit/", views.submit, name="submit"),
    path("<slug:code>/<int:year>/approve/", views.approve, name="approve"),
    path("<slug:code>/<int:year>/reject/", views.reject, name="reject"),
    path("<slug:code>/<int:year>/publish/", views.publish, name="publish"),
    path("<slug:code>/<int:year>/add-to-portal/", views.add_to_portal, name="add-to-portal"),
    path("<slug:code>/<int:year>/send-back/", views.send_back, name="send-back"),
    path("<slug:code>/<int:year>/report.<str:fmt>", views.download, name="download"),
]
