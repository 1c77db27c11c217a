"""A streaming reader for WordPress eXtended RSS (WXR) 1.0, 1.1 and 1.2.

Pure: no Django, no database. iter_wxr() yields a Channel first, then authors, terms
and items in file order. lxml's iterparse reads the file in chunks and every element
is cleared once it has been turned into a plain dataclass, so memory stays flat
whatever the size of the export.

Hostile input is refused, never half-read: the parser never loads a DTD, never
touches the network and never expands entities, and any document that declares a
DTD at all is rejected (WordPress never writes one), which stops entity-expansion
bombs and external entities before their first use.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")
WP_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/([0-9.]+)/$")
EXCERPT_NAMESPACE = re.compile(r"^https?://wordpress\.org/export/([0-9.]+)/excerpt/$")
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
# The WXR namespaces WordPress has written, for the channel-level elements we read.
# Listing them (rather than "{*}category") keeps the items' own <category>, <title>
# and <link> out of the event stream: libxml2 skips them without a Python object.
_WP_URIS = [
    f"{scheme}://wordpress.org/export/{v}/"
    for scheme in ("http", "https")
    for v in SUPPORTED_VERSIONS
]
_CHANNEL_TAGS = (
    "rss", "channel", "item", "{*}wxr_version",
    *(f"{{{uri}}}{name}" for uri in _WP_URIS for name in (
        "base_site_url", "base_blog_url", "author", "category", "tag", "term",
    )),
)  # fmt: skip


class WxrError(Exception):
    """The file cannot be imported; the message is one line for the operator."""


@dataclass(frozen=True)
class Channel:
    version: str
    title: str
    link: str
    base_site_url: str
    base_blog_url: str
    language: str


@dataclass
class WxrAuthor:
    wp_id: str
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str


@dataclass
class WxrTerm:
    taxonomy: str  # "category", "post_tag" or a custom taxonomy
    term_id: str
    slug: str
    name: str
    parent_slug: str
    description: str


@dataclass
class WxrComment:
    wp_id: str
    author: str
    author_email: str
    author_url: str
    author_ip: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str
    parent: str
    user_id: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class WxrItem:
    title: str = ""
    link: str = ""
    creator: str = ""
    guid: str = ""
    content: str = ""
    excerpt: str = ""
    wp_id: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified_gmt: str = ""
    comment_status: str = ""
    post_name: str = ""
    status: str = ""
    post_parent: str = ""
    menu_order: str = ""
    post_type: str = ""
    post_password: str = ""
    is_sticky: str = ""
    attachment_url: str = ""
    # (taxonomy, slug, name); taxonomy "" for WXR 1.0's plain <category>name</category>
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[WxrComment] = field(default_factory=list)
    position: int = 0  # 1-based index among the file's items, for reports


def _text(element) -> str:
    return (element.text or "").strip() if element is not None else ""


def _raw(element) -> str:
    return element.text or "" if element is not None else ""


class _Reader:
    def __init__(self):
        self.wp = ""
        self.excerpt = ""
        self.header: dict[str, str] = {}
        self.channel: Channel | None = None
        self.items = 0
        self._local_names: dict = {}

    def namespaces(self, element) -> None:
        for uri in element.nsmap.values():
            if WP_NAMESPACE.match(uri or ""):
                self.wp = uri
            elif EXCERPT_NAMESPACE.match(uri or ""):
                self.excerpt = uri

    def wp_tag(self, name: str) -> str:
        return f"{{{self.wp}}}{name}"

    def read_header(self, channel) -> None:
        """Title, link and language: read before the channel's first children are dropped."""
        if "title" not in self.header and channel is not None:
            for name in ("title", "link", "language"):
                self.header[name] = _text(channel.find(name))

    def make_channel(self) -> Channel:
        if not self.wp or "wxr_version" not in self.header:
            raise WxrError(
                "not a WordPress export: no <wp:wxr_version> in the channel "
                "(export the site with Tools → Export in WordPress)"
            )
        version = self.header["wxr_version"]
        if version not in SUPPORTED_VERSIONS:
            raise WxrError(
                f"unsupported WXR version {version[:20]!r}; "
                f"supported are {', '.join(SUPPORTED_VERSIONS)}"
            )
        self.channel = Channel(
            version=version,
            title=self.header.get("title", ""),
            link=self.header.get("link", ""),
            base_site_url=self.header.get("base_site_url", ""),
            base_blog_url=self.header.get("base_blog_url", ""),
            language=self.header.get("language", ""),
        )
        return self.channel

    def author(self, element) -> WxrAuthor:
        values = {etree.QName(child).localname: _raw(child) for child in element}
        return WxrAuthor(
            wp_id=values.get("author_id", "").strip(),
            login=values.get("author_login", "").strip(),
            email=values.get("author_email", "").strip(),
            display_name=values.get("author_display_name", "").strip(),
            first_name=values.get("author_first_name", "").strip(),
            last_name=values.get("author_last_name", "").strip(),
        )

    def term(self, element, kind: str) -> WxrTerm:
        values = {etree.QName(child).localname: _raw(child) for child in element}
        if kind == "category":
            return WxrTerm(
                taxonomy="category",
                term_id=values.get("term_id", "").strip(),
                slug=values.get("category_nicename", "").strip(),
                name=values.get("cat_name", "").strip(),
                parent_slug=values.get("category_parent", "").strip(),
                description=values.get("category_description", "").strip(),
            )
        if kind == "tag":
            return WxrTerm(
                taxonomy="post_tag",
                term_id=values.get("term_id", "").strip(),
                slug=values.get("tag_slug", "").strip(),
                name=values.get("tag_name", "").strip(),
                parent_slug="",
                description=values.get("tag_description", "").strip(),
            )
        return WxrTerm(
            taxonomy=values.get("term_taxonomy", "").strip(),
            term_id=values.get("term_id", "").strip(),
            slug=values.get("term_slug", "").strip(),
            name=values.get("term_name", "").strip(),
            parent_slug=values.get("term_parent", "").strip(),
            description=values.get("term_description", "").strip(),
        )

    def item(self, element) -> WxrItem:
        self.items += 1
        item = WxrItem(position=self.items)
        wp = f"{{{self.wp}}}"
        for child in element:
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag.startswith(wp):
                name = tag[len(wp) :]
                if name == "postmeta":
                    key, value = self._meta(child)
                    if key:
                        item.meta[key] = value
                elif name == "comment":
                    item.comments.append(self.comment(child))
                elif name == "post_id":
                    item.wp_id = _text(child)
                elif name in _ITEM_WP_FIELDS:
                    setattr(item, _ITEM_WP_FIELDS[name], _text(child))
            elif tag == "title":
                item.title = _raw(child)
            elif tag == "link":
                item.link = _text(child)
            elif tag == "guid":
                item.guid = _text(child)
            elif tag == "category":
                item.terms.append(
                    (child.get("domain", ""), child.get("nicename", ""), _text(child))
                )
            elif tag == f"{{{CONTENT_NS}}}encoded":
                item.content = _raw(child)
            elif tag == f"{{{DC_NS}}}creator":
                item.creator = _text(child)
            elif self.excerpt and tag == f"{{{self.excerpt}}}encoded":
                item.excerpt = _raw(child)
        return item

    def _meta(self, element) -> tuple[str, str]:
        key = value = ""
        for child in element:
            name = self._local(child.tag)
            if name == "meta_key":
                key = _text(child)
            elif name == "meta_value":
                value = _raw(child)
        return key, value

    def _local(self, tag) -> str:
        """The local name of a tag; cached, since an export uses a few dozen tags."""
        name = self._local_names.get(tag)
        if name is None:
            name = etree.QName(tag).localname if isinstance(tag, str) else ""
            self._local_names[tag] = name
        return name

    def comment(self, element) -> WxrComment:
        values = dict.fromkeys(_COMMENT_FIELDS.values(), "")
        meta: dict[str, str] = {}
        for child in element:
            name = self._local(child.tag)
            field_name = _COMMENT_FIELDS.get(name)
            if field_name == "content":
                values["content"] = child.text or ""
            elif field_name is not None:
                values[field_name] = (child.text or "").strip()
            elif name == "commentmeta":
                key, value = self._meta(child)
                if key:
                    meta[key] = value
        return WxrComment(**values, meta=meta)


