"""Machine-readable descriptions of an article: schema.org JSON-LD and OpenGraph."""

from django.conf import settings


def _absolute(request, path: str) -> str:
    return (settings.SITE_URL + path) if settings.SITE_URL else request.build_absolute_uri(path)


def article_structured_data(article, *, request) -> dict:
    """schema.org NewsArticle for the article page."""
    from .models.site import site_chrome

    publication = site_chrome()["publication"]
    url = _absolute(request, article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.title[:110],
        "inLanguage": settings.LANGUAGE_CODE,
        "datePublished": article.published_at.isoformat() if article.published_at else None,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "author": [
            {"@type": "Person", "name": a.name, "url": _absolute(request, a.get_absolute_url())}
            for a in article.ordered_authors
        ],
        "publisher": {"@type": "Organization", "name": publication.name},
    }
    if article.dek:
        data["description"] = article.dek
    if article.kicker:
        data["articleSection"] = article.kicker
    if article.dateline:
        data["dateline"] = article.dateline
    if image := article.lead_image:
        picture = {
            "@type": "ImageObject",
            "url": _absolute(request, image.file.url),
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
        data["image"] = [picture]
    if article.source_outlet:
        based_on = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": article.source_outlet}}
        if article.source_url:
            based_on["url"] = article.source_url
        if article.source_date:
            based_on["datePublished"] = article.source_date.isoformat()
        data["isBasedOn"] = based_on
    corrections = list(article.corrections.all())
    if corrections:
        data["correction"] = [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": c.corrected_at.isoformat()}
            for c in corrections
        ]
    keywords = [t.name for t in article.tags.all()]
    if keywords:
        data["keywords"] = keywords
    return {k: v for k, v in data.items() if v is not None}


def article_opengraph(article, *, request) -> list[tuple[str, str]]:
    """OpenGraph article:* properties, as (property, content) pairs in order."""
    from .models.site import site_chrome

    tags = [
        ("og:type", "article"),
        ("og:title", article.title),
        ("og:url", _absolute(request, article.get_absolute_url())),
        ("og:site_name", site_chrome()["publication"].name),
        ("og:locale", "de_DE" if settings.LANGUAGE_CODE == "de" else "en_GB"),
    ]
    if article.dek:
        tags.append(("og:description", article.dek))
    if image := article.lead_image:
        tags += [
            ("og:image", _absolute(request, image.file.url)),
            ("og:image:width", str(image.width)),
            ("og:image:height", str(image.height)),
            ("og:image:alt", image.alt_text),
        ]
    if article.published_at:
        tags.append(("article:published_time", article.published_at.isoformat()))
    if article.updated_at:
        tags.append(("article:modified_time", article.updated_at.isoformat()))
    for author in article.ordered_authors:
        tags.append(("article:author", _absolute(request, author.get_absolute_url())))
    if article.kicker:
        tags.append(("article:section", article.kicker))
    for tag in article.tags.all():
        tags.append(("article:tag", tag.name))
    return tags
