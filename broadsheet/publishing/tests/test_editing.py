"""The newsroom side: editors in the admin, image uploads, previews."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

from broadsheet.core.testing import make_article, png_bytes
from broadsheet.publishing.models import Article, Image

pytestmark = pytest.mark.django_db


def upload(client, name: str, content: bytes, content_type="image/jpeg"):
    return client.post(
        "/admin/publishing/image/add/",
        {
            "file": SimpleUploadedFile(name, content, content_type),
            "alt_text": "Ein Foto",
            "credit_provider": "Wikimedia",
            "licence_name": "CC BY 4.0",
        },
    )


def jpeg_with_exif() -> bytes:
    picture = PILImage.new("RGB", (40, 30), (10, 120, 40))
    exif = PILImage.Exif()
    exif[0x010F] = "Geheime Kamera GmbH"  # Make
    exif[0x8825] = {2: (52.0, 31.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    picture.save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_editor_uploads_a_real_image_and_it_is_reencoded_without_exif(client, editor):
    client.force_login(editor)
    raw = jpeg_with_exif()
    assert b"Geheime Kamera" in raw
    response = upload(client, "urlaub.jpg", raw)
    assert response.status_code == 302
    image = Image.objects.get()
    with image.file.open("rb") as handle:
        stored = handle.read()
    assert b"Geheime Kamera" not in stored
    assert not PILImage.open(io.BytesIO(stored)).getexif()
    assert (image.width, image.height) == (40, 30)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("script.jpg", b"<?php system($_GET['c']); ?>"),
        ("page.png", b"<html><script>alert(1)</script></html>"),
        ("leer.jpg", b""),
        ("truncated.png", png_bytes()[:60]),
    ],
)
def test_upload_of_a_non_image_is_rejected_with_a_clear_message(client, editor, name, content):
    client.force_login(editor)
    response = upload(client, name, content)
    assert response.status_code == 200
    assert Image.objects.count() == 0
    text = response.content.decode()
    assert "kein Bild" in text or "keine gültige Bilddatei" in text or "leer" in text


def test_polyglot_bytes_after_the_image_are_dropped(client, editor):
    client.force_login(editor)
    response = upload(client, "poly.png", png_bytes() + b"<script>alert(1)</script>", "image/png")
    assert response.status_code == 302
    with Image.objects.get().file.open("rb") as handle:
        assert b"<script>" not in handle.read()


def test_oversized_upload_is_rejected(client, editor, settings):
    settings.BROADSHEET_MAX_IMAGE_BYTES = 100
    client.force_login(editor)
    response = upload(client, "gross.png", png_bytes(200, 200), "image/png")
    assert response.status_code == 200
    assert Image.objects.count() == 0
    assert "zu groß" in response.content.decode()


def test_editor_writes_and_publishes_an_article_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/publishing/article/add/",
        {
            "title": "Aus der Redaktion",
            "slug": "aus-der-redaktion",
            "kicker": "INLAND",
            "body": "Ein *neuer* Text.",
            "status": "published",
            "published_at_0": "01.05.2021",
            "published_at_1": "10:00:00",
            "comments_enabled": "on",
            "rating_enabled": "on",
            "article_authors-TOTAL_FORMS": "0",
            "article_authors-INITIAL_FORMS": "0",
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(slug="aus-der-redaktion")
    assert article.body_html == "<p>Ein <em>neuer</em> Text.</p>\n"
    assert client.get(article.get_absolute_url()).status_code == 200


def test_editor_previews_a_draft_that_readers_cannot_see(client, editor):
    draft = make_article("Entwurf", status=Article.Status.DRAFT)
    assert client.get(f"/preview/{draft.pk}/").status_code == 302  # to the login page
    client.force_login(editor)
    response = client.get(f"/preview/{draft.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vorschau" in html and 'name="robots" content="noindex"' in html


def test_a_reader_account_cannot_preview(client, reader):
    draft = make_article("Entwurf", status=Article.Status.DRAFT)
    client.force_login(reader)
    assert client.get(f"/preview/{draft.pk}/").status_code in (302, 403)


def test_editor_role_cannot_manage_users(client, editor):
    client.force_login(editor)
    assert client.get("/admin/accounts/user/").status_code == 403
