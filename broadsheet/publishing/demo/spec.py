"""The shape of the demo content: plain data, turned into rows by loader.py."""

from dataclasses import dataclass

BY_SA_3 = ("CC BY-SA 3.0", "https://creativecommons.org/licenses/by-sa/3.0/deed.de")
BY_SA_4 = ("CC BY-SA 4.0", "https://creativecommons.org/licenses/by-sa/4.0/deed.de")
BY_4 = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.de")
# In-house pictures carry the newsroom's credit and no open licence.
IN_HOUSE = ("", "")


@dataclass(frozen=True)
class Picture:
    """A generated lead image and the credit it is published under."""

    caption: str
    alt_text: str
    creator: str
    licence: tuple[str, str] = BY_SA_3
    provider: str = "Wikimedia"


def in_house(caption: str, alt_text: str) -> Picture:
    """A picture made by the newsroom itself: "Bildquelle: Abendlaterne/Redaktion"."""
    return Picture(
        caption, alt_text, creator="Redaktion", licence=IN_HOUSE, provider="Abendlaterne"
    )


@dataclass(frozen=True)
class Source:
    """Where a republished piece first appeared; `days_before` its publication here."""

    outlet: str
    url: str
    days_before: int = 0


@dataclass(frozen=True)
class DemoArticle:
    slug: str
    title: str
    kicker: str
    dateline: str
    dek: str
    # Markdown, indented like the code around it; loader.py dedents it.
    body: str
    authors: tuple[str, ...]  # initials, see site.AUTHORS
    categories: tuple[str, ...]  # slugs, see site.CATEGORIES
    tags: tuple[str, ...]  # names; the loader creates each tag once
    picture: Picture
    # Publication time: that many days before today, at this local clock time.
    days_ago: int
    at: str = "07:30"
    status: str = "published"
    source: Source | None = None
    corrections: tuple[str, ...] = ()
