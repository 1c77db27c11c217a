"""Importing the discussion: threads, statuses, kinds, people, and wpDiscuz's data."""

import datetime

import pytest
from django.test import override_settings

from broadsheet.core.hashing import ip_hash
from broadsheet.discussion.identity import Viewer
from broadsheet.discussion.models import Comment, Thread
from broadsheet.discussion.services import cast_vote, rate_article
from broadsheet.importers.comments import votes_from_meta
from broadsheet.importers.models import ImportedFeedbackForm, ImportedFeedbackLink, ImportedObject
from broadsheet.publishing.models import Article

from . import wxr


@pytest.fixture
def imported(run_import, morgenpost):
    return run_import(morgenpost)


def gipfel() -> Article:
    return Article.objects.get(slug="gipfel-in-wien")


def test_comments_keep_their_wordpress_ids_so_old_anchors_still_work(imported):
    assert set(Comment.objects.filter(article=gipfel()).values_list("pk", flat=True)) == set(
        range(1001, 1012)
    )


def test_threads_are_rebuilt_with_parents_roots_paths_and_depths(imported):
    top, reply, answer = (Comment.objects.get(pk=pk) for pk in (1001, 1002, 1003))
    assert (top.parent, top.root, top.depth, top.path) == (None, None, 0, "")
    assert (reply.parent, reply.root, reply.depth, reply.path) == (top, top, 1, "0000001002/")
    assert (answer.parent, answer.root, answer.depth) == (reply, top, 2)
    assert answer.path == "0000001002/0000001003/"
    assert answer.reply_to == reply


def test_deep_threads_attach_below_the_maximum_depth_like_new_replies(run_import, tmp_path):
    chain = [wxr.comment(1)] + [wxr.comment(n, parent=n - 1) for n in range(2, 10)]
    with override_settings(BROADSHEET_COMMENT_MAX_DEPTH=3):
        run_import(wxr.write(tmp_path, wxr.document(wxr.post(1, comments=chain))))
    deepest = Comment.objects.get(pk=9)
    assert deepest.depth == 3
    assert deepest.reply_to_id == 8  # whom it answered is kept
    assert deepest.parent.depth == 2
    assert deepest.path.startswith(Comment.objects.get(pk=2).path)
    assert Thread.objects.get().comment_count == 9


def test_parents_that_come_after_their_replies_are_found(run_import, tmp_path):
    comments = [wxr.comment(5, parent=7), wxr.comment(7, parent=6), wxr.comment(6)]
    run_import(wxr.write(tmp_path, wxr.document(wxr.post(1, comments=comments))))
    assert Comment.objects.get(pk=5).path == "0000000007/0000000005/"


def test_every_comment_status_is_mapped(imported):
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses[1001] == "approved"
    assert statuses[1004] == "pending"
    assert statuses[1005] == "spam"
    assert statuses[1006] == "trash"
    assert statuses[1060] == "trash"  # post-trashed


def test_pingbacks_and_trackbacks_are_kept_but_not_shown_as_reader_comments(imported, client):
    assert Comment.objects.get(pk=1007).kind == "pingback"
    assert Comment.objects.get(pk=1008).kind == "trackback"
    page = client.get(gipfel().get_absolute_url()).content.decode()
    assert "comment-1001" in page
    assert "Anderes Blog" not in page and "Nachbarblog" not in page


def test_notes_from_wordpress_6_9_are_never_published(imported, client):
    note = Comment.objects.get(pk=1009)
    assert note.kind == "note"
    assert note.status != "approved"
    assert "Redaktionsnotiz" not in client.get(gipfel().get_absolute_url()).content.decode()


def test_dates_names_addresses_and_links_come_along(imported):
    karl = Comment.objects.get(pk=1001)
    assert karl.created_at == datetime.datetime(2021, 5, 1, 9, tzinfo=datetime.UTC)
    assert (karl.author_name, karl.author_email) == ("Karl Leser", "karl@example.org")
    assert karl.author_url == "https://karl.example.org/"
    assert karl.body_html == (
        "<p>Endlich eine Einigung!<br>\nZweite Zeile.</p>\n"
        '<p><a href="https://karl.example.org/blog" '
        'rel="nofollow ugc noopener">Mein Blog</a></p>'
    )
    assert Comment.objects.get(pk=1005).author_url == ""  # javascript: dropped


def test_ip_addresses_are_stored_only_as_keyed_hashes(imported):
    karl = Comment.objects.get(pk=1001)
    assert karl.ip_hash == ip_hash("192.0.2.44")
    assert Comment.objects.get(pk=1002).ip_hash == ip_hash("2001:db8::7")
    assert Comment.objects.get(pk=1060).ip_hash == ""  # "not-an-ip"
    stored = [str(v) for row in Comment.objects.values_list() for v in row]
    stored += [str(m.state) for m in ImportedObject.objects.all()]
    assert not any("192.0.2.44" in value for value in stored)


