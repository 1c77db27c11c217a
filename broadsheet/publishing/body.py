"""An article body: Markdown with editor questions, rendered once at save.

An editor marks a passage with a question for readers by writing

    [[Der Senat will die Linie bis 2030 verlängern.|Was halten Sie von diesem Vorschlag?]]

The passage is shown highlighted; the question follows it as a link to the comment
form with that passage preselected (which works without JavaScript).
"""

import re
from dataclasses import dataclass

from django.utils.html import format_html

from broadsheet.core.text import html_to_text, render_article_markdown

# Passage and question may not contain brackets or a pipe, nor span paragraphs.
QUESTION_SYNTAX = re.compile(
    r"\[\[((?:(?!\n\s*\n)[^\[\]|]){1,1000}?)\|((?:(?!\n\s*\n)[^\[\]|]){1,300}?)\]\]"
)
# Private-use characters survive Markdown and the sanitiser as plain text.
_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{_OPEN}(\\d+){_MID}(.*?){_CLOSE}", re.DOTALL)


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


def render_body(source: str) -> RenderedBody:
    questions: dict[int, str] = {}

    def mark(match: re.Match) -> str:
        number = len(questions) + 1
        questions[number] = " ".join(match.group(2).split())
        return f"{_OPEN}{number}{_MID}{match.group(1)}{_CLOSE}"

    source = source.replace(_OPEN, "").replace(_MID, "").replace(_CLOSE, "")
    html = render_article_markdown(QUESTION_SYNTAX.sub(mark, source))
    passages: dict[int, str] = {}

    def plain(match: re.Match) -> str:
        passages[int(match.group(1))] = html_to_text(match.group(2))
        return match.group(2)

    text = html_to_text(_MARKED.sub(plain, html))

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
    return RenderedBody(html=html, text=text, questions=marked)


class _safe(str):
    """Sanitised HTML from the renderer, to be inserted as it is."""

    def __html__(self):
        return str(self)
