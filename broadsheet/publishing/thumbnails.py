"""Small JPEG copies of library images, for the admin's list and the editor's picker.

Made with Pillow the first time they are asked for (or when an image is uploaded in
the admin) and kept on disk under MEDIA_ROOT/thumbs/. A thumbnail is named after its
image's stored file, whose 128 random bits (image_upload_to) are what keep it
unguessable; the media view (core/views.py) maps the name back to the image and applies
the same rules to both, a draft's lead picture included. Thumbnails are always
re-encoded by us: no uploaded byte is ever served from here.
"""

import logging
import os
import tempfile
from pathlib import Path

from django.conf import settings
from PIL import Image as Picture
from PIL import ImageOps

logger = logging.getLogger(__name__)

PREFIX = "thumbs/"
SUFFIX = ".jpg"
SIZE = (240, 240)


def thumbnail_name(image) -> str:
    """thumbs/images/2026/05/<random>.png.jpg for images/2026/05/<random>.png."""
    return f"{PREFIX}{image.file.name}{SUFFIX}"


def source_name(name: str) -> str:
    """The stored image file a media name stands for: itself, or a thumbnail's image."""
    if name.startswith(PREFIX) and name.endswith(SUFFIX):
        return name[len(PREFIX) : -len(SUFFIX)]
    return name


def thumbnail_url(image) -> str | None:
    """The thumbnail's URL, made now if it is not on disk; None if the file is unreadable."""
    if not image.file:
        return None
    target = Path(settings.MEDIA_ROOT) / thumbnail_name(image)
    if not target.exists() and not make_thumbnail(image):
        return None
    return settings.MEDIA_URL + thumbnail_name(image)


def make_thumbnail(image) -> bool:
    """Write the thumbnail (atomically: a reader never sees half a file)."""
    target = Path(settings.MEDIA_ROOT) / thumbnail_name(image)
    try:
        with Picture.open(Path(settings.MEDIA_ROOT) / image.file.name) as picture:
            picture = ImageOps.exif_transpose(picture)
            picture.thumbnail(SIZE)
            if picture.mode in ("RGBA", "LA", "P"):
                picture = picture.convert("RGBA")
                flat = Picture.new("RGB", picture.size, "white")
                flat.paste(picture, mask=picture.getchannel("A"))
                picture = flat
            elif picture.mode != "RGB":
                picture = picture.convert("RGB")
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                picture.save(out, "JPEG", quality=80, optimize=True)
            os.replace(temporary, target)
    except (OSError, ValueError, Picture.DecompressionBombError) as exc:
        logger.warning("No thumbnail for %s: %s", image.file.name, exc)
        return False
    return True
