import pytest

from broadsheet.discussion.models import Comment

pytestmark = pytest.mark.django_db


def test_a_guest_posts_a_comment_and_lands_on_it(lea, article, settings):
    settings.BROADSHEET_MODERATION = "none"
    response = lea.post_comment(article, "Die Stadtbahn **lohnt** sich.")
    comment = Comment.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    html = lea.page(article)
    assert f'id="comment-{comment.pk}"' in html
    assert "Die Stadtbahn <strong>lohnt</strong> sich." in html
    assert "1 Kommentar" in html
