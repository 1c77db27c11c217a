"""What a reader does with the keyboard alone: Tab, Shift+Tab, Enter, Space and arrows.

Every step presses keys through page.keyboard only, then asserts where the focus
landed (document.activeElement): a focus that falls to <body> leaves a keyboard or
screen-reader user at the top of the page.

Strings the lead translates after this change are read through gettext, so the tests
hold before and after the catalogue has them; strings already translated are spelt out.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment, Passage, Rating

pytestmark = pytest.mark.browser

BODY = (
    "Die Stadt plant eine neue Straßenbahnlinie durch die Altstadt.\n\n"
    "Kritiker sagen, *die Linie* sei zu teuer. Befürworter sagen, die Linie sei überfällig.\n\n"
    "Der Senat entscheidet im Herbst."
)
SETTINGS = {
    "BROADSHEET_MODERATION": "none",
    "BROADSHEET_COMMENT_MIN_SECONDS": "0",
    "BROADSHEET_COMMENTS_PER_PAGE": "2",
    "BROADSHEET_COMMENT_SORT": "oldest",
}
ENGLISH = pytest.param({**SETTINGS, "BROADSHEET_LANGUAGE": "en"}, id="en")
GERMAN = pytest.param({**SETTINGS, "BROADSHEET_LANGUAGE": "de"}, id="de")


@pytest.fixture
def server_settings(request):
    return getattr(request, "param", {**SETTINGS, "BROADSHEET_LANGUAGE": "de"})


@pytest.fixture
def language(server_settings):
    return server_settings["BROADSHEET_LANGUAGE"]


def translated(language: str, message: str, **values) -> str:
    with translation.override(language):
        return gettext(message) % values if values else gettext(message)


@pytest.fixture
def article(db):
    article = make_article("Die neue Linie", slug="linie", body=BODY)
    start = timezone.now() - datetime.timedelta(days=3)
    for hours, name in enumerate(["Jonas", "Mira", "Ole", "Paula", "Rosa"]):
        make_comment(
            article,
            author_name=name,
            body=f"Beitrag von {name}.",
            created_at=start + datetime.timedelta(hours=hours),
        )
    return article


def focus_matches(page, selector: str) -> bool:
    return page.evaluate("(s) => document.activeElement.matches(s)", selector)


def describe_focus(page) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return `${e.tagName} #${e.id} .${e.className} ${e.textContent.trim().slice(0, 60)}`; }"
    )


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 300) -> None:
    """Press Tab (or Shift+Tab) until the focus is on selector; fail after limit presses."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        page.keyboard.press(key)
        if focus_matches(page, selector):
            return
    raise AssertionError(f"{key} never reached {selector}; focus on {describe_focus(page)}")


def expect_focus(page, selector: str) -> None:
    """The focus is (or, after the request, gets) on selector, never on <body>."""
    try:
        page.wait_for_function("(s) => document.activeElement.matches(s)", arg=selector)
    except Exception as exc:  # Playwright's TimeoutError: say where the focus is instead
        raise AssertionError(f"focus not on {selector} but {describe_focus(page)}") from exc


def spoken(page, selector: str) -> str:
    """The text a screen reader reads for an element: aria-hidden parts left out."""
    return page.evaluate(
        """(s) => { const copy = document.querySelector(s).cloneNode(true);
            copy.querySelectorAll('[aria-hidden=true]').forEach((e) => e.remove());
            return copy.textContent.replace(/\\s+/g, ' ').trim(); }""",
        selector,
    )


def type_guest(page, body: str) -> None:
    """From the form's first field: name, e-mail, (website), comment."""
    tab_to(page, "#comment-name")
    page.keyboard.type("Lea Leserin")
    page.keyboard.press("Tab")
    page.keyboard.type("lea@example.org")
    tab_to(page, "#comment-body")
    page.keyboard.type(body)


def send_form(page) -> None:
    tab_to(page, "[data-comment-form] button[type=submit]")
    page.keyboard.press("Enter")


def posts_to(page, path_part: str) -> list[str]:
    sent = []
    page.on(
        "request",
        lambda request: (
            sent.append(request.url)
            if request.method == "POST" and path_part in request.url
            else None
        ),
    )
    return sent


