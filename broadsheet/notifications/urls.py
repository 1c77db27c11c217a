from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/subscribe/<int:article_pk>/", views.subscribe, name="subscribe"),
    path("notifications/confirm/<str:token>/", views.confirm, name="confirm"),
    path("notifications/manage/<str:token>/", views.manage, name="manage"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
