"""Accessibility in a real browser: reflow at 320 px, contrast, reduced motion and axe-core.

Every page type a reader meets, in German and English: the front page, an article with a
long thread (also with the reply form open and in error), its inline tab, the archives,
search with and without results, the subscription pages, a static page and the 404.

One German and one English server for the whole module, on data built once: a server
start and the thread cost seconds, and these tests only read (apart from one vote).
The module's rows are committed outside any test transaction, so the module flushes the
database when it is done, as a transactional test would.

axe-core comes from npm, for the tests only (`make axe`, into .venv/axe; BROADSHEET_AXE
names another axe.min.js). Without it the axe tests skip, unless
BROADSHEET_REQUIRE_BROWSER=1 (CI), where a missing axe is a failure.
"""

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from broadsheet.core import e2e
from broadsheet.core.browser import DEFAULT_TIMEOUT_MS, _served_environment, browser_required

# Transactional, so no test holds a transaction open (on SQLite, BEGIN IMMEDIATE would lock
# the servers out of writing); available_apps makes the flush after each test empty only
# core's rate counters, so the module's data stays until the module flushes it.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, available_apps=["broadsheet.core"]),
]

LANGUAGES = ("de", "en")
SCHEMES = ("light", "dark")
NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
REPO = Path(__file__).resolve().parents[3]
AXE_SCRIPT = Path(
    os.environ.get("BROADSHEET_AXE") or REPO / ".venv/axe/node_modules/axe-core/axe.min.js"
)
MISSING_AXE = f"axe-core not installed at {AXE_SCRIPT}: run `make axe` (needs npm)"
SERVER_SETTINGS = {"BROADSHEET_MODERATION": "none", "BROADSHEET_COMMENT_MIN_SECONDS": "0"}

TITLE = "Straßenbahnverlängerung: Die neue Linie durch die Altstadt"
PASSAGE = "Befürworter sagen, die Linie sei überfällig"
BODY = (
    "Die Stadt plant eine neue Straßenbahnlinie durch die Altstadt.\n\n"
    f"Kritiker sagen, *die Linie* sei zu teuer. {PASSAGE}.\n\n"
    "[[Der Senat will die Linie bis 2030 verlängern.|Was halten Sie von diesem Vorschlag?]]\n\n"
    "| Haltestelle | Fahrzeit |\n|---|---|\n| Marktplatz | 4 Minuten |\n| Hauptbahnhof | 9 Minuten |"
)


@dataclass
class PageState:
    """A page as a reader sees it: a path, and what they did there (if anything)."""

    name: str
    path: str
    act: Callable | None = None
    status: int = 200
    # False where another state is the same page with more on it (axe takes seconds a page).
    axe: bool = True

    def open(self, page) -> None:
        response = page.goto(self.path)
        assert response.status == self.status, f"{self.name}: {self.path} → {response.status}"
        if self.act:
            self.act(page)


@dataclass
class Site:
    servers: dict = field(default_factory=dict)
    states: list[PageState] = field(default_factory=list)
    article_path: str = ""

    def state(self, name: str) -> PageState:
        return next(state for state in self.states if state.name == name)


def open_reply_form_and_send_it_empty(page) -> None:
    """Reply to the first comment, then send nothing: the form stays open with an error."""
    page.locator("[data-reply]").first.click()
    form = page.locator("[data-comment-form]")
    expect(form.locator("textarea[name=body]")).to_be_visible()
    form.locator("button[type=submit]").click()
    expect(form.locator(".field-error").first).to_be_visible()