def test_a_keyboard_reader_posts_replies_votes_rates_sorts_and_loads_more(
    browser_page, browser_console, article
):
    page = browser_page
    page.goto(article.get_absolute_url())
    jonas = Comment.objects.get(author_name="Jonas")

    # Rate: arrows only choose; Enter sends once, with the last choice.
    rating_posts = posts_to(page, reverse("discussion:rate", args=[article.pk]))
    tab_to(page, "[data-rate] input[name=stars]")  # the first star: the group is unchecked
    for key in ["ArrowRight"] * 4 + ["ArrowLeft", "ArrowLeft", "ArrowRight", "ArrowDown"]:
        page.keyboard.press(key)
    page.keyboard.press("ArrowUp")  # 2 3 4 5 4 3 4 5 4: nine choices, nothing sent
    expect_focus(page, "[data-rate] input[value='4']")
    page.wait_for_timeout(300)
    assert rating_posts == []
    page.keyboard.press("Enter")
    expect(page.locator("[data-rating-average]")).to_have_text("4,0")
    assert len(rating_posts) == 1
    assert Rating.objects.get().stars == 4
    expect_focus(page, "[data-rate] input[value='4']")
    out_of_5 = translated("de", "out of 5")
    assert spoken(page, "[data-rating-summary]") == f"Artikelbewertung: 4,0 {out_of_5} (1 Stimme)"
    type_guest(page, "Mit der Tastatur geschrieben.")
    send_form(page)
    mine = page.locator(".comment", has_text="Mit der Tastatur geschrieben.")
    expect(mine).to_be_visible()
    expect_focus(page, f"#comment-{Comment.objects.get(body__startswith='Mit der').pk}")
    expect(page.locator("[data-announce]")).to_have_text("Ihr Kommentar ist veröffentlicht.")

    # Reply: Enter on the reply link brings the form, with the focus in it.
    page.keyboard.press("Shift+Tab")  # back into the page's order from the new comment
    tab_to(page, f"#comment-{jonas.pk} [data-reply]", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator("#respond h3")).to_have_text("Antwort an Jonas")
    expect_focus(page, "#comment-body")
    page.keyboard.press("Escape")  # Escape cancels the reply too
    expect_focus(page, f"#comment-{jonas.pk} [data-reply]")
    expect(page.locator("[data-cancel-reply]")).to_have_count(0)
    page.keyboard.press("Enter")
    expect_focus(page, "#comment-body")
    # Cancel it: the focus goes back to the link that opened the form.
    tab_to(page, "[data-cancel-reply]", backwards=True)
    assert page.evaluate("() => document.activeElement.textContent") == "Antwort abbrechen"
    page.keyboard.press("Enter")
    expect_focus(page, f"#comment-{jonas.pk} [data-reply]")
    expect(page.locator("#respond h3")).to_have_text("Diskutieren Sie mit")
    # Reply for real: Enter, type, send.
    page.keyboard.press("Enter")
    expect_focus(page, "#comment-body")
    page.keyboard.type("Da stimme ich zu.")
    send_form(page)
    reply = Comment.objects.filter(body="Da stimme ich zu.")
    expect(page.locator(".reply .comment", has_text="Da stimme ich zu.")).to_be_visible()
    assert reply.get().parent_id == jonas.pk
    expect_focus(page, f"#comment-{reply.get().pk}")

    # Vote with Space; the focus stays on the button, and the count is said in words.
    page.keyboard.press("Shift+Tab")
    tab_to(page, f"#comment-{jonas.pk} .vote__up", backwards=True)
    page.keyboard.press("Space")
    up = page.locator(f"#comment-{jonas.pk} .vote__up")
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-announce]")).to_have_text(
        translated("de", "Your vote counted: %(up)s up, %(down)s down", up=1, down=0)
    )
    expect_focus(page, f"#comment-{jonas.pk} .vote__up")
    page.keyboard.press("Enter")  # the same vote again withdraws it
    expect(up).to_have_attribute("aria-pressed", "false")
    expect(page.locator("[data-announce]")).to_have_text(
        translated("de", "Your vote was withdrawn: %(up)s up, %(down)s down", up=0, down=0)
    )

    # Sort: the focus stays on the tab, the new order is said, not the whole thread.
    tab_to(page, "[data-sort=newest]", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator(".conversation").first).to_contain_text("Mit der Tastatur geschrieben.")
    expect_focus(page, "[data-sort=newest]")
    expect(page.locator("[data-announce]")).to_have_text(
        translated("de", "Comments sorted: %(order)s", order="Neueste")
    )
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # "Älteste"
    expect(page.locator(".conversation").first).to_contain_text("Beitrag von Jonas.")
    expect_focus(page, "[data-sort=oldest]")
    assert page.locator("[data-thread]").get_attribute("aria-live") is None

    # Load more: the focus goes to the first comment it loaded.
    mira = Comment.objects.get(author_name="Mira")
    ole = Comment.objects.get(author_name="Ole")
    tab_to(page, "[data-load-more] a")
    assert page.evaluate("() => document.activeElement.textContent") == "Weitere Kommentare laden"
    page.keyboard.press("Enter")
    expect(page.locator(".conversation")).to_have_count(4)
    expect_focus(page, f"#comment-{ole.pk}")
    assert page.locator(f"#comment-{mira.pk}").count() == 1  # loaded before, not again
    expect(page.locator("[data-announce]")).to_have_text(
        ngettext_in("de", "%(n)s more comment loaded", "%(n)s more comments loaded", 2)
    )

    assert browser_console.csp_violations() == []
    assert not [m for m in browser_console.messages if m.startswith("pageerror")]


