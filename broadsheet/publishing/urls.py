"""Reader URLs, shaped like WordPress pretty permalinks so migrated links keep working."""

from django.urls import path, register_converter

from . import frontpage, views


class FourDigitYear:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(FourDigitYear, "yyyy")
register_converter(TwoDigits, "mm")

app_name = "publishing"

urlpatterns = [
    path("", frontpage.front_page, name="front"),
    path("page/<int:page>/", frontpage.front_page, name="front-page"),
    path("search/", views.search, name="search"),
    path("preview/<int:pk>/", views.preview, name="preview"),
    path("<yyyy:year>/<mm:month>/<mm:day>/<slug:slug>/", views.article_detail, name="article"),
    path("<yyyy:year>/", views.date_archive, name="year"),
    path("<yyyy:year>/<mm:month>/", views.date_archive, name="month"),
    path("<yyyy:year>/<mm:month>/<mm:day>/", views.date_archive, name="day"),
    path("category/<path:path>/page/<int:page>/", views.category_archive, name="category-page"),
    path("category/<path:path>/", views.category_archive, name="category"),
    path("tag/<slug:slug>/page/<int:page>/", views.tag_archive, name="tag-page"),
    path("tag/<slug:slug>/", views.tag_archive, name="tag"),
    path("author/<slug:slug>/page/<int:page>/", views.author_archive, name="author-page"),
    path("author/<slug:slug>/", views.author_archive, name="author"),
    path("<slug:slug>/", views.page_detail, name="page"),
]