def build_pages(media_root: Path) -> Site:
    """The module's data, committed: one article of every furnishing, and its neighbours."""
    from broadsheet.core.testing import (
        make_article,
        make_author,
        make_category,
        make_comment,
        make_image,
        make_tag,
        seed_thread,
    )
    from broadsheet.discussion import anchoring, passages
    from broadsheet.notifications import services as notifications
    from broadsheet.notifications.models import Delivery, Subscription
    from broadsheet.publishing.models import Page

    with override_settings(MEDIA_ROOT=media_root):
        category = make_category("Stadtleben")
        tag = make_tag("Verkehr")
        author = make_author("Anna Berger")
        article = make_article(
            TITLE,
            kicker="STADTLEBEN",
            dek="Der Senat will bis 2030 bauen; die Anwohner sind gespalten.",
            dateline="Halle.",
            body=BODY,
            authors=[author],
            categories=[category],
            tags=[tag],
            lead_image=make_image(),
        )
        for n in range(3):
            make_article(
                f"Weitere Meldung {n} aus der Verwaltungsgerichtsbarkeit",
                authors=[author],
                categories=[category],
                tags=[tag],
                lead_image=make_image() if n == 0 else None,
            )
    seed_thread(article, top_level=20, replies_each=4)
    for name in ("Jonas", "Mira"):
        comment = make_comment(article, author_name=name, body="Genau diese Stelle stimmt nicht.")
        passages.attach(comment, anchoring.select(article.body_text, exact=PASSAGE), None)
    Page.objects.create(
        title="Datenschutz",
        slug="datenschutz",
        body="## Was wir speichern\n\nSo wenig wie möglich.",
    )

    notifications.subscribe("lea@example.org", article=article, scope="article", language="de")
    delivery = Delivery.objects.get(kind=Delivery.Kind.CONFIRMATION)
    subscription = Subscription.objects.get()
    confirm_token = notifications.confirmation_token(delivery, [subscription])
    url = article.get_absolute_url()
    states = [
        PageState("front page", "/"),
        PageState("article", url, axe=False),  # axe: the next state, the same page and more
        PageState("article, reply form in error", url, act=open_reply_form_and_send_it_empty),
        PageState("inline tab", f"{url}?filter=inline#comments"),
        PageState("category archive", category.get_absolute_url()),
        PageState("tag archive", tag.get_absolute_url()),
        PageState("author archive", author.get_absolute_url()),
        PageState("search with results", "/search/?q=Stra%C3%9Fenbahn"),
        PageState("search without results", "/search/?q=Quastenflosser"),
        PageState("subscribe page", f"/notifications/subscribe/{article.pk}/"),
        PageState("confirm page", f"/notifications/confirm/{confirm_token}/"),
        PageState("confirm page, broken link", "/notifications/confirm/kaputt/", status=400),
        PageState("manage page", f"/notifications/manage/{subscription.subscriber.manage_token}/"),
        PageState("unsubscribe page", f"/notifications/unsubscribe/{subscription.token}/"),
        PageState("static page", "/datenschutz/"),
        PageState("404", "/gibt-es-nicht/", status=404),
    ]
    return Site(states=states, article_path=url)


