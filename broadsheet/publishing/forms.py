"""Editor forms. Uploaded images are re-encoded so that only real pixels are stored."""

import io
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from .models import Image

# Decompression bombs: refuse images with more pixels than a 50-megapixel camera.
MAX_PIXELS = 50_000_000
ACCEPTED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "png"}


def reencode_image(upload) -> SimpleUploadedFile:
    """Decode an upload and write it out again without metadata.

    Raises ValidationError for anything that is not a real, reasonably sized image.
    Re-encoding drops EXIF (camera, GPS position), comments and anything appended
    to the file, which is how polyglot files smuggle scripts.
    """
    if upload.size > settings.BROADSHEET_MAX_IMAGE_BYTES:
        raise forms.ValidationError(
            _("The file is too large (%(size)s); at most %(limit)s are allowed.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(settings.BROADSHEET_MAX_IMAGE_BYTES),
            }
        )
    try:
        upload.seek(0)
        with PILImage.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with PILImage.open(upload) as original:
            kind = original.format
            if kind not in ACCEPTED_FORMATS:
                raise forms.ValidationError(_("Only JPEG, PNG, WebP and GIF images are accepted."))
            if original.width * original.height > MAX_PIXELS:
                raise forms.ValidationError(_("The image has too many pixels."))
            picture = ImageOps.exif_transpose(original)
            picture.load()
    except (UnidentifiedImageError, OSError, SyntaxError, PILImage.DecompressionBombError):
        raise forms.ValidationError(
            _("This file is not an image we can read. Please upload a JPEG, PNG, WebP or GIF.")
        ) from None

    out = io.BytesIO()
    extension = ACCEPTED_FORMATS[kind]
    if extension == "jpg":
        picture.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
        content_type = "image/jpeg"
    elif extension == "webp":
        picture.save(out, "WEBP", quality=85)
        content_type = "image/webp"
    else:
        if picture.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            picture = picture.convert("RGBA")
        picture.save(out, "PNG", optimize=True)
        content_type = "image/png"
    name = f"{Path(upload.name).stem[:80] or 'image'}.{extension}"
    return SimpleUploadedFile(name, out.getvalue(), content_type=content_type)


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = [
            "file", "alt_text", "caption", "credit_provider", "credit_creator",
            "licence_name", "licence_url", "source_url",
        ]  # fmt: skip

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            return reencode_image(upload)
        return upload
