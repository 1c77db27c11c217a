"""Builders for small WXR documents, written for these tests (no copied exports)."""

from pathlib import Path
from xml.sax.saxutils import escape

SITE = "https://morgenpost.example"


def _cdata(value) -> str:
    return f"<![CDATA[{value}]]>"


def _meta(tag: str, meta: dict | None) -> str:
    return "".join(
        f"<wp:{tag}><wp:meta_key>{escape(k)}</wp:meta_key>"
        f"<wp:meta_value>{_cdata(v)}</wp:meta_value></wp:{tag}>"
        for k, v in (meta or {}).items()
    )


def comment(
    comment_id: int,
    *,
    parent: int = 0,
    approved: str = "1",
    type: str = "comment",  # noqa: A002 - WordPress's name
    author: str = "Leserin",
    email: str = "leserin@example.org",
    url: str = "",
    ip: str = "192.0.2.1",
    content: str = "Ein Kommentar.",
    date_gmt: str = "2021-05-01 09:00:00",
    date: str = "2021-05-01 11:00:00",
    user_id: int = 0,
    meta: dict | None = None,
) -> str:
    return (
        "<wp:comment>"
        f"<wp:comment_id>{comment_id}</wp:comment_id>"
        f"<wp:comment_author>{_cdata(author)}</wp:comment_author>"
        f"<wp:comment_author_email>{_cdata(email)}</wp:comment_author_email>"
        f"<wp:comment_author_url>{escape(url)}</wp:comment_author_url>"
        f"<wp:comment_author_IP>{_cdata(ip)}</wp:comment_author_IP>"
        f"<wp:comment_date>{_cdata(date)}</wp:comment_date>"
        f"<wp:comment_date_gmt>{_cdata(date_gmt)}</wp:comment_date_gmt>"
        f"<wp:comment_content>{_cdata(content)}</wp:comment_content>"
        f"<wp:comment_approved>{_cdata(approved)}</wp:comment_approved>"
        f"<wp:comment_type>{_cdata(type)}</wp:comment_type>"
        f"<wp:comment_parent>{parent}</wp:comment_parent>"
        f"<wp:comment_user_id>{user_id}</wp:comment_user_id>"
        f"{_meta('commentmeta', meta)}"
        "</wp:comment>"
    )


def post(
    post_id: int,
    *,
    title: str = "Ein Artikel",
    name: str | None = None,
    status: str = "publish",
    post_type: str = "post",
    content: str = "<p>Text.</p>",
    excerpt: str = "",
    date_gmt: str = "2021-05-01 08:30:00",
    date: str = "2021-05-01 10:30:00",
    creator: str = "anna",
    link: str | None = None,
    comment_status: str = "open",
    sticky: bool = False,
    password: str = "",
    parent: int = 0,
    categories: tuple = (),
    tags: tuple = (),
    meta: dict | None = None,
    comments: tuple | list = (),
) -> str:
    name = f"artikel-{post_id}" if name is None else name
    link = f"{SITE}/2021/05/01/{name}/" if link is None else link
    terms = "".join(
        f'<category domain="category" nicename="{slug}">{_cdata(slug.title())}</category>'
        for slug in categories
    ) + "".join(
        f'<category domain="post_tag" nicename="{slug}">{_cdata(slug.title())}</category>'
        for slug in tags
    )
    return (
        "<item>"
        f"<title>{escape(title)}</title>"
        f"<link>{escape(link)}</link>"
        f"<dc:creator>{_cdata(creator)}</dc:creator>"
        f"<content:encoded>{_cdata(content)}</content:encoded>"
        f"<excerpt:encoded>{_cdata(excerpt)}</excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id>"
        f"<wp:post_date>{_cdata(date)}</wp:post_date>"
        f"<wp:post_date_gmt>{_cdata(date_gmt)}</wp:post_date_gmt>"
        f"<wp:comment_status>{comment_status}</wp:comment_status>"
        f"<wp:post_name>{_cdata(name)}</wp:post_name>"
        f"<wp:status>{status}</wp:status>"
        f"<wp:post_parent>{parent}</wp:post_parent>"
        f"<wp:post_type>{post_type}</wp:post_type>"
        f"<wp:post_password>{_cdata(password)}</wp:post_password>"
        f"<wp:is_sticky>{int(sticky)}</wp:is_sticky>"
        f"{terms}{_meta('postmeta', meta)}{''.join(comments)}"
        "</item>"
    )


AUTHOR = (
    "<wp:author><wp:author_id>2</wp:author_id><wp:author_login>anna</wp:author_login>"
    "<wp:author_email>anna@morgenpost.example</wp:author_email>"
    "<wp:author_display_name><![CDATA[Anna Berger]]></wp:author_display_name></wp:author>"
)


def document(*items: str, version: str = "1.2", site: str = SITE, channel: str = AUTHOR) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/{version}/excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:wp="http://wordpress.org/export/{version}/">\n<channel>'
        f"<title>Die Morgenpost</title><link>{site}</link>"
        f"<wp:wxr_version>{version}</wp:wxr_version>"
        f"<wp:base_site_url>{site}</wp:base_site_url><wp:base_blog_url>{site}</wp:base_blog_url>"
        f"{channel}{''.join(items)}</channel></rss>\n"
    )


def write(folder: Path, text: str | bytes, name: str = "export.xml") -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path
