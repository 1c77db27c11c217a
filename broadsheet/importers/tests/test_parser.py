"""The WXR reader: versions, namespaces, streaming, and every kind of bad input."""

import io
import subprocess
import sys
import time
import tracemalloc

import pytest

from broadsheet.importers.parser import Channel, WxrAuthor, WxrError, WxrItem, WxrTerm, iter_wxr

from . import wxr
from .conftest import FIXTURES


def events(data: bytes | str):
    source = io.BytesIO(data.encode() if isinstance(data, str) else data)
    return list(iter_wxr(source))


def test_it_reads_wxr_1_2_with_authors_terms_items_comments_and_meta(morgenpost):
    parsed = list(iter_wxr(str(morgenpost)))
    channel = parsed[0]
    assert isinstance(channel, Channel)
    assert (channel.version, channel.base_site_url) == ("1.2", "https://morgenpost.example")
    authors = [e for e in parsed if isinstance(e, WxrAuthor)]
    assert [(a.wp_id, a.login, a.display_name) for a in authors] == [
        ("2", "anna", "Anna Berger"),
        ("3", "j.oelmann", "Jens Ölmann"),
    ]
    terms = [e for e in parsed if isinstance(e, WxrTerm)]
    assert (
        terms[0].taxonomy, terms[0].slug, terms[0].parent_slug
    ) == ("category", "international", "politik")  # fmt: skip
    item = next(e for e in parsed if isinstance(e, WxrItem) and e.wp_id == "101")
    assert item.title == "Gipfel in Wien: Einigung &amp; Streit"
    assert item.excerpt == "Die Minister <em>einigen</em> sich."
    assert item.meta["wpdiscuz_post_rating"] == "4.5"
    assert ("post_tag", "klima", "Klima") in item.terms
    assert len(item.comments) == 11
    first = item.comments[0]
    assert (first.wp_id, first.author_ip, first.approved) == ("1001", "192.0.2.44", "1")
    assert first.meta["wpdiscuz_votes_seperate"].startswith("a:2:")
    assert first.content.startswith("Endlich eine Einigung!\nZweite Zeile.")


def test_it_reads_wxr_1_0_without_author_list_or_term_ids():
    parsed = list(iter_wxr(str(FIXTURES / "altes-blog-wxr-1.0.xml")))
    assert parsed[0].version == "1.0"
    assert not [e for e in parsed if isinstance(e, WxrAuthor)]
    categories = [e for e in parsed if isinstance(e, WxrTerm) and e.taxonomy == "category"]
    assert [(c.term_id, c.slug, c.parent_slug) for c in categories] == [
        ("", "lokales", ""),
        ("", "stadtrat", "lokales"),
    ]
    item = next(e for e in parsed if isinstance(e, WxrItem))
    assert item.excerpt == "Der Haushalt steht."  # excerpt namespace of 1.0
    assert ("", "", "Stadtrat") in item.terms and ("tag", "haushalt", "Haushalt") in item.terms


def test_it_reads_wxr_1_1_namespaces_from_the_document():
    parsed = list(iter_wxr(str(FIXTURES / "kiezblatt-wxr-1.1.xml")))
    assert parsed[0].version == "1.1"
    post = next(e for e in parsed if isinstance(e, WxrItem) and e.post_type == "post")
    assert post.meta == {"wpdiscuz_post_rating": "3.6667", "wpdiscuz_post_rating_count": "3"}
    assert post.comments[0].meta == {"wpdiscuz_votes": "4"}


def test_the_channel_comes_first_even_without_items():
    parsed = events(wxr.document(channel=""))
    assert len(parsed) == 1 and isinstance(parsed[0], Channel)


# VmHWM, not getrusage: a child's ru_maxrss includes its parent's memory before exec.
PEAK_RSS = """
import re, sys
from broadsheet.importers.parser import iter_wxr
for _event in iter_wxr(sys.argv[1]):
    pass
print(re.search(r"VmHWM:\\s+([0-9]+)", open("/proc/self/status").read()).group(1))
"""


