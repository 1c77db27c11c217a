"""Reports and DSA cases, the audit log and the statistics pages."""

from django.urls import path

from .views import cases, stats

urlpatterns = [
    path("cases/", cases.cases, name="cases"),
    path("cases/<int:pk>/", cases.case, name="case"),
    path("cases/<int:pk>/csv/", cases.case_csv, name="case-csv"),
    path("cases/<int:pk>/note/", cases.case_note, name="case-note"),
    path("cases/<int:pk>/review/", cases.case_review, name="case-review"),
    path("cases/<int:pk>/decide/", cases.case_decide, name="case-decide"),
    path("cases/<int:pk>/remove/", cases.case_remove, name="case-remove"),
    path("cases/<int:pk>/keep/", cases.case_keep, name="case-keep"),
    path("audit/", stats.audit, name="audit"),
    path("statistics/", stats.statistics_page, name="statistics"),
    path("statistics/csv/", stats.statistics_csv, name="statistics-csv"),
]