def test_registered_commenters_are_linked_to_their_account(run_import, morgenpost, reader):
    reader.email = "anna@morgenpost.example"
    reader.save()
    run_import(morgenpost)
    assert Comment.objects.get(pk=1011).user == reader
    assert Comment.objects.get(pk=1001).user is None


def test_registered_commenters_without_an_account_stay_guests_and_are_reported(imported):
    assert Comment.objects.get(pk=1011).user is None
    assert "registered WordPress commenter without a Broadsheet account" in imported.stdout
    record = ImportedObject.objects.get(kind="post", wp_id="101").state["comments"]
    assert record["1011"][4]["wp_user_id"] == "2"


def test_a_reply_whose_parent_is_missing_becomes_top_level_and_is_reported(imported):
    orphan = Comment.objects.get(pk=1010)
    assert (orphan.parent, orphan.depth, orphan.path) == (None, 0, "")
    assert (
        "reply whose parent is missing, imported as a top-level comment: "
        "1 (comment 1010 on post 101)" in (imported.stdout)
    )


def test_the_comment_count_is_the_number_of_approved_reader_comments(imported):
    for thread in Thread.objects.all():
        expected = Comment.objects.filter(
            article=thread.article, kind="comment", status="approved"
        ).count()
        assert thread.comment_count == expected
    assert Thread.objects.get(article=gipfel()).comment_count == 5


def test_wpdiscuz_vote_totals_are_imported_from_the_serialised_likes_and_dislikes(imported):
    karl = Comment.objects.get(pk=1001)
    assert (karl.upvotes, karl.downvotes, karl.score) == (5, 2, 3)


def test_wpdiscuz_net_votes_are_used_when_there_are_no_separate_counts(imported):
    berta = Comment.objects.get(pk=1002)
    assert (berta.upvotes, berta.downvotes, berta.score) == (0, 2, -2)


@pytest.mark.parametrize(
    ("meta", "votes"),
    [
        ({"wpdiscuz_votes_seperate": 'a:2:{s:4:"like";i:7;s:7:"dislike";i:-3;}'}, (7, 3)),
        ({"wpdiscuz_votes_seperate": 'a:2:{s:5:"likes";i:2;s:8:"dislikes";i:1;}'}, (2, 1)),
        ({"wpdiscuz_votes_seperate": 'a:2:{s:7:"dislike";s:1:"4";s:4:"like";s:2:"10";}'}, (10, 4)),
        ({"wpdiscuz_votes_seperate": 'O:8:"stdClass":0:{}', "wpdiscuz_votes": "5"}, (5, 0)),
        ({"wpdiscuz_votes": "-4"}, (0, 4)),
        ({"wpdiscuz_votes": "viele"}, None),
        ({"wpdiscuz_votes": "99999999999999"}, None),
        ({"wpdiscuz_votes_seperate": 'a:2:{s:4:"like";i:99999999999;s:7:"dislike";i:0;}'}, None),
        ({}, None),
    ],
    ids=[
        "negative dislikes",
        "plural keys",
        "strings",
        "object refused",
        "net down",
        "junk",
        "huge net",
        "huge likes",
        "none",
    ],
)
def test_vote_meta_in_every_shape_wpdiscuz_wrote(meta, votes):
    assert votes_from_meta(meta) == votes


def test_new_votes_add_to_the_imported_totals(imported, reader):
    viewer = Viewer(user=reader, voter_token="", ip_hash="x")
    result = cast_vote(Comment.objects.get(pk=1001), viewer=viewer, value=1)
    assert (result.upvotes, result.downvotes) == (6, 2)


def test_article_ratings_show_the_same_average_and_count(imported):
    thread = Thread.objects.get(article=gipfel())
    assert (thread.rating_count, thread.rating_sum) == (4, 18)
    assert thread.rating_average == 4.5


def test_a_rating_average_that_is_not_whole_is_kept_as_closely_as_it_can(run_import, tmp_path):
    meta = {"wpdiscuz_post_rating": "3.6667", "wpdiscuz_post_rating_count": "3"}
    run_import(wxr.write(tmp_path, wxr.document(wxr.post(1, meta=meta))))
    thread = Thread.objects.get()
    assert (thread.rating_count, thread.rating_sum) == (3, 11)
    assert round(thread.rating_average, 1) == 3.7


def test_new_ratings_add_to_the_imported_ones(imported, reader):
    viewer = Viewer(user=reader, voter_token="", ip_hash="x")
    result = rate_article(gipfel(), viewer=viewer, stars=5)
    assert (result.count, result.average) == (5, 4.6)


def test_wpdiscuz_closed_on_a_post_closes_its_thread(imported):
    assert Thread.objects.get(article__slug="geloescht").closed is True
    assert Thread.objects.get(article=gipfel()).closed is False


def test_wpdiscuz_closed_on_a_comment_is_recorded_and_reported(imported):
    record = ImportedObject.objects.get(kind="post", wp_id="101").state["comments"]
    assert record["1011"][4]["closed"] is True
    assert "wpDiscuz closed this conversation to replies" in imported.stdout


