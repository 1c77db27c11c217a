from django.urls import path

from . import views

app_name = "errata"

urlpatterns = [
    path("<int:pk>/report/", views.report, name="report"),
    path("<int:pk>/report/sent/", views.sent, name="sent"),
]
