"""Reports and DSA cases, the audit log and the statistics pages."""

urlpatterns: list = []
