"""The admin shows reports, sanctions, notes and the audit log; it decides nothing itself."""

import pytest
from django.urls import reverse

from broadsheet.core.testing import make_article, make_comment
from broadsheet.moderation import services
from broadsheet.moderation.models import AuditEntry, Reason, Report, Sanction
from broadsheet.moderation.services import Person

from .case_builders import notice

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def filed(db):
    return notice(make_comment(make_article("Neue Radwege am Ring", slug="radwege")))


def admin_url(model: str, action: str, *args) -> str:
    return reverse(f"admin:moderation_{model}_{action}", args=args)


def test_the_audit_log_can_be_read_but_never_added_to_changed_or_deleted(
    client, moderator, admin_user, filed
):
    entry = AuditEntry.objects.get()
    for user in (moderator, admin_user):
        client.force_login(user)
        assert client.get(admin_url("auditentry", "changelist")).status_code == 200
        page = client.get(admin_url("auditentry", "change", entry.pk))
        assert page.status_code == 200 and b'name="_save"' not in page.content
        assert client.get(admin_url("auditentry", "add")).status_code == 403
        assert client.get(admin_url("auditentry", "delete", entry.pk)).status_code == 403
        response = client.post(
            admin_url("auditentry", "changelist"),
            {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
        )
        assert response.status_code in (200, 302)
        assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_a_report_is_shown_read_only_and_points_to_the_console(client, moderator, filed):
    client.force_login(moderator)
    page = client.get(admin_url("report", "change", filed.pk))
    assert page.status_code == 200
    assert reverse("moderation:case", args=[filed.pk]) in page.content.decode()
    assert b'name="_save"' not in page.content
    client.post(admin_url("report", "change", filed.pk), {"status": "decided", "illegal": "on"})
    filed.refresh_from_db()
    assert (filed.status, filed.illegal) == (Report.Status.RECEIVED, None)
    assert client.get(admin_url("report", "add")).status_code == 403
    assert client.get(admin_url("report", "changelist")).status_code == 200


def test_sanctions_are_lifted_through_the_service(client, moderator):
    sanction = services.sanction_person(
        Person("email", "troll@example.org"), actor=moderator, kind="ban", reason=Reason.SPAM
    )
    client.force_login(moderator)
    assert client.get(admin_url("sanction", "add")).status_code == 403
    response = client.post(
        admin_url("sanction", "changelist"),
        {"action": "lift", "_selected_action": [sanction.pk]},
    )
    assert response.status_code == 302
    sanction.refresh_from_db()
    assert sanction.lifted_at and sanction.lifted_by == moderator
    assert AuditEntry.objects.filter(action="lift", sanction=sanction, actor=moderator).exists()
    assert not Sanction.objects.in_force().exists()