def ngettext_in(language: str, singular: str, plural: str, n: int) -> str:
    with translation.override(language):
        return ngettext(singular, plural, n) % {"n": n}


@pytest.mark.parametrize("server_settings", [GERMAN, ENGLISH], indirect=True)
def test_an_empty_form_says_which_fields_are_missing_and_focuses_the_first(
    browser_page, article, language
):
    page = browser_page
    page.goto(article.get_absolute_url())
    sent = posts_to(page, reverse("discussion:post", args=[article.pk]))
    send_form(page)

    expect_focus(page, "#comment-name")
    for field, message in [
        ("name", "Please tell us your name."),
        ("email", "Please enter your e-mail address."),
        ("body", "Please write a comment."),
    ]:
        box = page.locator(f"#comment-{field}")
        expect(box).to_have_attribute("aria-invalid", "true")
        described = box.get_attribute("aria-describedby").split()
        assert described[0] == f"comment-{field}-error"
        expect(page.locator(f"#comment-{field}-error")).to_have_text(translated(language, message))
    assert page.locator("#comment-url").get_attribute("aria-invalid") is None
    if language == "de":
        expect(page.locator("#comment-name-error")).to_have_text("Bitte nennen Sie Ihren Namen.")
    assert sent == []  # nothing went to the server

    # Fixing a field takes its error away; the next send stops at the next field.
    page.keyboard.type("Lea")
    expect(page.locator("#comment-name-error")).to_have_count(0)
    assert page.locator("#comment-name").get_attribute("aria-invalid") is None
    page.keyboard.press("Tab")
    page.keyboard.type("keine-adresse")
    page.keyboard.press("Tab")
    page.keyboard.type("https://")  # a scheme and nothing else
    send_form(page)
    expect_focus(page, "#comment-email")
    expect(page.locator("#comment-email-error")).to_have_text(
        translated(language, "Please enter a valid e-mail address, such as name@example.org.")
    )
    expect(page.locator("#comment-url-error")).to_have_text(
        translated(language, "Please enter a valid web address, such as https://example.org.")
    )
    # The help text is still read, after the error.
    assert page.locator("#comment-email").get_attribute("aria-describedby") == (
        "comment-email-error comment-email-help"
    )
    assert sent == []


