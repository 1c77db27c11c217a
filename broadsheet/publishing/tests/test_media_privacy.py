"""A draft's picture stays private: unguessable names, and /media/ that checks.

A security review found lead images of drafts and scheduled articles public under
/media/ by the name they were uploaded with (often the slug), with no
X-Content-Type-Options, CSP or Cross-Origin-Resource-Policy on the answer.
"""

import datetime
import re
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from broadsheet.core import e2e
from broadsheet.core.testing import make_article, make_image, png_bytes
from broadsheet.publishing.models import Article, Image, PromoBlock

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"^images/\d{4}/\d{2}/[A-Za-z0-9_-]{22}\.png$")


def picture(name="stadtbahn-kommt.png", **fields) -> Image:
    return make_image(file=SimpleUploadedFile(name, png_bytes(), "image/png"), **fields)


def url_of(image) -> str:
    return image.file.url


@pytest.fixture
def client(client):
    """The test client, closing every answer (a FileResponse holds its file open)."""
    get = client.get

    def get_and_close(*args, **kwargs):
        response = get(*args, **kwargs)
        if response.streaming:
            response.content_read = b"".join(response.streaming_content)
            # Not response.close(): it would end the test's database connection too.
            for close in response._resource_closers:
                close()
        return response

    client.get = get_and_close
    return client


# --- Names -----------------------------------------------------------------------------


def test_a_stored_file_gets_a_random_name_that_keeps_only_the_extension():
    first, second = picture(), picture()
    assert RANDOM_NAME.match(first.file.name), first.file.name
    assert "stadtbahn" not in first.file.name
    assert first.file.name != second.file.name
    assert first.file.name.endswith(".png")


def test_an_editors_upload_gets_a_random_name_too(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/publishing/image/add/",
        {
            "file": SimpleUploadedFile("ruecktritt-der-ministerin.png", png_bytes(), "image/png"),
            "alt_text": "Ein Foto",
        },
    )
    assert response.status_code == 302
    stored = Image.objects.get().file.name
    assert RANDOM_NAME.match(stored) and "ministerin" not in stored


# --- Who may see a picture --------------------------------------------------------------


def test_a_drafts_lead_image_is_not_served_to_readers(client):
    image = picture()
    make_article(status=Article.Status.DRAFT, lead_image=image)
    response = client.get(url_of(image))
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"


def test_a_published_articles_lead_image_is_served(client):
    image = picture()
    make_article(lead_image=image)
    response = client.get(url_of(image))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content_read == Path(image.file.path).read_bytes()
    assert response["Cache-Control"].startswith("public, max-age=")


def test_a_scheduled_articles_image_appears_when_the_article_does(client):
    image = picture()
    at = timezone.now() + datetime.timedelta(hours=2)
    make_article(status=Article.Status.SCHEDULED, published_at=at, lead_image=image)
    assert client.get(url_of(image)).status_code == 404
    with time_machine.travel(at + datetime.timedelta(minutes=1)):
        assert client.get(url_of(image)).status_code == 200


def test_an_image_a_published_article_or_promo_also_uses_is_public(client):
    shared, banner = picture(), picture()
    make_article(status=Article.Status.DRAFT, lead_image=shared)
    make_article(lead_image=shared)
    make_article(status=Article.Status.DRAFT, lead_image=banner)
    PromoBlock.objects.create(kind=PromoBlock.Kind.BANNER, image=banner)
    assert client.get(url_of(shared)).status_code == 200
    assert client.get(url_of(banner)).status_code == 200


def test_an_image_not_used_yet_is_served_its_name_protects_it(client):
    assert client.get(url_of(picture())).status_code == 200


