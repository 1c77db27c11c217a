"""Machine-readable descriptions of an article: schema.org JSON-LD and OpenGraph.

Both read only what the article page already loads (lead image, bylines, tags and
corrections are prefetched by the view), so they add no queries of their own.
"""

from django.conf import settings
from django.urls import reverse


def absolute_url(request, path: str) -> str:
    """The canonical absolute URL: SITE_URL when configured, else the request's host."""
    return (settings.SITE_URL + path) if settings.SITE_URL else request.build_absolute_uri(path)


def last_modified(article):
    """When the article last changed as readers see it.

    Never earlier than its publication: an article edited before its scheduled time
    would otherwise claim to have been modified before it appeared.
    """
    stamps = [stamp for stamp in (article.published_at, article.updated_at) if stamp]
    return max(stamps, default=None)


def article_structured_data(article, *, request) -> dict:
    """schema.org NewsArticle for the article page."""
    from .models.site import site_chrome

    publication = site_chrome()["publication"]
    url = absolute_url(request, article.get_absolute_url())
    modified = last_modified(article)
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        # Google shows at most 110 characters of a headline.
        "headline": article.title[:110],
        "inLanguage": settings.LANGUAGE_CODE,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": modified.isoformat() if modified else None,
        "author": [
            {"@type": "Person", "name": a.name, "url": absolute_url(request, a.get_absolute_url())}
            for a in article.ordered_authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": publication.name,
            "url": absolute_url(request, reverse("publishing:front")),
        },
    }
    if article.dek:
        data["description"] = article.dek
    if article.kicker:
        data["articleSection"] = article.kicker
    if article.dateline:
        data["dateline"] = article.dateline
    if article.lead_image:
        data["image"] = [_image_object(article.lead_image, request=request)]
    if based_on := _based_on(article):
        data["isBasedOn"] = based_on
    if corrections := article.correction_list:
        data["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": c.text,
                "datePublished": c.corrected_at.isoformat(),
            }
            for c in corrections
        ]
    if keywords := [t.name for t in article.tag_list]:
        data["keywords"] = keywords
    data.update(_discussion_facts(article))
    return {k: v for k, v in data.items() if v is not None}


def _discussion_facts(article) -> dict:
    """commentCount and AggregateRating from the thread's denormalised counters."""
    from broadsheet.discussion.models import Thread

    try:
        thread = article.thread
    except Thread.DoesNotExist:
        return {}
    facts = {"commentCount": thread.comment_count}
    if article.rating_enabled and thread.rating_count:
        facts["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(thread.rating_average, 1),
            "ratingCount": thread.rating_count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return facts


def _image_object(image, *, request) -> dict:
    url = absolute_url(request, image.file.url)
    picture = {
        "@type": "ImageObject",
        "url": url,
        "contentUrl": url,
        "width": image.width,
        "height": image.height,
    }
    if image.caption:
        picture["caption"] = image.caption
    if image.credit_text:
        picture["creditText"] = image.credit_text
    if image.credit_creator:
        picture["creator"] = {"@type": "Person", "name": image.credit_creator}
    if image.licence_url:
        picture["license"] = image.licence_url
    return picture


def _based_on(article) -> dict | None:
    """The original of a republished piece, as far as the editors recorded it."""
    if not (article.source_outlet or article.source_url):
        return None
    original = {"@type": "NewsArticle"}
    if article.source_outlet:
        original["publisher"] = {"@type": "Organization", "name": article.source_outlet}
    if article.source_url:
        original["url"] = article.source_url
    if article.source_date:
        original["datePublished"] = article.source_date.isoformat()
    return original


def article_opengraph(article, *, request) -> list[tuple[str, str]]:
    """OpenGraph article:* properties, as (property, content) pairs in order."""
    from .models.site import site_chrome

    tags = [
        ("og:type", "article"),
        ("og:title", article.search_title),
        ("og:url", absolute_url(request, article.get_absolute_url())),
        ("og:site_name", site_chrome()["publication"].name),
        ("og:locale", "de_DE" if settings.LANGUAGE_CODE == "de" else "en_GB"),
    ]
    if description := article.search_description:
        tags.append(("og:description", description))
    # The social image is read only when one is set: one query, inside the cached
    # head fragment (article-meta), so never on a warm page.
    if image := (article.social_image if article.social_image_id else article.lead_image):
        tags += [
            ("og:image", absolute_url(request, image.file.url)),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
            ("og:image:alt", image.alt_text),
        ]
    if article.published_at:
        tags.append(("article:published_time", article.published_at.isoformat()))
    if modified := last_modified(article):
        tags.append(("article:modified_time", modified.isoformat()))
    for author in article.ordered_authors:
        tags.append(("article:author", absolute_url(request, author.get_absolute_url())))
    if article.kicker:
        tags.append(("article:section", article.kicker))
    for tag in article.tag_list:
        tags.append(("article:tag", tag.name))
    return tags
