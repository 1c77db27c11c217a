"""The time of day on an article, and the section-and-tags line under it."""

import datetime

import pytest

from broadsheet.core.testing import make_article, make_category, make_tag

pytestmark = pytest.mark.django_db

MAY_DAY = datetime.datetime(2021, 5, 1, 12, 5, tzinfo=datetime.UTC)  # 14:05 in Berlin


def test_a_german_article_shows_the_time_of_day_with_uhr(client):
    article = make_article("Maifeier", published_at=MAY_DAY)
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<time datetime="2021-05-01T14:05:00+02:00">1. Mai 2021, 14:05 Uhr</time>' in html


def test_an_english_article_shows_the_time_the_british_way(client, english):
    article = make_article("May Day", published_at=MAY_DAY)
    html = client.get(article.get_absolute_url()).content.decode()
    assert ">1 May 2021, 2:05 p.m.</time>" in html


def test_the_footer_names_sections_and_tags_without_the_permalink_phrase(client, english):
    article = make_article(
        "Haushalt beschlossen",
        categories=[make_category("Politics", slug="politics")],
        tags=[make_tag("Budget"), make_tag("City council")],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        '<p>Published in <a href="/category/politics/" rel="tag">Politics</a> · '
        'Tags: <a href="/tag/budget/" rel="tag">Budget</a>, '
        '<a href="/tag/city-council/" rel="tag">City council</a></p>'
    ) in html
    assert "Bookmark" not in html and 'rel="bookmark"' not in html


def test_the_footer_escapes_names_and_is_left_out_without_sections_or_tags(client, english):
    tagged = make_article("Getaggt", tags=[make_tag("<b>fett</b>")])
    html = client.get(tagged.get_absolute_url()).content.decode()
    assert "Tags: <a" in html and "&lt;b&gt;fett&lt;/b&gt;" in html and "<b>fett" not in html
    bare = make_article("Ohne alles")
    assert 'class="article__footer"' not in client.get(bare.get_absolute_url()).content.decode()


def test_the_german_page_no_longer_carries_the_wordpress_bookmark_phrase(client):
    article = make_article("Ressortartikel", categories=[make_category("Politik")])
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Lesezeichen" not in html and 'rel="bookmark"' not in html
    assert 'href="/category/politik/" rel="tag">Politik</a>' in html