def test_the_servers_errors_come_back_to_their_fields(browser_page, article):
    page = browser_page
    page.goto(article.get_absolute_url())
    sent = posts_to(page, reverse("discussion:post", args=[article.pk]))
    tab_to(page, "#comment-name")
    page.keyboard.type("Lea")
    page.keyboard.press("Tab")
    page.keyboard.type("lea@localhost.invalid@")  # the browser's check catches this one
    tab_to(page, "#comment-body")
    page.keyboard.type("Ein Satz.")
    send_form(page)
    expect_focus(page, "#comment-email")
    assert sent == []

    # "a@b" passes the browser's check; the server refuses it, per field, as without JS.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("lea@b")
    send_form(page)
    expect_focus(page, "#comment-email")
    assert len(sent) == 1
    expect(page.locator("#comment-email")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#comment-email-error")).to_have_text(
        translated("de", "Please enter a valid e-mail address, such as name@example.org.")
    )
    expect(page.locator("[data-comment-form] [data-error]")).to_be_hidden()

    # A refusal that belongs to the comment: the same text twice.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("lea@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("lea.example.org")  # no scheme: the server adds https://
    send_form(page)
    expect(page.locator(".comment", has_text="Ein Satz.")).to_be_visible()
    assert Comment.objects.get(body="Ein Satz.").author_url == "https://lea.example.org"
    tab_to(page, "#comment-body", backwards=True)
    page.keyboard.type("Ein Satz.")
    send_form(page)
    expect_focus(page, "#comment-body")
    expect(page.locator("#comment-body-error")).to_have_text(
        "Sie haben diesen Kommentar bereits gesendet."
    )
    assert Comment.objects.filter(body="Ein Satz.").count() == 1


@pytest.mark.parametrize("server_settings", [GERMAN, ENGLISH], indirect=True)
def test_a_keyboard_reader_comments_on_part_of_a_paragraph(
    browser_page, browser_console, article, language
):
    page = browser_page
    page.goto(article.get_absolute_url())
    tab_to(page, ".paragraph-toggle")
    toggle = page.locator(".paragraph-toggle")
    expect(toggle).to_have_text(translated(language, "Comment on a paragraph"))
    expect(toggle).to_be_visible()  # out of sight only until it has the focus
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect_focus(page, "[data-paragraph-comment='0']")
    page.keyboard.press("Tab")
    expect_focus(page, "[data-paragraph-comment='1']")
    assert page.evaluate("() => document.activeElement.textContent") == translated(
        language, "Comment on paragraph %(number)s", number=2
    )
    page.keyboard.press("Enter")

    # The whole paragraph, in a field the reader may shorten.
    expect_focus(page, "#comment-passage")
    whole = "Kritiker sagen, die Linie sei zu teuer. Befürworter sagen, die Linie sei überfällig."
    expect(page.locator("#comment-passage")).to_have_value(whole)
    expect(page.locator("[data-paragraph-comment]")).to_have_count(0)

    # Shortened to words that are not in it: refused, at the field, before sending.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("die Linie ist billig")
    page.keyboard.press("Tab")
    type_guest(page, "Zu teuer? Wer sagt das?")
    send_form(page)
    expect_focus(page, "#comment-passage")
    expect(page.locator("#comment-passage-error")).to_have_text(
        translated(language, "The passage must be taken word for word from the paragraph.")
    )

    # Shortened from both ends, keyboard only: the part meant.
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("  sei zu   teuer ")
    expect(page.locator("#comment-passage-error")).to_have_count(0)
    send_form(page)
    expect(page.locator(".comment", has_text="Zu teuer? Wer sagt das?")).to_be_visible()
    passage = Passage.objects.get()
    assert passage.exact == "sei zu teuer"
    assert passage.prefix.endswith("Kritiker sagen, die Linie ")
    assert passage.suffix.startswith(". Befürworter")
    assert browser_console.csp_violations() == []
    assert not [m for m in browser_console.messages if m.startswith("pageerror")]


