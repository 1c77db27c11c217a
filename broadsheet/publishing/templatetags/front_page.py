"""Template tags for the front page's companions on the article page."""

from django import template

from broadsheet.publishing.related import related_articles as _related_articles

register = template.Library()


@register.simple_tag
def related_articles(article) -> list[dict]:
    """ "More on this topic" for this article (one query when not cached)."""
    return _related_articles(article)
