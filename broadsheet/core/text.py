"""Markdown to safe HTML: the only way text reaches a page as markup.

Editors and readers write Markdown; markdown-it renders it and nh3 (an allow-list
sanitiser) keeps only the tags and attributes listed here. Links always get
rel="nofollow ugc noopener" for reader text. Display names are plain text and pass
through `normalise_display_name` at every input (forms, importer).
"""

import functools
import html
import re
import unicodedata

import nh3
from django.conf import settings
from markdown_it import MarkdownIt

ARTICLE_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del",
    "sub", "sup", "mark", "small", "abbr", "a", "blockquote", "q", "cite", "code", "pre",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "figure", "figcaption", "img",
}  # fmt: skip
ARTICLE_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
COMMENT_TAGS = {"p", "br", "strong", "em", "code", "pre", "blockquote", "ul", "ol", "li", "a"}
URL_SCHEMES = {"http", "https", "mailto"}

# Typographic quotes in the publication's language: „so“ in German, “so” in English.
QUOTES = {"de": "„“‚‘", "en": "“”‘’"}


@functools.cache
def _article_renderer(language: str) -> MarkdownIt:
    options = {"html": True, "typographer": True, "quotes": QUOTES.get(language, QUOTES["en"])}
    return MarkdownIt("commonmark", options).enable(
        ["table", "strikethrough", "replacements", "smartquotes"]
    )


_comment_md = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(
    ["image", "heading", "lheading", "table", "hr"], ignoreInvalid=True
)


def sanitize_article_html(raw_html: str) -> str:
    """Allow-list an editor's (or an importer's) HTML."""
    return nh3.clean(
        raw_html,
        tags=ARTICLE_TAGS,
        attributes=ARTICLE_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
    )


def render_article_markdown(source: str) -> str:
    """Render an editor's Markdown body once, at save time."""
    return sanitize_article_html(_article_renderer(settings.LANGUAGE_CODE).render(source))


def render_comment_markdown(source: str, *, transform=None) -> str:
    """Render a reader's Markdown subset; links become nofollow ugc noopener.

    transform, if given, may change markdown-it's tokens before they are rendered
    (discussion/mentions.py turns "@Name" into links there). Its links keep one class
    only, "mention": reader text cannot produce class attributes (raw HTML is off).
    """
    if transform is None:
        rendered = _comment_md.render(source)
    else:
        env: dict = {}
        tokens = _comment_md.parse(source, env)
        transform(tokens)
        rendered = _comment_md.renderer.render(tokens, _comment_md.options, env)
    return nh3.clean(
        rendered,
        tags=COMMENT_TAGS,
        attributes={"a": {"href"}},
        allowed_classes={"a": {"mention"}},
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


_BLOCK_TAG = re.compile(
    r"</?(?:p|br|hr|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|div|table|thead|tbody|tr|td|th|"
    r"caption|figure|figcaption)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def html_to_text(fragment: str) -> str:
    """Plain text of sanitised HTML, for search, excerpts, feeds and passage anchors.

    Block boundaries become a space; inline tags vanish without one, so the text
    matches what a browser's selection of the same words gives (`Li<em>nie</em>` is
    "Linie").
    """
    text = _TAG.sub("", _BLOCK_TAG.sub(" ", fragment))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def truncate_words(text: str, count: int) -> str:
    words = text.split()
    return text if len(words) <= count else " ".join(words[:count]) + " …"


# Characters a name never needs and that break mail headers or spoof the page:
# control characters (Cc: C0, DEL, C1 – CR, LF and TAB among them), line and
# paragraph separators (Zl, Zp: U+2028/U+2029) and any other Unicode space become a
# plain space; format characters (Cf: bidi embeddings, overrides and isolates,
# U+200E/U+200F marks, zero-width space/joiners, U+FEFF, soft hyphen, tag
# characters) and lone surrogates (Cs: not encodable as UTF-8) are dropped.
_NAME_SPACE_CATEGORIES = {"Cc", "Zl", "Zp", "Zs"}
_NAME_DROPPED_CATEGORIES = {"Cf", "Cs"}


def normalise_display_name(value: str) -> str:
    """A name as a reader typed it, safe for a page, a log line and a mail header.

    NFC (not NFKC): it joins a decomposed "u" + "¨" into "ü" so equal names compare
    equal, but keeps what the reader chose to type – typographic apostrophes, "²",
    ligatures, full-width CJK forms – where NFKC would rewrite them ("™" → "TM").
    Look-alike impersonation is moderation's business, not this function's.

    Whitespace runs collapse to one space and the ends are stripped, so a name that
    held nothing but invisible characters comes back empty: callers treat "" as a
    missing name (a form error, or a placeholder for imported data).
    """
    if not value:
        return ""
    kept = []
    for char in str(value):
        category = unicodedata.category(char)
        if category in _NAME_DROPPED_CATEGORIES:
            continue
        kept.append(" " if category in _NAME_SPACE_CATEGORIES else char)
    return " ".join(unicodedata.normalize("NFC", "".join(kept)).split())
