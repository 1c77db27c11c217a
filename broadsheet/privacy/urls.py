from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("my-data/", views.my_data, name="my-data"),
    path("my-data/link/<str:token>/", views.open_link, name="open-link"),
    path("my-data/export.json", views.export, name="export"),
    path("my-data/erase/", views.erase, name="erase"),
    path("my-data/cancel/", views.cancel_mine, name="cancel-mine"),
    path("my-data/done/", views.leave, name="leave"),
    path("erasure/<str:token>/", views.cancel, name="cancel"),
]
