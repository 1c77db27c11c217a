"""Reader reports and what readers see of moderation, in Chromium, on the real server.

A guest reports a comment as illegal without JavaScript; a moderator decides the case
in the console; the reporter's receipt and decision and the author's statement of
reasons travel from the server's own task worker to an aiosmtpd server, as they would
to a mail provider. Readers then see the tombstone, the Redaktion badge, the mark of a
moderator's edit and a held comment approved from the thread, each on the next load
(the pages first-time readers get come from a cache: these tests hold it to the truth).

The site speaks German; its German catalogue is filled separately, so the texts are
the catalogue's (gettext under German), not copies of today's wording.

BROADSHEET_SCREENSHOTS=<folder> adds one more test that saves the README's screenshots.
"""

import datetime
import os
import re
import time
from pathlib import Path

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from broadsheet.accounts.models import User
from broadsheet.accounts.roles import MODERATOR, grant_role
from broadsheet.core.browser import DEFAULT_TIMEOUT_MS
from broadsheet.core.testing import make_article, make_comment
from broadsheet.discussion.models import Comment
from broadsheet.moderation.models import Reason, Report
from broadsheet.notifications.tests.conftest import SMTPServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "moderation-geheim"
# The server's own task worker delivers; it polls the queue about once a second, and a
# loaded machine may take its time starting it.
DELIVERY_SECONDS = 60
SENDER = "Zeitung Beispiel <leserpost@zeitung-beispiel.de>"
APPEALS = "widerspruch@zeitung-beispiel.de"
# The README is English; BROADSHEET_SCREENSHOTS_LANGUAGE=de shows the German site instead.
SCREENSHOT_LANGUAGE = os.environ.get("BROADSHEET_SCREENSHOTS_LANGUAGE", "en")


def de(message: str, **values) -> str:
    """What the German site says for message (the catalogue's words, or the msgid)."""
    with translation.override("de"):
        text = gettext(message)
    return text % values if values else text


def de_label(choice) -> str:
    with translation.override("de"):
        return str(choice.label)


@pytest.fixture
def smtp():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server_settings(request, smtp, server_port):
    """The server as a publisher runs it: its worker sends through our SMTP server."""
    env = {
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp.port}",
        # A sender a real mail server would take (the worker refuses reserved domains).
        "EMAIL_FROM": SENDER,
        "SITE_URL": f"http://127.0.0.1:{server_port}",
        "BROADSHEET_APPEALS": APPEALS,
        "BROADSHEET_COMMENT_MIN_SECONDS": "0",
    }
    if "screenshot_dir" in request.fixturenames:
        env["BROADSHEET_LANGUAGE"] = SCREENSHOT_LANGUAGE
    return env


@pytest.fixture
def moritz(transactional_db, settings):
    """A moderator whose password the server can check (Django's default hashers)."""
    from django.conf import global_settings

    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    user = User.objects.create_user("moritz", "moritz@zeitung-beispiel.de", PASSWORD)
    grant_role(user, MODERATOR)
    return user


@pytest.fixture
def contexts(chromium_browser, site_server, settings):
    """Open browser contexts (each its own reader); all closed after the test."""
    opened = []

    def open_page(*, javascript: bool = True):
        context = chromium_browser.new_context(
            base_url=site_server.base_url,
            locale=settings.LANGUAGE_CODE,
            java_script_enabled=javascript,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS * 3)
        opened.append(context)
        return context.new_page()

    yield open_page
    for context in opened:
        context.close()


def wait_for_mail(smtp, address: str, count: int) -> list:
    """The messages to address once count have arrived (the worker runs in the server)."""
    deadline = time.monotonic() + DELIVERY_SECONDS
    while len(smtp.to(address)) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    received = smtp.to(address)
    assert len(received) == count, [m.subject for m in received]
    return received


def log_in(page, next_url: str = "/moderation/"):
    """Through the login form, as a moderator does (works without JavaScript too)."""
    page.goto(f"/account/login/?next={next_url}")
    page.locator("#id_username").fill("moritz")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")  # the password form (the other sends a link)
    expect(page).to_have_url(re.compile(rf"^https?://[^/]+{re.escape(next_url)}(#.*)?$"))


def comment_box(page, comment):
    return page.locator(f"#comment-{comment.pk}")