def test_inline_feedback_passages_are_recorded_with_their_text_selector(imported):
    form = ImportedFeedbackForm.objects.get()
    assert (form.article, form.wp_form_id, form.question, form.opened) == (
        gipfel(), "k3x9q", "Stimmt das?", True
    )  # fmt: skip
    assert form.exact == "umstrittener Satz über die Einigung"
    assert form.prefix.endswith("Ein ") and form.suffix.startswith(" steht hier.")
    text = gipfel().body_text
    assert text[form.position : form.position + len(form.exact)] == form.exact


def test_feedback_comments_are_attached_to_the_passage_where_the_mapping_is_certain(imported):
    link = ImportedFeedbackLink.objects.get()
    assert (link.comment_id, link.wp_form_id) == (1011, "7")
    assert link.form == ImportedFeedbackForm.objects.get()


def test_feedback_forms_become_editor_questions_answered_by_their_comments(imported, client):
    from broadsheet.discussion.models import EditorQuestion, Passage

    question = EditorQuestion.objects.get(article=gipfel())
    assert (question.passage, question.question) == (
        "umstrittener Satz über die Einigung",
        "Stimmt das?",
    )
    passage = Passage.objects.get(comment_id=1011)
    assert passage.question == question and passage.exact == question.passage
    html = client.get(gipfel().get_absolute_url()).content.decode()
    assert '<mark class="editor-question" id="frage-1" data-question="1">umstrittener Satz' in html


def test_feedback_comments_whose_passage_is_unknown_keep_the_form_id(run_import, tmp_path):
    content = (
        '[wpdiscuz-feedback id="a1" question="Eins?"]Erster Satz.[/wpdiscuz-feedback] '
        '[wpdiscuz-feedback id="b2" question="Zwei?"]Zweiter Satz.[/wpdiscuz-feedback]'
    )
    comments = [wxr.comment(1, meta={"wpdiscuz_feedback_form_id": "12"})]
    result = run_import(
        wxr.write(tmp_path, wxr.document(wxr.post(1, content=content, comments=comments)))
    )
    link = ImportedFeedbackLink.objects.get()
    assert (link.wp_form_id, link.form) == ("12", None)
    assert ImportedFeedbackForm.objects.count() == 2
    assert "inline feedback comment whose passage is not known (form id kept)" in result.stdout


def test_comments_on_pages_are_skipped_with_a_reason(run_import, tmp_path):
    page = wxr.post(5, post_type="page", comments=[wxr.comment(1)])
    result = run_import(wxr.write(tmp_path, wxr.document(page)))
    assert Comment.objects.count() == 0
    assert (
        "comment: comments on pages are not imported (pages have no discussion): 1" in result.stdout
    )


def test_comment_ids_already_in_use_get_new_ids_and_the_thread_still_holds(run_import, tmp_path):
    from broadsheet.core.testing import make_article, make_comment

    make_comment(make_article(), pk=2)
    comments = [wxr.comment(1), wxr.comment(2, parent=1), wxr.comment(3, parent=2)]
    result = run_import(wxr.write(tmp_path, wxr.document(wxr.post(1, comments=comments))))
    imported = Comment.objects.filter(article__slug="artikel-1").order_by("created_at", "pk")
    assert len(imported) == 3 and 2 not in {c.pk for c in imported}
    top = next(c for c in imported if c.depth == 0)
    deepest = next(c for c in imported if c.depth == 2)
    assert deepest.root == top and deepest.parent.parent == top
    assert deepest.path == f"{deepest.parent_id:010d}/{deepest.pk:010d}/"
    assert "comment ids already in use here" in result.stdout
    # New comments posted later still get fresh ids.
    assert make_comment(top.article).pk > max(c.pk for c in imported)


def test_comments_posted_after_the_import_get_fresh_ids(imported):
    from broadsheet.core.testing import make_comment

    assert make_comment(gipfel()).pk > 1060


@pytest.mark.parametrize(
    ("meta", "rating"),
    [
        ({"wpdiscuz_post_rating": "4.5", "wpdiscuz_post_rating_count": "4"}, (4, 18)),
        ({"wpdiscuz_post_rating": "4,5", "wpdiscuz_post_rating_count": "4"}, None),
        ({"wpdiscuz_post_rating": "7", "wpdiscuz_post_rating_count": "4"}, None),
        ({"wpdiscuz_post_rating": "nan", "wpdiscuz_post_rating_count": "4"}, None),
        ({"wpdiscuz_post_rating": "4", "wpdiscuz_post_rating_count": "0"}, None),
        ({"wpdiscuz_post_rating": "4", "wpdiscuz_post_rating_count": "1e30"}, None),
        ({"wpdiscuz_post_rating": "4"}, None),
    ],
)
def test_rating_meta_is_read_only_when_it_makes_sense(meta, rating):
    from broadsheet.importers.service import rating_from_meta

    assert rating_from_meta(meta) == rating
