"""An editor puts a library picture into the text, by keyboard, in the real admin.

BROADSHEET_SCREENSHOTS=<folder> adds one more test that saves the README's screenshot
of the editor (English; BROADSHEET_SCREENSHOTS_LANGUAGE=de for the German site).
"""

import io
import os
from pathlib import Path

import pytest
from django.conf import global_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_image, png_bytes
from broadsheet.publishing.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "redaktion-geheim"
SCREENSHOT_LANGUAGE = os.environ.get("BROADSHEET_SCREENSHOTS_LANGUAGE", "en")


def translated(message: str, language: str) -> str:
    with translation.override(language):
        return gettext(message)


def log_in(page, editor, next_url: str) -> None:
    page.goto(f"/admin/login/?next={next_url}")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("input[type=submit]").click()


@pytest.fixture
def erika(editor, settings):
    # The server checks passwords with the real hashers, not the suite's fast one.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    editor.set_password(PASSWORD)
    editor.save(update_fields=["password"])
    return editor


def test_an_image_is_found_and_inserted_by_keyboard(erika, browser_page, browser_console, settings):
    language = settings.LANGUAGE_CODE
    make_image(caption="Rathaus am Markt", alt_text="Das Rathaus")
    bridge = make_image(caption="Die Brücke im Nebel", alt_text="Eine Brücke im Nebel")
    article = make_article("Skizze", status=Article.Status.DRAFT, body="Erster Satz.")
    page = browser_page
    log_in(page, erika, f"/admin/publishing/article/{article.pk}/change/")
    body = page.locator("#id_body")
    expect(page.locator("#body-preview")).to_contain_text("Erster Satz.")
    body.press("End")

    opener = page.get_by_role("button", name=translated("Image", language), exact=True)
    opener.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    search = dialog.get_by_role("searchbox")
    expect(search).to_be_focused()
    expect(dialog.locator(".md-picker__option")).to_have_count(2)
    # Every thumbnail arrives through the media view, re-encoded.
    expect(dialog.locator(".md-picker__option img").first).to_have_js_property("complete", True)
    assert dialog.locator(".md-picker__option img").evaluate_all(
        "imgs => imgs.every(i => i.naturalWidth > 0)"
    )
    page.keyboard.type("nebel")
    expect(dialog.locator(".md-picker__option")).to_have_count(1)
    page.keyboard.press("ArrowDown")
    expect(dialog.locator(".md-picker__option").first).to_be_focused()
    page.keyboard.press("Enter")

    expect(dialog).to_be_hidden()
    expect(body).to_be_focused()
    expect(body).to_have_value(f"Erster Satz.\n\n![Eine Brücke im Nebel](image:{bridge.pk})\n\n")
    figure = page.locator("#body-preview figure.body-image")
    expect(figure.locator("figcaption")).to_contain_text("Die Brücke im Nebel")
    expect(figure.locator("figcaption")).to_contain_text(
        f"{translated('Image source', language)}: Wikimedia/Erika Muster/CC BY-SA 3.0"
    )
    expect(figure.locator("img")).to_have_attribute("alt", "Eine Brücke im Nebel")

    # Escape closes the dialog without inserting anything.
    opener.focus()
    page.keyboard.press("Enter")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert body.input_value().count("](image:") == 1
    expect(page.locator(".md-missing")).to_be_hidden()
    body.press("Control+End")
    body.press_sequentially("![Fehlt](image:999999)")
    expect(page.locator(".md-missing")).to_be_visible()
    expect(page.locator(".md-missing")).to_contain_text("999999")
    assert browser_console.csp_violations() == []


@pytest.fixture
def screenshot_dir(settings) -> Path:
    folder = os.environ.get("BROADSHEET_SCREENSHOTS", "").strip()
    if not folder:
        pytest.skip("screenshots only with BROADSHEET_SCREENSHOTS=<folder>")
    settings.LANGUAGE_CODE = SCREENSHOT_LANGUAGE  # the server's language, and the browser's
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


def landscape() -> bytes:
    """A small picture that reads as a photograph at thumbnail size."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (560, 240), (176, 196, 214))
    draw = ImageDraw.Draw(picture)
    for y in range(140):
        draw.line([(0, y), (560, y)], fill=(150 + y // 3, 180 + y // 6, 214))
    hills = [(0, 170), (130, 110), (250, 160), (380, 90), (560, 170), (560, 240), (0, 240)]
    draw.polygon(hills, fill=(74, 104, 84))
    draw.rectangle([(0, 195), (560, 240)], fill=(58, 86, 110))
    draw.arc([(110, 150), (450, 330)], 180, 360, fill=(60, 60, 60), width=8)
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


def test_screenshot_of_the_editor_for_the_readme(screenshot_dir, erika, browser_page):
    from PIL import Image

    english = SCREENSHOT_LANGUAGE == "en"
    bridge = make_image(
        file=SimpleUploadedFile("bruecke.png", landscape(), "image/png"),
        alt_text="The old bridge in the morning mist"
        if english
        else "Die alte Brücke im Morgennebel",
        caption="The Elbe bridge at dawn" if english else "Die Elbbrücke bei Sonnenaufgang",
        credit_creator="Erika Muster",
    )
    make_image(file=SimpleUploadedFile("rot.png", png_bytes(320, 200), "image/png"))
    body = (
        (
            "The city council wants to extend the tram line to the harbour by 2030.\n\n"
            "## What the plan says\n\n"
            "Three new stops, a **second track** on the bridge and trams every *six minutes*.\n\n"
            f"![The old bridge in the morning mist](image:{bridge.pk})\n\n"
            "[[The line is to reach the harbour by 2030.|What do you think of this plan?]]"
        )
        if english
        else (
            "Der Senat will die Stadtbahn bis 2030 zum Hafen verlängern.\n\n"
            "## Was der Plan vorsieht\n\n"
            "Drei neue Haltestellen, ein **zweites Gleis** auf der Brücke, alle *sechs Minuten*.\n\n"
            f"![Die alte Brücke im Morgennebel](image:{bridge.pk})\n\n"
            "[[Die Linie soll bis 2030 den Hafen erreichen.|Was halten Sie von diesem Plan?]]"
        )
    )
    title = "Tram line to the harbour" if english else "Stadtbahn zum Hafen"
    article = make_article(title, status=Article.Status.DRAFT, body=body)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, erika, f"/admin/publishing/article/{article.pk}/change/")
    expect(page.locator("#body-preview figure.body-image img")).to_have_js_property(
        "complete", True
    )
    expect(page.locator(".md-words")).not_to_be_empty()
    toolbar = page.locator(".md-toolbar")
    toolbar.scroll_into_view_if_needed()
    top = toolbar.bounding_box()["y"] + page.evaluate("window.scrollY") - 60
    preview = page.locator("#body-preview")
    bottom = (
        preview.bounding_box()["y"]
        + page.evaluate("window.scrollY")
        + preview.bounding_box()["height"]
        + 16
    )
    raw = page.screenshot(
        full_page=True, clip={"x": 0, "y": max(0, top), "width": 1280, "height": bottom - top}
    )
    picture = Image.open(io.BytesIO(raw)).convert("RGB")
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        screenshot_dir / "editor.png", optimize=True
    )
