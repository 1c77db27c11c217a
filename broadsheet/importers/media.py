"""Pictures from a copy of wp-content/uploads: found safely, re-encoded, stored once.

A file is looked up by its path below "uploads/" (from _wp_attached_file or from the
URL), never outside --media-dir, and goes through the same re-encoding as an editor's
upload, so only verified pixels are stored. Each file becomes one Image however many
posts use it.
"""

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

from broadsheet.publishing.forms import reencode_image
from broadsheet.publishing.models import Image

from .models import ImportedObject, fingerprint_of
from .report import ImportReport

Kind = ImportedObject.Kind

UPLOADS_MARKER = "/wp-content/uploads/"


def upload_path_from_url(url: str, site_prefixes: tuple[str, ...]) -> str | None:
    """ "https://old.example/wp-content/uploads/2021/05/a.jpg" → "2021/05/a.jpg"."""
    lowered = url.lower()
    if site_prefixes and not any(lowered.startswith(p) for p in site_prefixes):
        return None
    path = unquote(urlsplit(url).path)
    if UPLOADS_MARKER not in path:
        return None
    return path.split(UPLOADS_MARKER, 1)[1] or None


class MediaLibrary:
    def __init__(self, media_dir: Path | None, *, site: str, report: ImportReport, dry_run: bool):
        self.root = media_dir.resolve() if media_dir else None
        self.site = site
        self.report = report
        self.dry_run = dry_run
        self.saved_files: list[str] = []
        self._known: dict[str, int | None] = {}

    def locate(self, relative: str) -> Path | None:
        """The file below the media folder, or None; never a path outside it."""
        if self.root is None or not relative or "\x00" in relative:
            return None
        candidate = (self.root / relative.lstrip("/")).resolve()
        if not candidate.is_relative_to(self.root) or not candidate.is_file():
            return None
        return candidate

    def image_for(
        self, relative: str, *, alt: str = "", caption: str = "", url: str = ""
    ) -> int | None:
        """The pk of the Image for this upload, importing it the first time."""
        relative = relative.lstrip("/")
        if relative in self._known:
            return self._known[relative]
        mapping = ImportedObject.objects.filter(
            site=self.site, kind=ImportedObject.Kind.MEDIA, wp_id=relative[:255]
        ).first()
        if mapping and Image.objects.filter(pk=mapping.object_id).exists():
            self._known[relative] = mapping.object_id
            self.report.count("image", "unchanged")
            return mapping.object_id
        self._known[relative] = pk = self._import(relative, alt=alt, caption=caption, url=url)
        return pk

    def _import(self, relative: str, *, alt: str, caption: str, url: str) -> int | None:
        path = self.locate(relative)
        if path is None:
            self.report.skip("image", "file not found in --media-dir", relative)
            return None
        try:
            with path.open("rb") as handle:
                clean = reencode_image(File(handle, name=path.name))
        except ValidationError:
            self.report.skip("image", "not an image we can read (re-encoding refused it)", relative)
            return None
        self.report.count("image", "created")
        if self.dry_run:
            return None
        image = Image(
            alt_text=alt[:300],
            caption=caption[:500],
            source_url=url if len(url) <= 200 else "",
        )
        image.file.save(clean.name, clean, save=False)
        self.saved_files.append(image.file.name)
        image.save()
        ImportedObject.objects.update_or_create(
            site=self.site,
            kind=ImportedObject.Kind.MEDIA,
            wp_id=relative[:255],
            defaults={"content_type": _image_type(), "object_id": image.pk},
        )
        return image.pk

    def discard_saved_files(self) -> None:
        """After a rollback: the rows are gone, so the files they pointed to go too."""
        storage = Image._meta.get_field("file").storage
        for name in self.saved_files:
            storage.delete(name)
        self.saved_files.clear()


def _image_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(Image)


@dataclass
class Attachment:
    url: str
    file: str
    alt: str
    caption: str


class PictureImport:
    """Featured images and pictures in the text: a mixin of WxrImporter (service.py)."""

    def _attachment_image(self, attachment_id: str, where: str) -> int | None:
        if attachment_id in self.attachment_images:
            return self.attachment_images[attachment_id]
        image, _mapping = self._mapped(Kind.ATTACHMENT, attachment_id, Image)
        info = self.attachments.get(attachment_id)
        if image is None and info is None:
            self.report.note(
                "featured image not in the export", f"{where}: attachment {attachment_id}"
            )
        elif image is None and self.media.root is None:
            self.report.note(
                "featured image not copied (no --media-dir); original URL kept here",
                f"{where}: {info.url}",
            )
        elif image is None:
            relative = info.file or upload_path_from_url(info.url, ()) or ""
            pk = self.media.image_for(relative, alt=info.alt, caption=info.caption, url=info.url)
            image = Image.objects.filter(pk=pk).first() if pk else None
            if image is not None:
                self._remember(
                    Kind.ATTACHMENT, attachment_id, image, fingerprint_of(info.url, relative)
                )
        self.attachment_images[attachment_id] = image.pk if image else None
        return self.attachment_images[attachment_id]

    def _content_image(self, url: str) -> str | None:
        relative = upload_path_from_url(url, self.prefixes)
        if relative is None or self.media.root is None:
            return None
        pk = self.media.image_for(relative, url=url)
        if pk is None:
            return None
        if pk not in self.image_urls:
            self.image_urls[pk] = Image.objects.get(pk=pk).file.url
        return self.image_urls[pk]