def test_the_quote_button_comes_right_after_the_selected_paragraph(browser_page, article):
    page = browser_page
    page.goto(article.get_absolute_url())
    # A selection made with caret browsing (F7, shift+arrows) looks like this one.
    page.evaluate(
        """() => { const p = document.querySelectorAll('.article__body > p')[1];
            const text = p.firstChild; const range = document.createRange();
            range.setStart(text, 0); range.setEnd(text, 'Kritiker sagen'.length);
            getSelection().removeAllRanges(); getSelection().addRange(range); }"""
    )
    button = page.locator(".quote-button")
    expect(button).to_be_visible()
    assert page.evaluate(
        "() => document.querySelector('.quote-button').previousElementSibling"
        " === document.querySelectorAll('.article__body > p')[1]"
    )
    # In the focus order: right after the paragraph's content, before the next paragraph's.
    page.evaluate("() => document.querySelector('.article__body em').setAttribute('tabindex', '0')")
    page.evaluate("() => document.querySelector('.article__body em').focus()")
    page.keyboard.press("Tab")
    expect_focus(page, ".quote-button")
    page.keyboard.press("Enter")
    expect_focus(page, "#comment-body")
    expect(page.locator("[data-passage-quote]")).to_have_text("„Kritiker sagen“")
    # Changed their mind: back to the whole article, and the focus to the comment field.
    tab_to(page, "[data-passage-clear]", backwards=True)
    page.keyboard.press("Enter")
    expect(page.locator("[data-passage-box]")).to_be_hidden()
    expect_focus(page, "#comment-body")


@pytest.mark.parametrize("server_settings", [ENGLISH], indirect=True)
def test_load_more_says_how_many_came_in_english(browser_page, article):
    page = browser_page
    page.goto(article.get_absolute_url())
    tab_to(page, "[data-load-more] a")
    page.keyboard.press("Enter")
    ole = Comment.objects.get(author_name="Ole")
    expect_focus(page, f"#comment-{ole.pk}")
    expect(page.locator("[data-announce]")).to_have_text(
        ngettext_in("en", "%(n)s more comment loaded", "%(n)s more comments loaded", 2)
    )
    assert page.locator("[data-announce]").text_content() == "2 more comments loaded"
    tab_to(page, "[data-load-more] a")
    page.keyboard.press("Enter")
    rosa = Comment.objects.get(author_name="Rosa")
    expect_focus(page, f"#comment-{rosa.pk}")
    expect(page.locator("[data-announce]")).to_have_text("1 more comment loaded")

    # Rate with the "Rate" button: arrows choose, Space on the button sends, once.
    rating_posts = posts_to(page, reverse("discussion:rate", args=[article.pk]))
    tab_to(page, "[data-rate] input[name=stars]", backwards=True)
    for _ in range(5):  # left through the stars (round the group) to the third
        page.keyboard.press("ArrowLeft")
        if focus_matches(page, "[data-rate] input[value='3']"):
            break
    expect_focus(page, "[data-rate] input[value='3']:checked")
    page.keyboard.press("Tab")
    expect_focus(page, "[data-rate] button[type=submit]")
    page.keyboard.press("Space")
    expect(page.locator("[data-rating-average]")).to_have_text("3.0")
    assert len(rating_posts) == 1
    expect_focus(page, "[data-rate] button[type=submit]")
    assert spoken(page, "[data-rating-summary]") == "Article rating: 3.0 out of 5 (1 vote)"
    expect(page.locator("[data-announce]")).to_have_text(
        "Thank you for rating. Article rating: 3.0 out of 5 (1 vote)"
    )


@pytest.mark.parametrize("reduced", [True, False])
def test_scrolling_to_the_form_respects_reduced_motion(browser_page, article, reduced):
    page = browser_page
    page.emulate_media(reduced_motion="reduce" if reduced else "no-preference")
    # Record how the page asks to scroll (an init script runs outside the page's CSP).
    page.add_init_script(
        """const original = Element.prototype.scrollIntoView;
        window.scrolls = [];
        Element.prototype.scrollIntoView = function (options) {
            window.scrolls.push(options && options.behavior);
            return original.call(this, options);
        };"""
    )
    page.goto(article.get_absolute_url())
    tab_to(page, ".paragraph-toggle")
    page.keyboard.press("Enter")
    expect_focus(page, "[data-paragraph-comment='0']")
    page.keyboard.press("Enter")
    expect_focus(page, "#comment-passage")
    assert page.evaluate("() => window.scrolls") == ["auto" if reduced else "smooth"]
