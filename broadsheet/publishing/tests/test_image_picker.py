"""The editor's image picker (admin JSON) and the library's thumbnails."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image as Picture

from broadsheet.accounts.models import User
from broadsheet.core.testing import make_article, make_image
from broadsheet.publishing import image_picker, thumbnails
from broadsheet.publishing.models import Article

pytestmark = pytest.mark.django_db

URL = "/admin/publishing/article/image-picker/"


@pytest.fixture
def client(client):
    """The test client, closing every answer (a FileResponse holds its file open)."""
    get = client.get

    def get_and_close(*args, **kwargs):
        response = get(*args, **kwargs)
        if response.streaming:
            b"".join(response.streaming_content)
            # Not response.close(): it would end the test's database connection too.
            for close in response._resource_closers:
                close()
        return response

    client.get = get_and_close
    return client


def test_editors_get_the_library_newest_first_with_thumbnails_and_markdown(client, editor):
    older = make_image(alt_text="Die alte Brücke", caption="Brücke [1905]")
    newer = make_image(alt_text="Ein [rotes] Bild\nzweite Zeile")
    client.force_login(editor)
    response = client.get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert [r["id"] for r in data["results"]] == [newer.pk, older.pk]
    first = data["results"][0]
    assert first["markdown"] == f"![Ein (rotes) Bild zweite Zeile](image:{newer.pk})"
    assert first["credit"] == "Wikimedia/Erika Muster/CC BY-SA 3.0"
    assert first["thumbnail"] == f"/media/thumbs/{newer.file.name}.jpg"
    assert data["results"][1]["caption"] == "Brücke [1905]"
    assert (data["page"], data["has_previous"], data["has_next"]) == (1, False, False)


def test_search_by_caption_and_credit_words(client, editor):
    bridge = make_image(caption="Die Brücke im Nebel", credit_creator="Hans Foto")
    make_image(caption="Rathaus", credit_creator="Erika Muster")
    client.force_login(editor)
    assert [r["id"] for r in client.get(URL, {"q": "nebel"}).json()["results"]] == [bridge.pk]
    assert [r["id"] for r in client.get(URL, {"q": "hans brücke"}).json()["results"]] == [bridge.pk]
    assert client.get(URL, {"q": "hans rathaus"}).json()["results"] == []
    assert client.get(URL, {"q": "%_'\"<x>" * 50}).json()["query"] == ("%_'\"<x>" * 50)[:100]


def test_pages_of_the_library(client, editor, monkeypatch):
    monkeypatch.setattr(image_picker, "PAGE_SIZE", 2)
    images = [make_image() for _ in range(5)][::-1]
    client.force_login(editor)
    pages = [client.get(URL, {"page": n}).json() for n in (1, 2, 3)]
    assert [[r["id"] for r in p["results"]] for p in pages] == [
        [i.pk for i in images[0:2]],
        [i.pk for i in images[2:4]],
        [images[4].pk],
    ]
    assert [p["has_next"] for p in pages] == [True, True, False]
    assert client.get(URL, {"page": "x"}).json()["page"] == 1
    assert client.get(URL, {"page": "-5"}).json()["page"] == 1
    assert client.get(URL, {"page": "99999999999"}).json()["results"] == []


def test_only_staff_who_may_change_articles_and_only_get(client, editor, contributor, reader):
    assert client.get(URL).status_code == 302  # to the admin login
    client.force_login(reader)
    assert client.get(URL).status_code == 302  # no staff
    clerk = User.objects.create_user("kurt", "kurt@example.org", "x", is_staff=True)
    client.force_login(clerk)
    assert client.get(URL).status_code == 403
    client.force_login(contributor)
    assert client.get(URL).status_code == 200
    client.force_login(editor)
    assert client.post(URL).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    assert strict.post(URL).status_code == 403  # CSRF before the method check


def test_the_picker_costs_the_same_queries_for_any_page(client, editor, django_assert_num_queries):
    for _ in range(3):
        make_image()
    client.force_login(editor)
    # session, user, the user's and the groups' permissions, the page.
    with django_assert_num_queries(5):
        assert len(client.get(URL, {"q": "rotes"}).json()["results"]) == 3
    for _ in range(3):
        make_image()
    with django_assert_num_queries(5):
        assert len(client.get(URL).json()["results"]) == 6


def test_a_thumbnail_is_made_once_small_and_re_encoded(client, editor):
    image = make_image()
    path = Path(settings.MEDIA_ROOT) / thumbnails.thumbnail_name(image)
    assert not path.exists()
    url = thumbnails.thumbnail_url(image)
    assert url == f"/media/thumbs/{image.file.name}.jpg"
    with Picture.open(path) as picture:
        assert picture.format == "JPEG" and max(picture.size) <= 240
    made = path.stat().st_mtime_ns
    assert thumbnails.thumbnail_url(image) == url and path.stat().st_mtime_ns == made
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "public, max-age=86400"


def test_a_broken_file_gets_no_thumbnail_and_no_error(editor):
    image = make_image()
    Path(image.file.path).write_bytes(b"<svg onload=alert(1)>")
    assert thumbnails.thumbnail_url(image) is None
    assert not (Path(settings.MEDIA_ROOT) / thumbnails.thumbnail_name(image)).exists()


def test_a_drafts_lead_pictures_thumbnail_is_as_private_as_the_picture(client, editor):
    image = make_image()
    make_article("Entwurf", status=Article.Status.DRAFT, lead_image=image)
    url = thumbnails.thumbnail_url(image)
    assert client.get(url).status_code == 404
    assert client.get(image.file.url).status_code == 404
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize(
    "name",
    ["thumbs/nothing.png.jpg", "thumbs/../secret.jpg", "thumbs/x.part", "thumbs/a.svg"],
)
def test_names_that_are_no_thumbnail_are_not_found(client, name):
    make_image()
    assert client.get(f"/media/{name}").status_code == 404


def test_a_thumbnail_name_that_is_no_file_on_disk_is_not_found(client):
    image = make_image()  # public, but its thumbnail was never made
    assert client.get(f"/media/thumbs/{image.file.name}.jpg").status_code == 404


def test_the_image_list_shows_thumbnails_and_uploads_make_them(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from broadsheet.core.testing import png_bytes

    client.force_login(editor)
    response = client.post(
        "/admin/publishing/image/add/",
        {
            "file": SimpleUploadedFile("neu.png", png_bytes(), "image/png"),
            "alt_text": "Neues Bild",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from broadsheet.publishing.models import Image

    image = Image.objects.get()
    assert (Path(settings.MEDIA_ROOT) / thumbnails.thumbnail_name(image)).exists()
    page = client.get("/admin/publishing/image/").content.decode()
    assert f'<img src="/media/thumbs/{image.file.name}.jpg" alt=""' in page