# --- A notice of illegal content, from the report form to the tombstone ----------------


@pytest.fixture
def defamation(transactional_db):
    """A guest's comment with a claim about the mayor, and a reply that stays."""
    article = make_article(
        "Neubau am Hafen: Stadtrat stimmt zu", slug="neubau-hafen",
        body="Der Stadtrat hat den Neubau am Hafen mit knapper Mehrheit beschlossen.",
    )  # fmt: skip
    claim = make_comment(
        article, author_name="Karla Kritisch", author_email="karla@leserbriefe.de",
        body="Der Bürgermeister hat vom Bauunternehmer Schmiergeld kassiert, das weiß jeder.",
        created_at=timezone.now() - datetime.timedelta(hours=2),
    )  # fmt: skip
    reply = make_comment(
        article, parent=claim, author_name="Bernd Besonnen", author_email="bernd@leserbriefe.de",
        body="Gibt es dafür irgendeinen Beleg? Sonst ist das einfach eine Behauptung.",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )  # fmt: skip
    return article, claim, reply


def test_a_guest_reports_illegal_content_without_javascript_and_everyone_is_told(
    smtp, moritz, defamation, contexts
):
    article, claim, reply = defamation
    illegal = de_label(Reason.ILLEGAL)

    # Anna reports without JavaScript: a link, a form, a POST and a thank-you page.
    anna = contexts(javascript=False)
    anna.goto(article.get_absolute_url())
    link = comment_box(anna, claim).locator(".comment__report")
    expect(link).to_have_text(de("Report"))
    link.click()
    expect(anna.locator("h1")).to_have_text(de("Report a comment"))
    expect(anna.locator(".report__comment")).to_contain_text("Schmiergeld kassiert")
    form = anna.locator("form.report__form")
    form.get_by_label(de_label(Report.Category.ILLEGAL), exact=True).check()
    form.get_by_label(de("Which law does it break? (e.g. § 185 StGB, insult)")).fill(
        "§ 186 StGB (üble Nachrede)"
    )
    form.get_by_label(de("Why? (for illegal content: why it breaks the law)")).fill(
        "Eine unbelegte Tatsachenbehauptung, die den Bürgermeister verächtlich macht."
    )
    form.get_by_label(de("Your name"), exact=True).fill("Anna Anzeige")
    form.get_by_label(de("Your e-mail address (for a receipt and our decision)")).fill(
        "anna@leserbriefe.de"
    )
    form.get_by_label(
        de(
            "I am convinced in good faith that the information and allegations in this "
            "notice are accurate and complete."
        )
    ).check()
    form.get_by_role("button", name=de("Send report")).click()
    expect(anna).to_have_url(re.compile(rf"/{claim.pk}/"))
    expect(anna.locator("h1")).to_have_text(de("Thank you for your report"))

    report = Report.objects.get()
    assert (report.category, report.comment_id, report.good_faith) == ("illegal", claim.pk, True)
    assert (report.reporter_name, report.law) == ("Anna Anzeige", "§ 186 StGB (üble Nachrede)")
    assert report.language == "de"
    [receipt] = wait_for_mail(smtp, "anna@leserbriefe.de", 1)
    assert receipt.subject == de("We received your report (case %(case)s)", case=report.case_number)
    assert receipt["Content-Language"] == "de"
    assert "leserpost@zeitung-beispiel.de" in receipt["From"]
    # A notice alone does not take the comment down: that is the moderator's assessment.
    assert Comment.objects.get(pk=claim.pk).status == "approved"
    assert smtp.to("karla@leserbriefe.de") == []

    # A reader's first visit fills the page cache the tombstone must replace.
    first = contexts()
    first.goto(article.get_absolute_url())
    expect(comment_box(first, claim)).to_contain_text("Schmiergeld kassiert")

    # Moritz decides the case in the console.
    console = contexts()
    log_in(console)
    console.goto(f"/moderation/cases/{report.pk}/")
    expect(console.locator("h1")).to_contain_text(report.case_number)
    expect(console.locator(".case")).to_contain_text("Anna Anzeige")
    decide = console.locator("form[action$='/decide/']")
    decide.get_by_label(de("Yes: remove the comment")).check()
    decide.get_by_label(de("Legal ground"), exact=True).fill("§ 186 StGB")
    decide.get_by_label(de("Explanation"), exact=True).fill(
        "Die Behauptung der Bestechung ist nicht belegt und geeignet, den Bürgermeister "
        "verächtlich zu machen."
    )
    decide.get_by_role("button", name=de("Decide")).click()
    expect(console.locator(".case__status")).to_have_text(de_label(Report.Status.DECIDED))
    expect(console.locator(".case__decision")).to_contain_text("§ 186 StGB")
    report.refresh_from_db()
    assert (report.status, report.illegal, report.decided_by_id) == ("decided", True, moritz.pk)

    # The reporter learns the decision, the author why the comment went, both by SMTP.
    [_receipt, decision] = wait_for_mail(smtp, "anna@leserbriefe.de", 2)
    assert decision.subject == de(
        "Decision on your report (case %(case)s)", case=report.case_number
    )
    assert "§ 186 StGB" in decision.text
    assert "Die Behauptung der Bestechung ist nicht belegt" in decision.text
    assert APPEALS in decision.text
    [removal] = wait_for_mail(smtp, "karla@leserbriefe.de", 1)
    assert removal.subject == de("Your comment was removed")
    assert "Schmiergeld kassiert" in removal.text
    assert "§ 186 StGB" in removal.text
    assert APPEALS in removal.text
    assert "anna" not in removal.text.lower()  # the author is not told who reported

    # A new reader sees the tombstone in the comment's place, and the reply under it.
    later = contexts()
    later.goto(article.get_absolute_url())
    tombstone = comment_box(later, claim)
    expect(tombstone).to_have_class(re.compile(r"\bcomment--removed\b"))
    expect(tombstone.locator(".comment__removed")).to_have_text(
        de("Comment removed: %(reason)s", reason=illegal)
    )
    expect(later.locator(".thread")).not_to_contain_text("Schmiergeld")
    expect(tombstone.locator(".comment__report")).to_have_count(0)
    expect(comment_box(later, reply)).to_contain_text("Gibt es dafür irgendeinen Beleg?")
    # And so does the first reader on the next load.
    first.reload()
    expect(comment_box(first, claim).locator(".comment__removed")).to_have_text(
        de("Comment removed: %(reason)s", reason=illegal)
    )


