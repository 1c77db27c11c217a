"""Template tags for the article page: small pieces of markup that need escaping care."""

import json

from django import template
from django.conf import settings
from django.utils.html import format_html, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from broadsheet.core.numbers import parse_whole_number

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return context["request"].build_absolute_uri(path)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address without tracking parameters; only ?page= survives."""
    request = context["request"]
    path = request.path
    page = parse_whole_number(request.GET.get("page"), max_digits=9)
    if page and page > 1:
        path += f"?page={page}"
    return absolute_url(context, path)


@register.simple_tag
def image_credit(image) -> str:
    """provider/creator/licence, with the licence linked when it has a URL."""
    parts = [format_html("{}", p) for p in (image.credit_provider, image.credit_creator) if p]
    if image.licence_name:
        if image.licence_url:
            parts.append(
                format_html(
                    '<a href="{}" rel="license noopener">{}</a>',
                    image.licence_url,
                    image.licence_name,
                )
            )
        else:
            parts.append(format_html("{}", image.licence_name))
    return mark_safe("/".join(parts))  # noqa: S308 - every part was escaped above


@register.simple_tag
def article_body(article, question_counts=None) -> str:
    """The stored HTML with the dateline opening it and the initials closing it.

    body_html is sanitised at save; the dateline, initials and the answer counts of
    editor questions are escaped here.
    """
    html = article.body_html
    for number, count in (question_counts or {}).items():
        label = ngettext("%(count)d answer", "%(count)d answers", count) % {"count": count}
        html = html.replace(
            f'<span class="editor-question__count" data-count="{number}"></span>',
            format_html(
                '<span class="editor-question__count" data-count="{}"> ({})</span>', number, label
            ),
        )
    if article.dateline:
        dateline = format_html(
            '<span class="dateline" data-anchor-ignore>{}</span> ', article.dateline
        )
        html = (
            html.replace("<p>", "<p>" + dateline, 1) if html.startswith("<p>") else dateline + html
        )
    if article.initials:
        initials = format_html(
            ' <span class="initials" data-anchor-ignore>({})</span>', article.initials
        )
        if html.rstrip().endswith("</p>"):
            cut = html.rstrip()
            html = cut[: -len("</p>")] + initials + "</p>"
        else:
            html += format_html("<p>{}</p>", initials)
    return mark_safe(html)  # noqa: S308 - see docstring


def _join(items) -> str:
    links = [
        format_html('<a href="{}" rel="tag">{}</a>', i.get_absolute_url(), i.name) for i in items
    ]
    if len(links) < 2:
        return mark_safe("".join(links))  # noqa: S308
    return mark_safe(  # noqa: S308 - the links were built with format_html
        ", ".join(links[:-1]) + " " + pgettext("list", "and") + " " + links[-1]
    )


@register.simple_tag
def filed_under(categories, tags, article) -> str:
    """The line under the article: "Published in Politics · Tags: Berlin, Verkehr".

    The reference's WordPress theme says "Filed under … Bookmark the permalink."; a
    newsroom names the section and the tags, and the headline already is the permalink.
    """
    parts = []
    if categories:
        parts.append(_("Published in %(categories)s") % {"categories": _join(categories)})
    if tags:
        links = ", ".join(
            format_html('<a href="{}" rel="tag">{}</a>', t.get_absolute_url(), t.name) for t in tags
        )
        parts.append(_("Tags: %(tags)s") % {"tags": links})
    return mark_safe(" · ".join(parts))  # noqa: S308 - the links were built with format_html


def json_for_script(data) -> str:
    """JSON that cannot close its <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@register.inclusion_tag("publishing/_article_meta.html", takes_context=True)
def article_meta(context, article):
    """OpenGraph tags and the schema.org NewsArticle JSON-LD for an article page."""
    from broadsheet.publishing.structured import article_opengraph, article_structured_data

    request = context["request"]
    return {
        "opengraph": article_opengraph(article, request=request),
        "jsonld": mark_safe(json_for_script(article_structured_data(article, request=request))),  # noqa: S308
        "csp_nonce": context.get("csp_nonce"),
    }


@register.simple_tag
def promo_blocks(article):
    """The promo blocks shown after this article (see models.site.promo_blocks_for)."""
    from broadsheet.publishing.models.site import promo_blocks_for

    return promo_blocks_for(article.category_list)
