"""Exports from WordPress 3.0 (WXR 1.0) and 3.1–4.x (WXR 1.1) import as well as 1.2."""

from broadsheet.discussion.models import Comment, Thread
from broadsheet.publishing.models import Article, Author, Category, Page

from .conftest import FIXTURES


def test_a_wxr_1_0_export_imports_with_its_hierarchy_tags_and_threads(run_import, client):
    result = run_import(FIXTURES / "altes-blog-wxr-1.0.xml")
    assert result.stdout.startswith("WordPress site altes-blog.example (WXR 1.0), 1 items.")
    article = Article.objects.get()
    assert (article.slug, article.title) == (
        "stadtrat-beschliesst-haushalt",
        "Stadtrat beschließt Haushalt",
    )
    assert article.dek == "Der Haushalt steht."
    assert [c.path for c in article.categories.all()] == ["lokales/stadtrat"]
    assert [t.slug for t in article.tags.all()] == ["haushalt"]
    # WXR 1.0 has no author list: the byline comes from <dc:creator>.
    assert Author.objects.get().name == "redaktion"
    reply = Comment.objects.get(pk=13)
    assert (reply.parent_id, reply.depth) == (12, 1)
    assert Thread.objects.get().comment_count == 2
    assert client.get("/?p=5")["Location"] == "/2010/03/15/stadtrat-beschliesst-haushalt/"


def test_a_wxr_1_1_export_imports_authors_pages_votes_and_ratings(run_import, client):
    result = run_import(FIXTURES / "kiezblatt-wxr-1.1.xml")
    assert "WordPress site kiezblatt.example (WXR 1.1)" in result.stdout
    marie = Author.objects.get()
    assert (marie.name, marie.initials) == ("Marie Curie-Sklodowska", "mc")
    article = Article.objects.get()
    assert article.ordered_authors == [marie]
    assert Category.objects.get().slug == "kiez"
    assert Comment.objects.get(pk=300).upvotes == 4
    thread = Thread.objects.get()
    assert (thread.rating_count, thread.rating_sum) == (3, 11)
    assert Page.objects.get().slug == "kontakt"
    assert client.get("/?cat=3")["Location"] == "/category/kiez/"
