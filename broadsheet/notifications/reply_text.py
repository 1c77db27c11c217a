"""The new text of an e-mail reply: what the reader wrote above the quoted notification.

Mail clients quote the message they answer ("> " lines, "Am … schrieb …:" or
"On … wrote:" headers, Outlook's "-----Original Message-----" and "Von: … Gesendet: …"
blocks) and append signatures ("-- ", "Gesendet von meinem iPhone"). The heavy lifting
is mail-parser-reply's (maintained, with German and English rules); what it leaves
(quoted lines inside the text, a bare "-- " signature) is removed here.

HTML-only mail is turned into plain text first, element by element with the standard
library's parser: blockquotes (the quoted original), scripts and styles are dropped,
no markup survives. The text then goes through the same Markdown rendering and nh3
allow-list as a comment typed into the web form.
"""

import re
from html.parser import HTMLParser

from mailparser_reply import EmailReplyParser

LANGUAGES = ["de", "en"]
_SIGNATURE_DELIMITER = re.compile(r"^-- ?$")
_SENT_FROM = re.compile(
    r"^(Gesendet (von|mit) (meinem|meiner) .*|Sent from my .*|Von meinem .* gesendet\.?)$",
    re.IGNORECASE,
)
_QUOTE_HEADER = re.compile(
    r"^(Am .+ schrieb .+:|On .+ wrote:|-+ ?(Original Message|Ursprüngliche Nachricht) ?-+)$",
    re.IGNORECASE,
)


def reply_text(text: str) -> str:
    """The reply without quoted text and signatures; "" if nothing new is left."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parsed = EmailReplyParser(languages=LANGUAGES).read(text)
    body = parsed.replies[0].body if parsed.replies else text
    kept = []
    for line in body.split("\n"):
        stripped = line.strip()
        if _SIGNATURE_DELIMITER.match(line) or _QUOTE_HEADER.match(stripped):
            break  # what follows is a signature or the quoted original
        if _SENT_FROM.match(stripped):
            continue
        if stripped.startswith(">"):
            continue
        kept.append(line.rstrip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


_BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
    "pre", "hr", "section", "article", "header", "footer",
}  # fmt: skip
_DROPPED = {"script", "style", "head", "title", "blockquote", "template", "noscript"}


class _TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROPPED:
            self.dropped += 1
        elif tag in _BLOCKS and not self.dropped:
            self.parts.append("\n\n" if tag == "p" else "\n")

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCKS and not self.dropped:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in _DROPPED:
            self.dropped = max(0, self.dropped - 1)
        elif tag in _BLOCKS and not self.dropped:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.dropped:
            self.parts.append(re.sub(r"[ \t\r\n\xa0]+", " ", data))


def html_to_text(html: str) -> str:
    """Plain text of an HTML mail part: no tags, no quoted blockquotes, no scripts."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
