"""Editors see where old URLs lead and which inline-feedback passages were imported."""

from broadsheet.importers.models import LegacyRedirect


def test_the_old_urls_list_shows_where_each_one_leads(run_import, morgenpost, admin_client):
    run_import(morgenpost)
    page = admin_client.get("/admin/importers/legacyredirect/").content.decode()
    assert "/2021/05/03/über-uns-hinaus/" in page
    assert "/2021/05/03/ueber-uns-hinaus/" in page
    redirect = LegacyRedirect.objects.get(old_path="/?p=101")
    change = f"/admin/importers/legacyredirect/{redirect.pk}/change/"
    assert admin_client.get(change).status_code == 200


def test_imported_feedback_passages_are_listed(run_import, morgenpost, admin_client):
    run_import(morgenpost)
    page = admin_client.get("/admin/importers/importedfeedbackform/").content.decode()
    assert "umstrittener Satz über die Einigung" in page