_COMMENT_FIELDS = {
    "comment_id": "wp_id",
    "comment_author": "author",
    "comment_author_email": "author_email",
    "comment_author_url": "author_url",
    "comment_author_IP": "author_ip",
    "comment_date": "date",
    "comment_date_gmt": "date_gmt",
    "comment_content": "content",
    "comment_approved": "approved",
    "comment_type": "type",
    "comment_parent": "parent",
    "comment_user_id": "user_id",
}
_ITEM_WP_FIELDS = {
    "post_date": "post_date",
    "post_date_gmt": "post_date_gmt",
    "post_modified_gmt": "post_modified_gmt",
    "comment_status": "comment_status",
    "post_name": "post_name",
    "status": "status",
    "post_parent": "post_parent",
    "menu_order": "menu_order",
    "post_type": "post_type",
    "post_password": "post_password",
    "is_sticky": "is_sticky",
    "attachment_url": "attachment_url",
}


class _Source:
    """The input, read in chunks, with a count of lines: to tell a cut-off file."""

    def __init__(self, raw):
        self.raw = raw
        self.lines = 1
        self.at_end = False

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        if not chunk:
            self.at_end = True
        self.lines += chunk.count(b"\n")
        return chunk


def _syntax_error(exc: etree.XMLSyntaxError, reader: _Reader, source: _Source) -> WxrError:
    line = f"line {exc.lineno}" if exc.lineno else "the start"
    code = exc.code
    types = etree.ErrorTypes
    message = exc.msg.split(", line")[0].split("\n")[0]
    if code in (types.ERR_INVALID_ENCODING, types.ERR_INVALID_CHAR, types.ERR_UNKNOWN_ENCODING):
        return WxrError(f"invalid UTF-8 (or an invalid character) at {line}")
    if code == types.ERR_ENTITY_LOOP or "amplification" in exc.msg:
        return WxrError(f"entity expansion refused at {line} (possible entity bomb)")
    if reader.channel is None and reader.wp == "" and exc.lineno <= 1:
        return WxrError(f"not an XML file ({message})")
    if code != types.ERR_DOCUMENT_END and source.at_end and exc.lineno >= source.lines:
        return WxrError(f"the file ends in the middle of the export at {line} (truncated?)")
    return WxrError(f"not well-formed XML at {line}: {message}")


