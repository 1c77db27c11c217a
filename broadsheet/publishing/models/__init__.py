from .articles import Article, ArticleAuthor, ArticleQuerySet, Correction
from .media import Image
from .redirects import ArticleSlugRedirect
from .site import Page, PromoBlock, PromoLink, Publication
from .taxonomy import Author, Category, Tag
from .workflow import ArticleAutosave, ArticleNote, ArticleRevision

__all__ = [
    "Article", "ArticleAuthor", "ArticleAutosave", "ArticleNote", "ArticleRevision",
    "ArticleQuerySet", "ArticleSlugRedirect", "Author",
    "Category", "Correction", "Image", "Page", "PromoBlock", "PromoLink", "Publication", "Tag",
]  # fmt: skip