@pytest.fixture(scope="module")
def site(_served_static, served_data_dir, django_db_blocker):
    """Both languages' servers on one database, built once for the module."""
    site = Site()
    try:
        with django_db_blocker.unblock():
            site = build_pages(served_data_dir / "media")
        for language in LANGUAGES:
            env = _served_environment(
                served_data_dir, {**SERVER_SETTINGS, "BROADSHEET_LANGUAGE": language}
            )
            site.servers[language] = e2e.start_server(env)
        yield site
    finally:
        for server in site.servers.values():
            server.stop()
        with django_db_blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def open_context(chromium_browser, site):
    """new_context(language, **options) on that language's server; closed after the test."""
    contexts = []

    def new_context(language: str, **options):
        context = chromium_browser.new_context(
            base_url=site.servers[language].base_url, locale=language, **options
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield new_context
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        if browser_required():
            pytest.fail(f"{MISSING_AXE} (required: BROADSHEET_REQUIRE_BROWSER=1)", pytrace=False)
        pytest.skip(f"{MISSING_AXE} (axe tests skipped)")
    return AXE_SCRIPT


# --- Reflow (WCAG 1.4.10) ------------------------------------------------------------------

WIDER_THAN_THE_VIEWPORT = """() => {
    const width = document.documentElement.clientWidth;
    const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
        + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    // An element's own box, or the content that overflows it (a line that does not wrap).
    const right = (el) => Math.max(el.getBoundingClientRect().right,
        el.getBoundingClientRect().left + el.scrollWidth);
    return [...document.body.querySelectorAll('*')]
        .filter((el) => right(el) > width + 0.5)
        .filter((el) => !el.closest('.visually-hidden, .comment-form__trap, .skip-link'))
        .slice(0, 5)
        .map((el) => `${name(el)} (right edge ${Math.round(right(el))})`);
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_at_320_px(site, open_context, language):
    page = open_context(language, viewport=NARROW).new_page()
    csp_violations = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp_violations.append(m))

    too_wide = {}
    for state in site.states:
        state.open(page)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide[state.name] = (width, page.evaluate(WIDER_THAN_THE_VIEWPORT))

    assert too_wide == {}, "\n".join(
        f"{name}: {width} px wide; {', '.join(culprits)}"
        for name, (width, culprits) in too_wide.items()
    )
    assert csp_violations == []


def test_the_reflow_check_sees_a_page_that_scrolls_sideways(site, open_context):
    """The measurement itself: a block wider than 320 px makes the page scroll."""
    page = open_context("de", viewport=NARROW).new_page()
    page.goto(site.article_path)
    page.locator("h1").evaluate("(h1) => { h1.style.whiteSpace = 'nowrap'; }")
    assert page.evaluate("document.documentElement.scrollWidth") > NARROW["width"]
    assert page.evaluate(WIDER_THAN_THE_VIEWPORT)


# --- Contrast that axe does not measure ---------------------------------------------------

# Colours as the browser paints them (canvas reads any CSS colour syntax, color-mix()
# included), the background an element sits on (its own and its ancestors' backgrounds,
# composited), and the WCAG contrast ratio of one over the other.
CONTRAST_JS = """
const canvas = document.createElement('canvas');
canvas.width = canvas.height = 1;
const pen = canvas.getContext('2d', { willReadFrequently: true });
const rgba = (css) => {
    pen.clearRect(0, 0, 1, 1);
    pen.fillStyle = 'transparent';
    pen.fillStyle = css;
    pen.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = pen.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
};
const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
const backgroundOf = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
        const colour = rgba(getComputedStyle(node).backgroundColor);
        if (colour[3] > 0) layers.push(colour);
        if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
};
const luminance = (colour) => {
    const [r, g, b] = colour.slice(0, 3).map((c) => {
        c /= 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const contrast = (fg, bg) => {
    const [a, b] = [luminance(over(fg, bg)), luminance(bg)].sort((x, y) => y - x);
    return Math.round(((a + 0.05) / (b + 0.05)) * 100) / 100;
};
const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.name ? `[name=${el.name}]` : '') + (el.className && typeof el.className === 'string'
    ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
const shown = (el) => el.getClientRects().length > 0 && !el.closest('[aria-hidden=true], [hidden]');
"""

FIELD_BORDERS_JS = (
    "() => {"
    + CONTRAST_JS
    + """
    const fields = 'input:not([type=hidden]):not([type=radio]):not([type=checkbox]), textarea, select';
    return [...document.querySelectorAll(fields)].filter(shown).map((el) => {
        const style = getComputedStyle(el);
        const border = rgba(style.borderTopColor);
        const outside = backgroundOf(el.parentElement);
        const inside = backgroundOf(el);
        return {
            field: describe(el),
            width: parseFloat(style.borderTopWidth),
            ratio: Math.min(contrast(border, outside), contrast(border, inside)),
        };
    });
}"""
)

FOCUS_RING_JS = (
    "(el) => {"
    + CONTRAST_JS
    + """
    const style = getComputedStyle(el);
    return {
        element: describe(el),
        focused: el === document.activeElement && el.matches(':focus-visible'),
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        // The ring sits outline-offset away from the element, on its parent's background.
        ratio: contrast(rgba(style.outlineColor), backgroundOf(el.parentElement)),
    };
}"""
)

TEXT_CONTRAST_JS = (
    "(el) => {"
    + CONTRAST_JS
    + """
    return { element: describe(el), ratio: contrast(rgba(getComputedStyle(el).color), backgroundOf(el)) };
}"""
)

FOCUSABLE = [
    ".masthead__name",
    "#site-search",
    ".passage__count",
    ".masthead__search button",
    ".sections a",
    ".comment__reply",
    ".vote button",
    "#subscribe input[type=radio]",
    "#subscribe input[type=email]",
    "#subscribe button",
    "#comment-body",
    "#comment-notify",
    "[data-comment-form] button[type=submit]",
    ".discussion__filter a",
    ".site-footer a",
]
# Text that axe may leave "incomplete" (translucent and mixed backgrounds): measured here.
COLOURED_TEXT = [
    "mark.passage",
    ".passage__count",
    ".field-error",
    ".vote button[aria-pressed=true]",
]


def measure_contrast(site, open_context, scheme: str) -> dict:
    """Field borders, focus rings and the coloured text of the article, in one scheme."""
    page = open_context("de", viewport=DESKTOP, color_scheme=scheme).new_page()
    site.state("article, reply form in error").open(page)
    vote = page.locator(".vote button").first
    vote.click()
    expect(vote).to_have_attribute("aria-pressed", "true")

    measured = {"fields": page.evaluate(FIELD_BORDERS_JS), "rings": [], "text": []}
    page.keyboard.press("Tab")  # keyboard modality: programmatic focus now shows the ring
    for selector in FOCUSABLE:
        element = page.locator(selector).first
        element.focus()
        measured["rings"].append({"selector": selector, **element.evaluate(FOCUS_RING_JS)})
    for selector in COLOURED_TEXT:
        measured["text"].append(
            {"selector": selector, **page.locator(selector).first.evaluate(TEXT_CONTRAST_JS)}
        )
    return measured


@pytest.mark.parametrize("scheme", SCHEMES)
def test_field_borders_focus_rings_and_coloured_text_have_enough_contrast(
    site, open_context, scheme
):
    measured = measure_contrast(site, open_context, scheme)

    fields = measured["fields"]
    assert len(fields) >= 5, fields  # search, subscribe e-mail, name, e-mail, website, comment
    weak_borders = [f for f in fields if f["width"] < 1 or f["ratio"] < 3]
    assert weak_borders == [], f"{scheme}: field borders under 3:1: {weak_borders}"
    weak_rings = [
        ring
        for ring in measured["rings"]
        if not ring["focused"] or ring["style"] == "none" or ring["width"] < 2 or ring["ratio"] < 3
    ]
    assert weak_rings == [], f"{scheme}: focus rings missing or under 3:1: {weak_rings}"
    weak_text = [text for text in measured["text"] if text["ratio"] < 4.5]
    assert weak_text == [], f"{scheme}: text under 4.5:1: {weak_text}"


def test_the_contrast_check_sees_a_faint_border(site, open_context):
    page = open_context("de", viewport=DESKTOP).new_page()
    page.goto(site.article_path)
    page.locator("#site-search").evaluate("(el) => { el.style.borderColor = '#ddd6c8'; }")
    [search] = [f for f in page.evaluate(FIELD_BORDERS_JS) if f["field"].startswith("input#site")]
    assert search["ratio"] < 1.5


# --- Reduced motion ------------------------------------------------------------------------

MOTION_JS = """() => {
    const seconds = (value) => Math.max(...value.split(',').map((part) => parseFloat(part) || 0));
    const moving = [];
    for (const el of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
            const style = getComputedStyle(el, pseudo);
            const transition = seconds(style.transitionDuration) + seconds(style.transitionDelay);
            const animation = style.animationName === 'none' ? 0 : seconds(style.animationDuration);
            if (transition > 0 || animation > 0) {
                moving.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ''}`);
            }
        }
    }
    return {
        moving: moving.slice(0, 10),
        count: moving.length,
        scroll: getComputedStyle(document.documentElement).scrollBehavior,
    };
}"""


def test_nothing_moves_for_readers_who_ask_for_reduced_motion(site, open_context):
    page = open_context("de", viewport=DESKTOP, reduced_motion="reduce").new_page()
    site.state("article, reply form in error").open(page)

    motion = page.evaluate(MOTION_JS)

    assert motion["count"] == 0, motion["moving"]
    assert motion["scroll"] == "auto"


def test_buttons_ease_their_colours_for_everyone_else(site, open_context):
    """What the reduced-motion test switches off is there without the preference."""
    page = open_context("de", viewport=DESKTOP, reduced_motion="no-preference").new_page()
    page.goto(site.article_path)

    motion = page.evaluate(MOTION_JS)

    assert motion["count"] > 0


# --- axe-core ------------------------------------------------------------------------------

RUN_AXE = """async (only) => {
    const options = { resultTypes: ['violations'] };
    if (only) options.runOnly = { type: 'rule', values: only };
    const result = await axe.run(document, options);
    return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
            summary: v.nodes[0] && v.nodes[0].failureSummary,
        }));
}"""


# The dark scheme changes colours only (the markup is the same): there axe checks colours
# (AA: color-contrast-enhanced is AAA and off by default, as in the light run).
RULES_FOR_SCHEME = {"light": None, "dark": ["color-contrast", "link-in-text-block"]}


def axe_violations(page, script: Path, *, only: list[str] | None = None) -> list[dict]:
    page.add_script_tag(path=str(script))
    return page.evaluate(RUN_AXE, only)


@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["desktop", "320px"])
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_serious_violations(
    axe_script, site, open_context, language, scheme, viewport
):
    # add_script_tag inlines axe.min.js into the page, and our CSP (script-src 'self',
    # no 'unsafe-inline') refuses inline scripts: this context ONLY bypasses the CSP, so
    # axe can run. Every other context in this module keeps it, and the reflow test
    # asserts that the pages themselves trip no CSP violation.
    context = open_context(language, viewport=viewport, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()

    found = {}
    for state in (state for state in site.states if state.axe):
        state.open(page)
        if violations := axe_violations(page, axe_script, only=RULES_FOR_SCHEME[scheme]):
            found[state.name] = violations

    assert found == {}, "\n".join(
        f"{name}: {v['id']} ({v['impact']}: {v['help']}) at {v['targets']}\n    {v['summary']}"
        for name, violations in found.items()
        for v in violations
    )


def test_the_csp_refuses_axe_outside_the_axe_context(axe_script, site, open_context):
    """Why the axe context bypasses the CSP: in any other, the injected script never runs."""
    page = open_context("de", viewport=DESKTOP).new_page()
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(site.article_path)

    with contextlib.suppress(PlaywrightError):
        page.add_script_tag(path=str(axe_script))

    assert page.evaluate("typeof window.axe") == "undefined"
    assert any("Content Security Policy" in message for message in messages), messages


def test_axe_reports_what_it_should(axe_script, site, open_context):
    """The harness itself: an unlabelled field is a violation that reaches the assertion."""
    page = open_context("de", viewport=DESKTOP, bypass_csp=True).new_page()
    page.goto(site.article_path)
    page.locator("#site-search").evaluate("(el) => el.labels.forEach((label) => label.remove())")
    page.locator("#site-search").evaluate("(el) => el.removeAttribute('placeholder')")

    ids = {violation["id"] for violation in axe_violations(page, axe_script)}

    assert "label" in ids