# --- The Redaktion badge and a moderator's edit ----------------------------------------


@pytest.fixture
def market(transactional_db):
    article = make_article(
        "Wochenmarkt zieht auf den Domplatz", slug="wochenmarkt",
        body="Ab Mai findet der Wochenmarkt auf dem Domplatz statt.",
    )  # fmt: skip
    lea = make_comment(
        article, author_name="Lea Leserin", author_email="lea@leserbriefe.de",
        body="Endlich! Ruf mich an: 0171 2345678, dann verkaufe ich dir Honig.",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )  # fmt: skip
    return article, lea


def test_the_newsrooms_comment_carries_the_badge_and_an_edit_shows_on_the_next_load(
    moritz, market, contexts
):
    article, lea = market
    newsroom = de("Newsroom")

    # Moritz, a staff account, answers in the thread.
    staff = contexts()
    log_in(staff, article.get_absolute_url())
    staff.locator("#comment-body").fill("Der Markt beginnt um 7 Uhr, Parkplätze gibt es am Dom.")
    staff.locator("[data-comment-form] button[type=submit]").click()
    expect(staff.locator(".thread")).to_contain_text("Der Markt beginnt um 7 Uhr")
    answer = Comment.objects.get(body__startswith="Der Markt beginnt")
    assert (answer.by_newsroom, answer.status, answer.user_id) == (True, "approved", moritz.pk)

    # A reader's first visit (which fills the page cache) shows the badge on his answer.
    reader = contexts()
    reader.goto(article.get_absolute_url())
    expect(comment_box(reader, answer).locator(".badge--newsroom")).to_have_text(newsroom)
    expect(comment_box(reader, lea)).to_contain_text("0171 2345678")
    expect(comment_box(reader, lea).locator(".badge--newsroom")).to_have_count(0)
    expect(comment_box(reader, lea).locator(".comment__edited--newsroom")).to_have_count(0)

    # He takes the phone number out of Lea's comment in the console.
    staff.goto(f"/moderation/comments/{lea.pk}/")
    edit = staff.locator("[data-edit-form]")
    edit.locator("textarea[name=body]").fill("Endlich! [Telefonnummer entfernt]")
    edit.get_by_role("button", name=de("Save")).click()
    expect(staff.locator(".message")).to_have_text(de("The comment was saved."))
    assert Comment.objects.get(pk=lea.pk).staff_edited_at is not None

    # The reader's next load shows both, as does a new reader's first.
    for page in (reader, contexts(javascript=False)):
        if page is reader:
            page.reload()
        else:
            page.goto(article.get_absolute_url())
        badge = comment_box(page, answer).locator(".badge--newsroom")
        expect(badge).to_have_text(newsroom)
        expect(comment_box(page, answer)).to_contain_text("Der Markt beginnt um 7 Uhr")
        edited = comment_box(page, lea)
        expect(edited.locator(".comment__body")).to_have_text("Endlich! [Telefonnummer entfernt]")
        expect(edited.locator(".comment__edited--newsroom")).to_have_text(
            f"({de('edited by the newsroom')})"
        )
        expect(edited.locator(".badge--newsroom")).to_have_count(0)
        expect(page.locator(".thread")).not_to_contain_text("0171")


