"""Queues, items, actions, people: the console's moderation pages."""

from django.urls import path, register_converter

from .selectors import DEFAULT_QUEUE, QUEUES
from .views import console


class QueueConverter:
    """Only the queues' slugs, so /moderation/<anything else>/ stays free for other pages."""

    regex = "|".join(slug for slug in QUEUES if slug != DEFAULT_QUEUE)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(QueueConverter, "queue")

urlpatterns = [
    path("", console.queue, {"queue": DEFAULT_QUEUE}, name="queue"),
    path("<queue:queue>/", console.queue, name="queue"),
    path("bulk/", console.bulk, name="bulk"),
    path("comments/<int:pk>/", console.comment, name="comment"),
    path("comments/<int:pk>/act/", console.act, name="act"),
    path("comments/<int:pk>/edit/", console.edit, name="edit"),
    path("comments/<int:pk>/note/", console.note, name="note"),
    path("comments/<int:pk>/sanction/", console.sanction, name="sanction"),
    path("sanctions/<int:pk>/lift/", console.lift, name="lift"),
    path("articles/<int:pk>/controls/", console.thread_controls, name="thread-controls"),
]