def test_only_staff_with_preview_rights_see_a_drafts_image_and_privately(client, editor, reader):
    image = picture()
    make_article(status=Article.Status.DRAFT, lead_image=image)
    client.force_login(reader)
    assert client.get(url_of(image)).status_code == 404
    client.force_login(editor)
    response = client.get(url_of(image))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_only_files_an_image_owns_are_served(client, settings):
    owned = picture()
    orphan = settings.MEDIA_ROOT / "images" / "2026" / "05" / "left-behind.png"
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(png_bytes())
    assert client.get(url_of(owned)).status_code == 200
    assert client.get("/media/images/2026/05/left-behind.png").status_code == 404
    assert client.get("/media/%2e%2e/secret_key").status_code == 404


@pytest.mark.parametrize("name", ["images/x.svg", "images/x.html", "images/x.png.html", "images/x"])
def test_active_content_is_never_served_whatever_the_database_says(client, settings, name):
    path = settings.MEDIA_ROOT / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    Image.objects.bulk_create([Image(file=name, alt_text="?", width=1, height=1)])
    response = client.get(f"/media/{name}")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/plain")


def test_a_file_gone_from_disk_is_a_404_not_a_500(client):
    image = picture()
    assert client.get(url_of(image)).status_code == 200
    image.file.storage.delete(image.file.name)
    assert client.get(url_of(image)).status_code == 404


def test_only_get_and_head(client):
    image = picture()
    assert client.post(url_of(image)).status_code == 405
    head = client.head(url_of(image))
    assert head.status_code == 200 and head["Content-Length"] == str(image.file.size)


def test_an_unchanged_picture_is_not_sent_again(client):
    image = picture()
    first = client.get(url_of(image))
    again = client.get(url_of(image), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


# --- Headers ------------------------------------------------------------------------------


def test_media_answers_forbid_sniffing_scripts_and_foreign_embedding(client):
    response = client.get(url_of(picture()))
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert "script-src" not in policy
    assert response["Cross-Origin-Resource-Policy"] == "same-site"


def test_the_resource_policy_is_a_setting_for_a_cdn_on_another_site(client, settings):
    settings.BROADSHEET_MEDIA_RESOURCE_POLICY = "cross-origin"
    assert client.get(url_of(picture()))["Cross-Origin-Resource-Policy"] == "cross-origin"


def test_a_public_picture_costs_one_query_and_no_session(client, django_assert_num_queries):
    image = picture()
    make_article(lead_image=image)
    client.cookies["sessionid"] = "no-such-session"
    with django_assert_num_queries(1):
        response = client.get(url_of(image))
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")


# --- Through the real server ----------------------------------------------------------

MAKE_ARTICLES = """
from django.core.files.uploadedfile import SimpleUploadedFile
from broadsheet.core.testing import make_article, make_image, png_bytes
from broadsheet.publishing.models import Article
draft = make_image(file=SimpleUploadedFile("geheim.png", png_bytes(), "image/png"))
shown = make_image(file=SimpleUploadedFile("offen.png", png_bytes(), "image/png"))
make_article("Noch geheim", status=Article.Status.DRAFT, lead_image=draft)
make_article("Schon da", lead_image=shown)
print("FILES", draft.file.url, shown.file.url)
"""


@pytest.mark.django_db(False)
def test_the_real_server_serves_media_through_the_check(tmp_path):
    env = e2e.server_environment(tmp_path)
    e2e.prepare_data_dir(env, demo=False)
    output = e2e.run_command(env, "shell", "-c", MAKE_ARTICLES)
    draft_url, shown_url = re.search(r"FILES (\S+) (\S+)", output).groups()
    server = e2e.start_server(env)
    try:
        assert e2e.fetch(server.url(draft_url)).status == 404
        with e2e.fetch(server.url(shown_url)) as response:
            assert response.status == 200
            assert response.headers["Content-Type"] == "image/png"
            assert "sandbox" in response.headers["Content-Security-Policy"]
            assert response.headers["X-Content-Type-Options"] == "nosniff"
            assert response.read().startswith(b"\x89PNG")
    finally:
        server.stop()
