"""WordPress content to Broadsheet content: shortcodes, paragraphs, sanitising, slugs.

Pure functions over strings (they use the project's allow-lists, never the database).
The article body comes out as sanitised HTML laid out so that the Markdown renderer
that Article.save() runs passes it through unchanged: see as_markdown_source().
"""

import html
import re
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import unquote

import nh3

from broadsheet.core.text import COMMENT_TAGS, URL_SCHEMES, html_to_text, sanitize_article_html
from broadsheet.publishing.body import render_body
from broadsheet.publishing.slugs import german_slugify

# Private-use characters: they survive sanitising and never occur in real content.
_OPEN, _CLOSE = "\ue000", "\ue001"
_ESC_OPEN, _ESC_CLOSE = "\ue002", "\ue003"
_PRE = "\ue004"

# Shortcodes that WordPress core and common plugins register, recognised even when
# they carry no attributes; other bracketed words ("[sic]", "[1]") stay text.
KNOWN_SHORTCODES = {
    "gallery", "audio", "video", "playlist", "embed", "wp_caption", "caption",
    "contact-form-7", "contact-form", "wpforms", "gravityform", "ninja_form", "ad",
    "adsense", "wpdiscuz_comments", "wpdiscuz-feedback", "toc", "vc_row", "vc_column",
    "vc_column_text", "et_pb_section", "su_box", "soundcloud", "youtube", "tweet",
}  # fmt: skip
_ESCAPED = re.compile(r"\[\[([a-zA-Z][\w-]*[^\[\]]*)\]\]")
_ENCLOSING = re.compile(r"\[([a-zA-Z][\w-]*)((?:\s[^\]]*)?)\](.*?)\[/\1\]", re.S)
_SINGLE = re.compile(r"\[([a-zA-Z][\w-]*)((?:\s[^\]]*?)?)\s*/?\]")
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"\]]+)"""
)
_FEEDBACK = re.compile(r"\[wpdiscuz-feedback((?:\s[^\]]*)?)\](.*?)\[/wpdiscuz-feedback\]", re.S)
_CAPTION = re.compile(r"\[(caption|wp_caption)((?:\s[^\]]*)?)\](.*?)\[/\1\]", re.S)
_CAPTION_IMAGE = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.S | re.I)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_PRE_BLOCK = re.compile(r"<pre\b.*?</pre>", re.S | re.I)
_BLOCK_TAGS = (
    "p|div|h[1-6]|blockquote|figure|figcaption|ul|ol|li|dl|dt|dd|table|thead|tbody|tfoot"
    "|tr|td|th|caption|hr|pre|section|article|aside|header|footer|address|details|summary"
)
_BLOCK_OPEN = re.compile(rf"(<(?:{_BLOCK_TAGS})\b[^>]*>)", re.I)
_BLOCK_CLOSE = re.compile(rf"(</(?:{_BLOCK_TAGS})>)", re.I)
_STARTS_BLOCK = re.compile(rf"^(?:</?(?:{_BLOCK_TAGS})\b|{_PRE})", re.I)
_BLANK_LINES = re.compile(r"\n\s*\n")
_EMPTY_PARAGRAPH = re.compile(r"<p>(?:\s|<br>)*</p>\n?")
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp)$", re.I)
# Tags that open a CommonMark HTML block of type 6 (ended only by a blank line).
_RAW_BLOCK_START = re.compile(r"<(?:p|h[2-6]|figure|blockquote|ul|ol|dl|table|hr)[\s/>]")
_NEEDS_SANITISER = re.compile("[<&\xa0\r\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff]")
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')


def shortcode_attributes(raw: str) -> dict[str, str]:
    attributes = {}
    for match in _ATTRIBUTE.finditer(raw or ""):
        name = match.group(1) or match.group(3) or match.group(5)
        value = next(v for v in (match.group(2), match.group(4), match.group(6)) if v is not None)
        attributes[name.lower()] = html.unescape(value)
    return attributes


@dataclass
class FeedbackPassage:
    """A wpDiscuz inline-feedback passage, located in the article's plain text."""

    wp_form_id: str
    question: str
    opened: bool
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    position: int = 0


@dataclass
class ConvertedBody:
    source: str  # what goes into Article.body / Page.body
    html: str  # what the page will show
    shortcodes: Counter = field(default_factory=Counter)
    feedback: list[FeedbackPassage] = field(default_factory=list)
    external_images: list[str] = field(default_factory=list)
    links_rewritten: int = 0


def _caption_to_figure(match: re.Match) -> str:
    attributes = shortcode_attributes(match.group(2))
    inner = match.group(3)
    found = _CAPTION_IMAGE.match(inner)
    image, caption = (found.group(1), found.group(2)) if found else ("", inner)
    caption = attributes.get("caption") or caption.strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image}{figcaption}</figure>\n\n"