# --- A held comment approved from the thread ------------------------------------------


@pytest.fixture
def held(transactional_db):
    article = make_article(
        "Freibad öffnet früher", slug="freibad",
        body="Das Freibad öffnet in diesem Jahr schon Anfang Mai.",
    )  # fmt: skip
    make_comment(
        article, author_name="Jonas", author_email="jonas@leserbriefe.de",
        body="Schön, dann gehe ich morgens vor der Arbeit schwimmen.",
        created_at=timezone.now() - datetime.timedelta(hours=3),
    )  # fmt: skip
    first_timer = make_comment(
        article, status="pending", held_because="first_time", author_name="Frieda Neu",
        author_email="frieda@leserbriefe.de",
        body="Ist das Wasser im Mai nicht noch viel zu kalt?",
        created_at=timezone.now() - datetime.timedelta(hours=1),
    )  # fmt: skip
    return article, first_timer


def test_a_moderator_approves_a_held_comment_in_the_thread_without_javascript(
    moritz, held, contexts
):
    article, first_timer = held

    guest = contexts()
    guest.goto(article.get_absolute_url())
    expect(guest.locator(".thread")).to_contain_text("vor der Arbeit schwimmen")
    expect(comment_box(guest, first_timer)).to_have_count(0)

    moderator = contexts(javascript=False)
    log_in(moderator, article.get_absolute_url())
    box = comment_box(moderator, first_timer)
    expect(box).to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(box.locator(".comment__body")).to_have_text(
        "Ist das Wasser im Mai nicht noch viel zu kalt?"
    )
    expect(box.locator(".comment__pending")).to_be_visible()
    expect(box.locator(".comment__report")).to_have_count(0)
    box.locator(".comment__moderate").get_by_role("button", name=de("Approve")).click()
    expect(moderator).to_have_url(
        re.compile(rf"{re.escape(article.get_absolute_url())}#comment-{first_timer.pk}$")
    )
    expect(box).not_to_have_class(re.compile(r"\bcomment--pending\b"))
    expect(box.locator(".comment__moderate button[value=approve]")).to_have_count(0)
    assert Comment.objects.get(pk=first_timer.pk).status == "approved"

    # The guest's next load shows it, as does a new reader's first, like any comment.
    guest.reload()
    for page in (guest, contexts(javascript=False)):
        if page is not guest:
            page.goto(article.get_absolute_url())
        approved = comment_box(page, first_timer)
        expect(approved).to_contain_text("Ist das Wasser im Mai nicht noch viel zu kalt?")
        expect(approved).not_to_have_class(re.compile(r"\bcomment--pending\b"))
        expect(approved.locator(".comment__report")).to_have_count(1)
        expect(approved.locator(".comment__moderate")).to_have_count(0)


# --- Screenshots for the README (opt-in) ------------------------------------------------


