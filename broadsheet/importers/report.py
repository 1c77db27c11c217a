"""What an import did: counts per kind and outcome, every skip with its reason.

The report is for the operator who runs the command, so it is plain English; it never
reaches a web page.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

KINDS = (
    "author", "category", "tag", "post", "page", "image", "comment",
    "redirect", "feedback passage",
)  # fmt: skip
OUTCOMES = ("created", "updated", "unchanged", "skipped")
EXAMPLES = 10


@dataclass
class ImportReport:
    site: str = ""
    version: str = ""
    dry_run: bool = False
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # reason → (how many, the first few "post 12"-style examples)
    skips: dict[str, list] = field(default_factory=dict)
    notes: dict[str, list] = field(default_factory=dict)
    shortcodes: Counter = field(default_factory=Counter)
    items_read: int = 0

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        if n:
            self.counts[kind][outcome] += n

    def skip(self, kind: str, reason: str, what: str) -> None:
        self.count(kind, "skipped")
        self._remember(self.skips, f"{kind}: {reason}", what)

    def note(self, topic: str, what: str) -> None:
        """Imported, but the operator should know (private → draft, orphan reply …)."""
        self._remember(self.notes, topic, what)

    @staticmethod
    def _remember(table: dict, key: str, what: str) -> None:
        entry = table.setdefault(key, [0, []])
        entry[0] += 1
        if len(entry[1]) < EXAMPLES:
            entry[1].append(what)

    def total(self, outcome: str) -> int:
        return sum(c[outcome] for c in self.counts.values())

    @property
    def changed(self) -> bool:
        return bool(self.total("created") or self.total("updated"))

    def lines(self) -> list[str]:
        head = "Dry run, nothing was saved: " if self.dry_run else ""
        lines = [f"{head}WordPress site {self.site} (WXR {self.version}), {self.items_read} items."]
        width = max(len(k) for k in KINDS)
        lines.append(f"{'':{width}}  " + "  ".join(f"{o:>9}" for o in OUTCOMES))
        kinds = [k for k in KINDS if k in self.counts] + sorted(set(self.counts) - set(KINDS))
        for kind in kinds:
            counts = self.counts[kind]
            lines.append(f"{kind:{width}}  " + "  ".join(f"{counts[o]:>9}" for o in OUTCOMES))
        if self.skips:
            lines.append("Skipped:")
            lines += self._table(self.skips)
        if self.notes:
            lines.append("Notes:")
            lines += self._table(self.notes)
        if self.shortcodes:
            parts = ", ".join(f"[{name}] × {n}" for name, n in sorted(self.shortcodes.items()))
            lines.append(f"Shortcodes converted or removed: {parts}")
        return lines

    @staticmethod
    def _table(table: dict) -> list[str]:
        lines = []
        for key, (n, examples) in sorted(table.items()):
            more = f", … ({n - len(examples)} more)" if n > len(examples) else ""
            lines.append(f"  {key}: {n} ({', '.join(examples)}{more})")
        return lines