def replace_shortcodes(raw: str, feedback: list[FeedbackPassage], counts: Counter) -> str:
    """Captions become figures, feedback passages keep their text, the rest is removed.

    Enclosing shortcodes keep what they enclose (it is the author's text); the tags
    themselves are counted by name in counts. "[[gallery]]" is WordPress's escape for
    a literal "[gallery]" and stays as that text.
    """
    text = _ESCAPED.sub(lambda m: f"{_ESC_OPEN}{m.group(1)}{_ESC_CLOSE}", raw)

    def feedback_passage(match: re.Match) -> str:
        attributes = shortcode_attributes(match.group(1))
        feedback.append(
            FeedbackPassage(
                wp_form_id=attributes.get("id", "")[:64],
                question=attributes.get("question", ""),
                opened=attributes.get("opened", "0") not in ("0", "", "false"),
            )
        )
        return f"{_OPEN}{match.group(2)}{_CLOSE}"

    text = _FEEDBACK.sub(feedback_passage, text)
    text, captions = _CAPTION.subn(_caption_to_figure, text)
    if captions:
        counts["caption → figure"] += captions

    def drop_enclosing(match: re.Match) -> str:
        counts[match.group(1)] += 1
        return match.group(3)

    for _pass in range(5):  # nested shortcodes of different names, outermost first
        text, found = _ENCLOSING.subn(drop_enclosing, text)
        if not found:
            break

    def drop_single(match: re.Match) -> str:
        name = match.group(1)
        if name.lower() in KNOWN_SHORTCODES or "=" in (match.group(2) or ""):
            counts[name] += 1
            return ""
        return match.group(0)

    text = _SINGLE.sub(drop_single, text)
    return text.replace(_ESC_OPEN, "[").replace(_ESC_CLOSE, "]")