def test_memory_stays_flat_whatever_the_size_of_the_file(tmp_path):
    """Peak memory of a whole process reading 100 or 3,000 posts (libxml2 included)."""

    def peak_kb(items: int) -> int:
        comments = [wxr.comment(i, content="Wort " * 50) for i in range(1, 6)]
        posts = (wxr.post(n, content="Absatz " * 300, comments=comments) for n in range(items))
        path = wxr.write(tmp_path, wxr.document(*posts), f"{items}.xml")
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", PEAK_RSS, str(path)], capture_output=True, check=True, text=True
        )
        return int(done.stdout)

    small, large = peak_kb(100), peak_kb(3000)
    assert (tmp_path / "3000.xml").stat().st_size > 15_000_000
    assert large - small < 5_000  # kilobytes: flat, not proportional to the file


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Dies ist keine XML-Datei.", "not an XML file"),
        (b"", "not an XML file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not an XML file"),
        (b"<html><body>Hallo</body></html>", "not a WordPress export: the file has no <rss>"),
        (
            b'<rss version="2.0"><channel><title>Blog</title><item><title>x</title></item>'
            b"</channel></rss>",
            "not a WordPress export: no <wp:wxr_version>",
        ),
        (wxr.document(version="1.3").encode(), "unsupported WXR version '1.3'"),
        (
            wxr.document(wxr.post(1)).replace(">1.2</wp:wxr", ">2.0</wp:wxr").encode(),
            "unsupported WXR version '2.0'",
        ),
        (wxr.document(wxr.post(1), wxr.post(2)).encode()[:-200], "truncated"),
        (
            wxr.document(wxr.post(1, title="Caf\xe9")).encode().replace(b"Caf\xc3\xa9", b"Caf\xe9"),
            "invalid UTF-8",
        ),
        (wxr.document(wxr.post(1)).encode() + b"<rss/>", "not well-formed XML"),
        (
            wxr.document(wxr.post(1)).replace("Ein Artikel", "a &nbsp; b").encode(),
            "not well-formed XML",
        ),
    ],
    ids=[
        "not xml", "empty", "binary", "html", "plain rss", "version 1.3", "version 2.0",
        "truncated", "invalid utf-8", "trailing garbage", "undefined entity",
    ],
)  # fmt: skip
def test_bad_input_is_refused_with_one_clear_line(data, message):
    with pytest.raises(WxrError) as refused:
        events(data)
    text = str(refused.value)
    assert message in text
    assert "\n" not in text


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
 <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&g;</title>
<wp:wxr_version>1.2</wp:wxr_version><item><title>&g;&g;&g;</title><wp:post_id>1</wp:post_id></item>
</channel></rss>"""


def test_an_entity_expansion_bomb_is_refused_quickly_and_without_memory():
    tracemalloc.start()
    started = time.monotonic()
    with pytest.raises(WxrError, match="declares a DTD"):
        events(BOMB)
    _current, highest = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert time.monotonic() - started < 1
    assert highest < 5_000_000


def test_external_entities_are_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMNIS")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file://{secret}">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&x;</title>'
        "<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"
    )
    with pytest.raises(WxrError) as refused:
        events(data)
    assert "GEHEIMNIS" not in str(refused.value)
    assert "external entities" in str(refused.value)


def test_an_external_dtd_is_never_fetched(tmp_path):
    data = (
        '<?xml version="1.0"?><!DOCTYPE rss SYSTEM "http://198.51.100.1/evil.dtd">'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"
    )
    started = time.monotonic()
    with pytest.raises(WxrError, match="declares a DTD"):
        events(data)
    assert time.monotonic() - started < 1  # no network round trip was attempted


def test_entities_are_not_expanded_even_below_the_dtd_check():
    """Second line of defence: the parser itself never substitutes entities."""
    from lxml import etree

    parser_kwargs = {"resolve_entities": False, "no_network": True, "huge_tree": False}
    context = etree.iterparse(io.BytesIO(BOMB), events=("end",), load_dtd=False, **parser_kwargs)
    texts = []
    try:
        texts = [element.xpath("string()") for _event, element in context if element.tag == "title"]
    except etree.XMLSyntaxError as refused:  # libxml2's own amplification limit
        assert "amplification" in str(refused)
    assert all(len(text) < 100 for text in texts)