@pytest.fixture
def screenshot_dir() -> Path:
    folder = os.environ.get("BROADSHEET_SCREENSHOTS", "").strip()
    if not folder:
        pytest.skip("screenshots only with BROADSHEET_SCREENSHOTS=<folder>")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def busy_thread(moritz, transactional_db, settings):
    """A discussion a newsroom might have on a Monday morning, and its moderation."""
    from broadsheet.accounts.roles import EDITOR
    from broadsheet.moderation import services
    from broadsheet.moderation.services import Person
    from broadsheet.moderation.tests.case_builders import notice, report

    settings.LANGUAGE_CODE = SCREENSHOT_LANGUAGE
    erika = User.objects.create_user(
        "erika", "erika@zeitung-beispiel.de", PASSWORD, display_name="Erika Brandt"
    )
    grant_role(erika, EDITOR)
    article = make_article(
        "Stadtbahn: Bürgerentscheid im Herbst", slug="stadtbahn-buergerentscheid",
        dek="Der Rat hat entschieden, die Bürger sollen das letzte Wort haben.",
        body="Freiburg. Der Gemeinderat hat am Montagabend beschlossen, die Stadtbahn zur "
        "Abstimmung zu stellen.\n\nDie neue Linie soll den Norden mit der Innenstadt "
        "verbinden. (eb)",
    )  # fmt: skip
    now = timezone.now()

    def at(hours):
        return now - datetime.timedelta(hours=hours)

    def comment(name, body, hours, **fields):
        email = fields.pop("email", f"{name.split()[0].lower()}@leserbriefe.de")
        return make_comment(
            article, author_name=name, author_email=email, body=body, created_at=at(hours),
            **fields,
        )  # fmt: skip

    greta = comment(
        "Greta Grün", "Ich habe die Sitzungsunterlagen gelesen: Die Trasse spart im Berufsverkehr "
        "zwölf Minuten pro Fahrt, und die Haltestelle am Klinikum ist endlich barrierefrei. "
        "Wer dagegen stimmt, sollte wenigstens einen besseren Vorschlag haben.",
        20, upvotes=31, downvotes=2, score=29,
    )  # fmt: skip
    jonas = comment(
        "Jonas", "Und wer bezahlt die Bauzeit? Die Läden an der Hauptstraße halten zwei Jahre "
        "Baustelle nicht durch.", 18, upvotes=12, downvotes=3, score=9,
    )  # fmt: skip
    newsroom = comment(
        "Erika Brandt", "Die Stadt hat einen Härtefallfonds für den Einzelhandel angekündigt; "
        "wir fragen nach, wie viel Geld darin ist, und berichten.",
        17, parent=jonas, user=erika, by_newsroom=True, upvotes=8, score=8,
    )  # fmt: skip
    olaf_old = comment(
        "Olaf", "Ihr Bahnfreunde seid doch alle Schwachköpfe.", 16, email="olaf@leserbriefe.de"
    )
    mira = comment(
        "Mira", "Bitte sachlich bleiben, es geht um eine Straßenbahn.", 15, parent=olaf_old,
        upvotes=6, score=6,
    )  # fmt: skip
    karl = comment(
        "Karl", "Der Bauunternehmer hat sich die Trasse beim Bürgermeister erkauft.", 14,
        upvotes=1, downvotes=9, score=-8,
    )  # fmt: skip
    comment("Ute", "Ich fahre lieber Rad, aber die Bahn gönne ich allen.", 12, upvotes=4, score=4)
    spam = comment("Billig-Kredite", "Kredit ohne Schufa: https://kredit.invalid", 11)
    services.pin_comment(greta, actor=moritz)
    services.feature_comment(greta, actor=moritz)
    services.reject_comments(
        Comment.objects.filter(pk=olaf_old.pk), actor=moritz, reason=Reason.INSULT,
        explanation="Beleidigung anderer Leser.",
    )  # fmt: skip
    services.mark_spam(Comment.objects.filter(pk=spam.pk), actor=moritz)
    olaf = Person("email", "olaf@leserbriefe.de")
    services.sanction_person(
        olaf, actor=moritz, kind="warning", reason=Reason.INSULT,
        message="Bitte bleiben Sie sachlich, sonst sperren wir Ihr Konto.",
    )  # fmt: skip
    services.add_note(olaf, actor=moritz, text="Schreibt oft nachts, meist zur Verkehrspolitik.")

    # Waiting: first-timers, a link collector, and Olaf again.
    held = {}
    for hours, name, email, body, because in [
        (5, "Tilda", None, "Endlich! Ich wohne am Klinikum und warte seit Jahren darauf.",
         "first_time"),
        (3, "Bodo", None, "Alle Fakten hier: https://bahn-fakten.invalid/1 "
         "https://bahn-fakten.invalid/2 https://bahn-fakten.invalid/3", "links"),
        (1, "Olaf", "olaf@leserbriefe.de", "Wieder so ein Artikel von Bahnlobbyisten. "
         "Wer das glaubt, ist selbst schuld.", "restricted"),
    ]:  # fmt: skip
        held[name] = comment(name, body, hours, email=email or f"{name.lower()}@leserbriefe.de",
                             status="pending", held_because=because)  # fmt: skip

    # Reports: a DSA notice waiting, one decided as not illegal, and readers' reports.
    waiting_notice = notice(
        karl, law="§ 186 StGB (üble Nachrede)", reporter_name="Anna Anzeige",
        reporter_email="anna@leserbriefe.de",
        explanation="Die Behauptung, der Bürgermeister sei bestochen worden, ist unbelegt.",
    )  # fmt: skip
    kept = notice(
        jonas, law="§ 130 StGB", reporter_email="paul@leserbriefe.de", reporter_name="Paul",
        explanation="Hetze gegen die Stadtverwaltung.",
    )  # fmt: skip
    services.decide_notice(
        kept, actor=moritz, illegal=False,
        explanation="Eine zugespitzte, aber zulässige Meinungsäußerung zur Baustelle.",
    )  # fmt: skip
    report(karl, "misinformation", explanation="Stimmt nicht.")
    report(greta, "off_topic")
    services.dismiss_reports(Comment.objects.get(pk=greta.pk), actor=moritz)
    return {
        "article": article, "greta": greta, "newsroom": newsroom, "olaf_old": olaf_old,
        "mira": mira, "karl": karl, "held": held, "notice": waiting_notice,
    }  # fmt: skip