def iter_wxr(source: BinaryIO | str) -> Iterator[Channel | WxrAuthor | WxrTerm | WxrItem]:
    """Yield the Channel, then authors, terms and items; raise WxrError on bad input.

    source is a path or a binary file object. Errors can come after items have been
    yielded (a truncated file is only noticed at its end): callers that write must do
    so in a transaction they can roll back.
    """
    reader = _Reader()
    opened = open(source, "rb") if isinstance(source, str) else None  # noqa: SIM115
    counted = _Source(opened or source)
    try:
        yield from _events(counted, reader)
    finally:
        if opened is not None:
            opened.close()


def _events(source: _Source, reader: _Reader):
    context = etree.iterparse(
        source,
        events=("start", "end"),
        tag=_CHANNEL_TAGS,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    depth = 0
    try:
        for event, element in context:
            if event == "start":
                parent = element.getparent()
                if parent is None:
                    _check_root(element, reader)
                    depth = 1
                elif element.tag == "channel" and parent.getparent() is None:
                    reader.namespaces(element)
                    depth = 2
                continue
            parent = element.getparent()
            if parent is None or parent.tag != "channel" or parent.getparent() is None:
                if parent is None and reader.channel is None:
                    reader.read_header(element.find("channel"))
                    yield reader.make_channel()
                continue
            # A direct child of <channel> has ended.
            reader.read_header(parent)
            tag = element.tag
            if tag == "item" or (reader.wp and tag.startswith(f"{{{reader.wp}}}")):
                name = tag if tag == "item" else tag[len(reader.wp) + 2 :]
                if name in ("wxr_version", "base_site_url", "base_blog_url"):
                    reader.header[name] = _text(element)
                else:
                    if reader.channel is None:
                        yield reader.make_channel()
                    if name == "item":
                        yield reader.item(element)
                    elif name == "author":
                        yield reader.author(element)
                    elif name in ("category", "tag", "term"):
                        yield reader.term(element, name)
            # Drop what has been read: the element and every earlier sibling.
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, reader, source) from None
    if depth == 0:
        raise WxrError("not a WordPress export: the file has no <rss> element")
    if reader.channel is None:
        yield reader.make_channel()


def _check_root(root, reader: _Reader) -> None:
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.externalDTD is not None or docinfo.doctype:
        raise WxrError(
            "the file declares a DTD (<!DOCTYPE …>), which WordPress exports never do; "
            "refused to rule out entity-expansion bombs and external entities"
        )
    if root.tag != "rss":
        name = etree.QName(root).localname
        raise WxrError(f"not a WordPress export: the root element is <{name}>, not <rss>")
    reader.namespaces(root)
