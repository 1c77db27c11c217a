"""An article body: Markdown with editor questions, rendered once at save.

An editor marks a passage with a question for readers by writing

    [[Der Senat will die Linie bis 2030 verlängern.|Was halten Sie von diesem Vorschlag?]]

The passage is shown highlighted; the question follows it as a link to the comment
form with that passage preselected (which works without JavaScript).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext

from broadsheet.core.text import html_to_text, render_article_markdown

# Passage and question may not contain brackets or a pipe, nor span paragraphs.
QUESTION_SYNTAX = re.compile(
    r"\[\[((?:(?!\n\s*\n)[^\[\]|]){1,1000}?)\|((?:(?!\n\s*\n)[^\[\]|]){1,300}?)\]\]"
)
# Private-use characters survive Markdown and the sanitiser as plain text.
_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{_OPEN}(\\d+){_MID}(.*?){_CLOSE}", re.DOTALL)

# A line of its own: up to three spaces of indent (more is a code block), no brackets in
# the alt text, an id of at most nine digits (a longer one is no id: nothing is looked up).
IMAGE_SYNTAX = re.compile(
    r"^[ ]{0,3}!\[([^\[\]\n]{0,300})\]\(image:(\d{1,9})\)[ \t]*$", re.MULTILINE
)
_IMAGE, _IMAGE_END = "\ue003", "\ue004"
_IMAGE_MARKED = re.compile(f"(<p>)?{_IMAGE}(\\d+){_IMAGE_END}(</p>)?")
_PRIVATE = str.maketrans("", "", _OPEN + _MID + _CLOSE + _IMAGE + _IMAGE_END)


@dataclass(frozen=True)
class MarkedQuestion:
    number: int
    passage: str  # as displayed: plain text after typography
    question: str


@dataclass(frozen=True)
class RenderedBody:
    html: str
    text: str
    questions: list[MarkedQuestion]
    missing_images: tuple[int, ...] = ()  # ids in the text the library does not have


def render_body(source: str) -> RenderedBody:
    questions: dict[int, str] = {}

    def mark(match: re.Match) -> str:
        number = len(questions) + 1
        questions[number] = " ".join(match.group(2).split())
        return f"{_OPEN}{number}{_MID}{match.group(1)}{_CLOSE}"

    # Forms send CRLF (multipart bodies always do); the image lines end at "\n".
    source = source.translate(_PRIVATE).replace("\r\n", "\n").replace("\r", "\n")
    pictures: list[tuple[int, str, str]] = []  # (id, alt text, source line)

    def picture(match: re.Match) -> str:
        pictures.append((int(match.group(2)), match.group(1).strip(), match.group(0).strip()))
        # A paragraph of its own, whatever surrounds it.
        return f"\n\n{_IMAGE}{len(pictures) - 1}{_IMAGE_END}\n\n"

    source = IMAGE_SYNTAX.sub(picture, source)
    html = render_article_markdown(QUESTION_SYNTAX.sub(mark, source))
    passages: dict[int, str] = {}

    def plain(match: re.Match) -> str:
        passages[int(match.group(1))] = html_to_text(match.group(2))
        return match.group(2)

    # Captions and credits are not the article's words (the editor's word count).
    text = html_to_text(_IMAGE_MARKED.sub("", _MARKED.sub(plain, html)))
    html, missing = _place_pictures(html, pictures)

    def decorate(match: re.Match) -> str:
        number = int(match.group(1))
        return format_html(
            '<mark class="editor-question" id="frage-{n}" data-question="{n}">{passage}</mark>'
            '<a class="editor-question__ask" href="?question={n}#respond" data-ask="{n}" data-anchor-ignore>'
            '{question}<span class="editor-question__count" data-count="{n}"></span></a>',
            n=number,
            passage=_safe(match.group(2)),
            question=questions[number],
        )

    html = _MARKED.sub(decorate, html)
    marked = [
        MarkedQuestion(n, passages.get(n, ""), q) for n, q in questions.items() if n in passages
    ]
    return RenderedBody(html=html, text=text, questions=marked, missing_images=missing)


def _place_pictures(html: str, pictures: list[tuple[int, str, str]]) -> tuple[str, tuple]:
    """Figures for the marked lines: one query for all of them, none without any."""
    if not pictures:
        return html, ()
    from .models import Image

    images = Image.objects.in_bulk({pk for pk, _alt, _line in pictures})
    missing = tuple(sorted({pk for pk, _alt, _line in pictures if pk not in images}))

    def place(match: re.Match) -> str:
        pk, alt, line = pictures[int(match.group(2))]
        if not (match.group(1) and match.group(3)):
            # Inside a code block or the like: shown as it was typed.
            return format_html("{}{}{}", match.group(1) or "", line, match.group(3) or "")
        image = images.get(pk)
        return "" if image is None else _figure(image, alt)

    with translation.override(settings.LANGUAGE_CODE):
        return _IMAGE_MARKED.sub(place, html), missing


def _figure(image, alt: str) -> str:
    from .templatetags.publishing import image_credit

    caption = format_html('<span class="caption">{}</span>', image.caption) if image.caption else ""
    if image.credit_text:
        caption = format_html(
            '{}{}<span class="credit">{}: {}</span>',
            caption,
            " " if caption else "",
            gettext("Image source"),
            image_credit(image),
        )
    return format_html(
        '<figure class="article__image body-image"><img src="{src}" alt="{alt}" width="{w}" height="{h}"'
        ' loading="lazy">{caption}</figure>',
        src=image.file.url,
        alt=alt or image.alt_text,
        w=image.width,
        h=image.height,
        caption=format_html("<figcaption>{}</figcaption>", caption) if caption else "",
    )


class _safe(str):
    """Sanitised HTML from the renderer, to be inserted as it is."""

    def __html__(self):
        return str(self)
