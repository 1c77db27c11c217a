"""Queues, items, actions, people: the console's moderation pages."""

urlpatterns: list = []