def autop(text: str) -> str:
    """Wrap loose text in paragraphs, as WordPress's wpautop does when it displays a post.

    Blank lines separate paragraphs, single line breaks become <br>; block-level
    elements are left alone, and <pre> is never touched.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[str] = []

    def keep_pre(match: re.Match) -> str:
        blocks.append(match.group(0))
        return f"\n\n{_PRE}{len(blocks) - 1}{_PRE}\n\n"

    text = _PRE_BLOCK.sub(keep_pre, text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    chunks = []
    for chunk in _BLANK_LINES.split(text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if _STARTS_BLOCK.match(chunk):
            chunks.append(chunk)
        else:
            chunks.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    result = "\n".join(chunks)
    return re.sub(f"{_PRE}([0-9]+){_PRE}", lambda m: blocks[int(m.group(1))], result)


def _rewrite_links(fragment: str, site_prefixes: tuple[str, ...], image_url) -> tuple[str, int]:
    """Links to the old site become root-relative, so they reach the old-URL redirects.

    Links to an uploaded picture (a caption's "full size" link) follow the picture.
    """
    count = 0

    def relative(match: re.Match) -> str:
        nonlocal count
        url = html.unescape(match.group(2))
        if image_url and _IMAGE_FILE.search(url.split("?")[0]):
            new = image_url(url)
            if new is not None:
                return f"{match.group(1)}{html.escape(new, quote=True)}{match.group(3)}"
        for prefix in site_prefixes:
            if url.lower().startswith(prefix) and not url[len(prefix) :].startswith("/wp-content/"):
                rest = url[len(prefix) :]
                if rest == "" or rest[0] in "/?#":
                    count += 1
                    new = rest if rest.startswith("/") else f"/{rest}"
                    return f"{match.group(1)}{html.escape(new, quote=True)}{match.group(3)}"
        return match.group(0)

    return _HREF.sub(relative, fragment), count


def _rewrite_images(fragment: str, image_url) -> tuple[str, list[str]]:
    external: list[str] = []

    def replace(match: re.Match) -> str:
        url = html.unescape(match.group(2))
        new = image_url(url) if image_url else None
        if new is None:
            if url.startswith(("http://", "https://", "//")):
                external.append(url)
            return match.group(0)
        return f"{match.group(1)}{html.escape(new, quote=True)}{match.group(3)}"

    return _SRC.sub(replace, fragment), external


def _locate_feedback(fragment: str, passages: list[FeedbackPassage]) -> str:
    """Fill in each passage's TextQuoteSelector from the marked-up text, drop the marks."""
    text = html_to_text(fragment)
    clean: list[str] = []
    starts: list[int] = []
    index = 0
    for char in text:
        if char == _OPEN:
            starts.append(len(clean))
        elif char == _CLOSE:
            if index < len(passages) and starts:
                start = starts.pop()
                plain = "".join(clean)
                passage = passages[index]
                passage.exact = plain[start:].strip()
                passage.position = start
                passage.prefix = plain[max(0, start - 32) : start]
                index += 1
        else:
            clean.append(char)
    plain = "".join(clean)
    for passage in passages:
        end = passage.position + len(passage.exact)
        passage.suffix = plain[end : end + 32]
    return fragment  # the marks stay until mark_questions() has placed the questions


def question_text(question: str) -> str:
    """A wpDiscuz question as an editor question: one line, without [ ] | (the syntax)."""
    cleaned = question.replace("|", "/").replace("[", "(").replace("]", ")")
    return " ".join(cleaned.split())[:300]


_MARKED = re.compile(f"{_OPEN}(.*?){_CLOSE}", re.DOTALL)
_NOT_IN_PASSAGE = re.compile(r"[\[\]|]|\n\s*\n")


def mark_questions(source: str, passages: list[FeedbackPassage]) -> str:
    """Turn each marked passage with a question into the editor syntax [[passage|question]].

    A passage that cannot be written that way (no question, or brackets in it) keeps
    its text without a mark; its comments are still attached to it as a quote.
    """
    questions = iter(passages)

    def replace(match: re.Match) -> str:
        passage = next(questions, None)
        inner = match.group(1)
        question = question_text(passage.question) if passage else ""
        if not question or not inner.strip() or _NOT_IN_PASSAGE.search(inner):
            return inner
        return f"[[{inner}|{question}]]"

    return _MARKED.sub(replace, source)


def as_markdown_source(fragment: str) -> str:
    """Lay sanitised HTML out so that the Markdown renderer passes it through untouched.

    CommonMark treats a block that starts with a block-level tag as raw HTML up to
    the next blank line. So a body that starts with such a tag and has no blank line
    (newlines inside <pre> become "&#10;") is one raw block: "1. Mai" stays a
    sentence, not a list, and "*" stays an asterisk. Where the body starts otherwise,
    a <div> line opens the raw block; the sanitiser drops the <div> itself. "[["
    is written as "&#91;[" so that no imported text turns into an editor question.
    """
    fragment = _PRE_BLOCK.sub(lambda m: m.group(0).replace("\n", "&#10;"), fragment)
    fragment = _BLANK_LINES.sub("\n", fragment).strip().replace("[[", "&#91;[")
    if not fragment or _RAW_BLOCK_START.match(fragment):
        return fragment
    return f"<div>\n{fragment}\n</div>"


def convert_body(raw: str, *, site_prefixes: tuple[str, ...] = (), image_url=None) -> ConvertedBody:
    """Convert a post's content:encoded to Broadsheet's body.

    image_url(url) returns the new address of an image (or None to keep it);
    site_prefixes are the old site's URL prefixes ("https://example.org"), lowercase.
    """
    counts: Counter = Counter()
    feedback: list[FeedbackPassage] = []
    text = _HTML_COMMENT.sub("", raw or "")
    text = replace_shortcodes(text, feedback, counts)
    # <h1> is the page's headline; inside the body it becomes the next level down.
    text = re.sub(r"<(/?)h1\b", r"<\1h2", text, flags=re.I)
    fragment = _EMPTY_PARAGRAPH.sub("", sanitize_article_html(autop(text)))
    fragment, external = _rewrite_images(fragment, image_url)
    fragment, rewritten = _rewrite_links(fragment, site_prefixes, image_url)
    if feedback:
        fragment = _locate_feedback(fragment, feedback)
    source = as_markdown_source(fragment)
    if feedback:
        source = mark_questions(source, feedback)
    return ConvertedBody(
        source=source,
        html=render_body(source).html,
        shortcodes=counts,
        feedback=feedback,
        external_images=external,
        links_rewritten=rewritten,
    )


def comment_html(raw: str) -> str:
    """A WordPress comment as Broadsheet shows comments: reader allow-list, nofollow links.

    Plain text (most comments) takes a shortcut that produces what the sanitiser would:
    paragraphs and line breaks around text with ">" escaped.
    """
    raw = raw or ""
    if not _NEEDS_SANITISER.search(raw):
        paragraphs = [p.strip() for p in _BLANK_LINES.split(raw.replace("\r\n", "\n"))]
        return "\n".join(
            "<p>" + re.sub(r"\s*\n\s*", "<br>\n", p.replace(">", "&gt;")) + "</p>"
            for p in paragraphs
            if p
        )
    return nh3.clean(
        autop(_HTML_COMMENT.sub("", raw or "")),
        tags=COMMENT_TAGS | {"br"},
        attributes={"a": {"href"}},
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


def plain_text(raw: str) -> str:
    """Titles and excerpts: WordPress stores them as HTML; we store text."""
    return html_to_text(sanitize_article_html(raw or ""))


def make_slug(value: str, max_length: int) -> str:
    """An ASCII slug; German umlauts are spelt out ("über" → "ueber"), not dropped."""
    return german_slugify(unquote(value or ""), max_length)


def wp_nicename(login: str) -> str:
    """WordPress's user_nicename for a login (sanitize_title): the old /author/ slug."""
    value = (login or "").lower().replace(".", "-").replace("@", "")
    value = re.sub(r"[^a-z0-9 _-]", "", value)
    value = re.sub(r"\s+", "-", value)
    return re.sub(r"-+", "-", value).strip("-")[:50]


def initials(name: str) -> str:
    """ "Anna Berger" → "ab", "Marie Curie-Skłodowska" → "mc": first and last name."""
    letters = [
        next(c for c in word if c.isalpha())
        for word in (name or "").split()
        if any(c.isalpha() for c in word)
    ]
    if not letters:
        return ""
    return (letters[0] if len(letters) == 1 else letters[0] + letters[-1]).lower()
