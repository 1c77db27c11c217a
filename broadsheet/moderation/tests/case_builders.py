"""Builders for the case, audit and statistics tests: reports filed through the service."""

import itertools

from broadsheet.discussion.identity import Viewer
from broadsheet.moderation import services
from broadsheet.moderation.services import ReportRequest

_readers = itertools.count(1)


def guest(n: int | None = None) -> Viewer:
    """A distinct anonymous reader (own voter key and IP hash) each call."""
    n = n or next(_readers)
    return Viewer(user=None, voter_token=f"voter-{n}", ip_hash=f"ip-{n}", network_hash=f"net-{n}")


def notice(comment, *, language="de", **fields):
    """A complete notice of illegal content (DSA Art. 16) by a new guest."""
    request = ReportRequest(
        category="illegal",
        law=fields.pop("law", "§ 185 StGB"),
        explanation=fields.pop("explanation", "Beleidigung einer Person"),
        reporter_name=fields.pop("reporter_name", "Anna Anzeige"),
        reporter_email=fields.pop("reporter_email", "anna@example.org"),
        good_faith=True,
    )
    return services.report_comment(
        comment, viewer=fields.pop("viewer", None) or guest(), request=request, language=language
    )


def report(comment, category="insult", *, language="de", **fields):
    """A plain report (spam, insult, …) by a new guest."""
    request = ReportRequest(category=category, **fields)
    return services.report_comment(comment, viewer=guest(), request=request, language=language)
