"""Transparency figures for a period: what a DSA transparency report (Art. 15 and 24) needs.

Only counts and durations leave this module, never a name, an address or a text: the
page and its CSV may be published as they are. Each figure is one aggregate query
(six in all, whatever the period holds); the durations are fetched as pairs of
timestamps and their median and 90th percentile computed here.

A period is a pair of dates, both included, in the site's time zone.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry, Reason, Report, Sanction

# The actions that decide what readers see: the moderation decisions of Art. 15(1)(c).
DECISIONS = [
    AuditEntry.Action.APPROVE,
    AuditEntry.Action.REJECT,
    AuditEntry.Action.SPAM,
    AuditEntry.Action.HOLD,
    AuditEntry.Action.DECIDE,
]
REMOVALS = [AuditEntry.Action.REJECT, AuditEntry.Action.SPAM]


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date  # included

    @classmethod
    def last_days(cls, days: int = 30, *, today: datetime.date | None = None) -> "Period":
        today = today or timezone.localdate()
        return cls(today - datetime.timedelta(days=days - 1), today)

    @classmethod
    def last_year(cls, *, today: datetime.date | None = None) -> "Period":
        """The previous calendar year: the span of an annual transparency report."""
        year = (today or timezone.localdate()).year - 1
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """[start of the first day, start of the day after the last) as aware datetimes."""
        first = datetime.datetime.combine(self.start, datetime.time.min)
        after = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(first), timezone.make_aware(after)


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    count: int


@dataclass(frozen=True)
class Durations:
    """Time from receipt to decision, over the reports decided in the period."""

    count: int
    median: datetime.timedelta | None
    p90: datetime.timedelta | None

    @property
    def median_hours(self) -> float | None:
        return hours(self.median)

    @property
    def p90_hours(self) -> float | None:
        return hours(self.p90)


def hours(value: datetime.timedelta | None) -> float | None:
    return None if value is None else value.total_seconds() / 3600


@dataclass(frozen=True)
class Split:
    key: str
    label: str
    automated: int
    manual: int

    @property
    def total(self) -> int:
        return self.automated + self.manual


@dataclass
class TransparencyReport:
    period: Period
    reports_by_category: list[Row] = field(default_factory=list)
    removals_by_reason: list[Row] = field(default_factory=list)
    notices_by_legality: list[Row] = field(default_factory=list)
    time_to_decision: Durations | None = None
    time_to_decision_notices: Durations | None = None
    decisions_by_means: list[Split] = field(default_factory=list)
    sanctions_by_kind: list[Row] = field(default_factory=list)

    @property
    def reports_received(self) -> int:
        return sum(row.count for row in self.reports_by_category)

    @property
    def notices_received(self) -> int:
        return sum(r.count for r in self.reports_by_category if r.key == Report.Category.ILLEGAL)

    @property
    def removals(self) -> int:
        return sum(row.count for row in self.removals_by_reason)

    @property
    def automated_decisions(self) -> int:
        return sum(split.automated for split in self.decisions_by_means)

    @property
    def manual_decisions(self) -> int:
        return sum(split.manual for split in self.decisions_by_means)

    @property
    def sanctions(self) -> int:
        return sum(row.count for row in self.sanctions_by_kind)


def percentile(values: list, fraction: float):
    """The nearest-rank percentile: the smallest value with `fraction` of all at or below it.

    Always one of the measured values (no interpolation), so a published "90 % within
    two days" is true of real cases.
    """
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def median(values: list):
    """The middle value, or the mean of the two middle ones."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _durations(values: list[datetime.timedelta]) -> Durations:
    return Durations(count=len(values), median=median(values), p90=percentile(values, 0.9))


def _rows(choices, counts: dict) -> list[Row]:
    """Every choice, with zero where nothing was counted, in the choices' order."""
    return [Row(value, str(label), counts.get(value, 0)) for value, label in choices]


def _counted(queryset, name: str) -> dict:
    return {row[name]: row["n"] for row in queryset.values(name).annotate(n=Count("pk"))}


def transparency_report(period: Period) -> TransparencyReport:
    """The figures of one period (six queries)."""
    start, after = period.bounds
    report = TransparencyReport(period=period)

    received = Report.objects.filter(created_at__gte=start, created_at__lt=after)
    report.reports_by_category = _rows(
        Report.Category.choices, _counted(received.order_by(), "category")
    )

    entries = AuditEntry.objects.filter(at__gte=start, at__lt=after).order_by()
    by_reason = _counted(entries.filter(action__in=REMOVALS), "reason")
    report.removals_by_reason = _rows(Reason.choices, by_reason)
    if by_reason.get(""):
        report.removals_by_reason.append(Row("", str(_("No reason given")), by_reason[""]))

    decided = Report.objects.filter(decided_at__gte=start, decided_at__lt=after).order_by()
    legality = _counted(decided.filter(category=Report.Category.ILLEGAL), "illegal")
    report.notices_by_legality = [
        Row("illegal", str(_("Illegal")), legality.get(True, 0)),
        Row("legal", str(_("Not illegal")), legality.get(False, 0)),
    ]
    if legality.get(None):
        report.notices_by_legality.append(Row("open", str(_("Not assessed")), legality[None]))

    times = list(decided.values_list("category", "created_at", "decided_at"))
    report.time_to_decision = _durations([done - made for _c, made, done in times])
    report.time_to_decision_notices = _durations(
        [done - made for category, made, done in times if category == Report.Category.ILLEGAL]
    )

    means = {
        (row["action"], row["automated"]): row["n"]
        for row in entries.filter(action__in=DECISIONS)
        .values("action", "automated")
        .annotate(n=Count("pk"))
    }
    report.decisions_by_means = [
        Split(
            str(action),
            str(AuditEntry.Action(action).label),
            means.get((action, True), 0),
            means.get((action, False), 0),
        )
        for action in DECISIONS
    ]

    given = Sanction.objects.filter(created_at__gte=start, created_at__lt=after).order_by()
    report.sanctions_by_kind = _rows(Sanction.Kind.choices, _counted(given, "kind"))
    return report


def csv_rows(report: TransparencyReport) -> list[list]:
    """The report as rows of (section, item, value): counts and durations in hours."""

    def in_hours(value: datetime.timedelta | None) -> str:
        return "" if value is None else f"{hours(value):.1f}"

    period = report.period
    rows = [
        [_("Section"), _("Item"), _("Value")],
        [_("Period"), _("From"), period.start.isoformat()],
        [_("Period"), _("To"), period.end.isoformat()],
    ]
    rows += [[_("Reports received by type"), r.label, r.count] for r in report.reports_by_category]
    rows += [[_("Removals by reason"), r.label, r.count] for r in report.removals_by_reason]
    rows += [
        [_("Notices decided by legality"), r.label, r.count] for r in report.notices_by_legality
    ]
    for section, durations in [
        (_("Time to decision, all reports"), report.time_to_decision),
        (_("Time to decision, notices of illegal content"), report.time_to_decision_notices),
    ]:
        rows += [
            [section, _("Decided reports"), durations.count],
            [section, _("Median (hours)"), in_hours(durations.median)],
            [section, _("90th percentile (hours)"), in_hours(durations.p90)],
        ]
    for split in report.decisions_by_means:
        rows += [
            [_("Automated decisions"), split.label, split.automated],
            [_("Manual decisions"), split.label, split.manual],
        ]
    rows += [[_("Sanctions by kind"), r.label, r.count] for r in report.sanctions_by_kind]
    return [[str(cell) for cell in row] for row in rows]
