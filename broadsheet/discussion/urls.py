from django.urls import path

from broadsheet.moderation import reporting

from . import live, mentions, views

app_name = "discussion"

urlpatterns = [
    path("discussion/<int:article_pk>/comments/", views.post_comment, name="post"),
    path("discussion/<int:article_pk>/thread/", views.thread_fragment, name="thread"),
    path("discussion/<int:article_pk>/live/", live.live, name="live"),
    path("discussion/<int:article_pk>/names/", mentions.names, name="names"),
    path(
        "discussion/<int:article_pk>/conversations/<int:root_pk>/",
        views.conversation,
        name="conversation",
    ),
    path("discussion/<int:article_pk>/rating/", views.rate, name="rate"),
    path("discussion/comments/<int:pk>/vote/", views.vote, name="vote"),
    path("discussion/comments/<int:pk>/edit/", views.edit, name="edit"),
    path("discussion/comments/<int:pk>/report/", reporting.report, name="report"),
    path("discussion/comments/<int:pk>/reported/", reporting.reported, name="reported"),
    path("comment/<int:pk>/", views.permalink, name="permalink"),
]