def save_png(page, path: Path, **options) -> None:
    """A viewport screenshot in 256 colours: sharp text, a small file."""
    import io

    from PIL import Image

    raw = page.screenshot(**options)
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def scroll_to_top_of(page, selector: str, margin: int = 16) -> None:
    page.locator(selector).first.evaluate(
        "(node, margin) => window.scrollTo(0, node.getBoundingClientRect().top"
        " + window.scrollY - margin)",
        margin,
    )


def test_screenshots_for_the_readme(screenshot_dir, busy_thread, contexts):
    """Not a check: the pictures in the README's Moderation section, from a seeded thread."""
    article = busy_thread["article"]
    moderator = contexts()
    log_in(moderator)
    expect(moderator.locator("[data-item]")).to_have_count(3)
    moderator.keyboard.press("j")
    expect(moderator.locator("[data-item]").first).to_have_class(re.compile("item--current"))
    save_png(moderator, screenshot_dir / "moderation-queue.png")

    # The item and the case are long pages: taller pictures show their forms too.
    def tall(height):
        return {"full_page": True, "clip": {"x": 0, "y": 0, "width": 1280, "height": height}}

    moderator.goto(f"/moderation/comments/{busy_thread['held']['Olaf'].pk}/")
    expect(moderator.locator("[data-sanction-form]")).to_be_visible()
    save_png(moderator, screenshot_dir / "moderation-person.png", **tall(1800))

    moderator.goto(f"/moderation/cases/{busy_thread['notice'].pk}/")
    expect(moderator.locator(".case--notice")).to_be_visible()
    save_png(moderator, screenshot_dir / "moderation-case.png", **tall(1500))

    moderator.goto("/moderation/statistics/")
    save_png(moderator, screenshot_dir / "moderation-statistics.png")

    reader = contexts()
    reader.goto(f"/discussion/comments/{busy_thread['karl'].pk}/report/")
    reader.locator("input[name=category][value=illegal]").check()
    save_png(reader, screenshot_dir / "report-form.png", **tall(1350))

    reader.goto(article.get_absolute_url())
    expect(reader.locator(".comment--removed")).to_have_count(1)
    expect(reader.locator(".badge--newsroom")).to_have_count(1)
    scroll_to_top_of(reader, ".discussion__sort")
    save_png(reader, screenshot_dir / "thread-moderation.png")
