import logging
import os
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.db import DatabaseError, connections
from django.http import (
    FileResponse,
    HttpResponse,
    HttpResponseNotFound,
    HttpResponseNotModified,
    JsonResponse,
)
from django.shortcuts import render
from django.utils._os import safe_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from django.views.static import was_modified_since

from .cache import is_reachable
from .hashing import is_trusted_peer

logger = logging.getLogger(__name__)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors' database queries here: the error may be the database.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render({"request": request}))


def _probe_response(body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    # A probe's answer is about this instant: no proxy or browser may keep it.
    response["Cache-Control"] = "no-store"
    return response


def healthz(request):
    """Liveness: the process answers HTTP. Touches nothing else, so it never flaps."""
    return _probe_response({"status": "ok"})


def database_is_reachable() -> bool:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Readiness: database unavailable (%s)", error)
        # A broken persistent connection must not be handed to the next request.
        connection.close_if_unusable_or_obsolete()
        return False
    return True


def readyz(request):
    """Readiness: the database and the caches answer now; 503 and which one did not."""
    checks = {
        "database": database_is_reachable(),
        "cache": is_reachable("default") and is_reachable("fragments"),
    }
    ready = all(checks.values())
    body = {name: "ok" if ok else "unavailable" for name, ok in checks.items()}
    return _probe_response(
        {"status": "ok" if ready else "unavailable", **body}, 200 if ready else 503
    )


# --- Uploaded media --------------------------------------------------------------------

# The only types ever stored (publishing/forms.py re-encodes every upload to one of
# them): anything else in the folder, an .svg or .html above all, is never served.
MEDIA_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
# A picture opened on its own is a document of our origin: it may show itself, nothing
# else (no script, no plug-in, no form; sandbox makes it a unique origin).
MEDIA_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
MEDIA_MAX_AGE = 24 * 3600
MEDIA_BLOCK_SIZE = 256 * 1024


def _media_headers(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    response["Cross-Origin-Resource-Policy"] = settings.BROADSHEET_MEDIA_RESOURCE_POLICY
    return response


def _media_not_found():
    # Not the HTML 404 page: no template, no query; and never cached, so a picture is
    # there the moment its article is published.
    response = HttpResponseNotFound("Not found.\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return _media_headers(response)


def _may_preview(request) -> bool:
    user = request.user
    return user.is_active and user.has_perm("publishing.view_article")


def _accel_redirect(name: str, content_type: str, *, public: bool):
    """Checked here, sent by nginx from disk (deploy/nginx: an internal location).

    Only for requests through a trusted proxy: a client that reached the app port
    directly would get an empty answer. nginx keeps Cache-Control; the internal
    location adds the media headers again, as nginx drops the others.
    """
    response = HttpResponse(content_type=content_type)
    response["X-Accel-Redirect"] = settings.BROADSHEET_MEDIA_ACCEL_REDIRECT + quote(name)
    response["Cache-Control"] = (
        f"public, max-age={MEDIA_MAX_AGE}" if public else "private, no-store"
    )
    return _media_headers(response)


@require_safe
def media(request, name: str):
    """An uploaded picture, unless it belongs only to unpublished articles.

    One indexed query per request (Image.objects.file_is_public); the user is looked
    at only for a hidden picture, so readers' requests touch no session. A proxy that
    serves /media/ from disk itself skips this check: then the random file names
    (image_upload_to) are the only protection, and it should add the same headers.
    """
    from broadsheet.publishing.models import Image
    from broadsheet.publishing.thumbnails import source_name

    content_type = MEDIA_TYPES.get(PurePosixPath(name).suffix.lower())
    if content_type is None or "\\" in name:
        return _media_not_found()
    try:
        path = Path(safe_join(settings.MEDIA_ROOT, name))
    except SuspiciousFileOperation:
        return _media_not_found()
    public = Image.objects.file_is_public(source_name(name))  # thumbnails: their image's rules
    if public is None or (not public and not _may_preview(request)):
        return _media_not_found()
    if settings.BROADSHEET_MEDIA_ACCEL_REDIRECT and is_trusted_peer(request):
        return _accel_redirect(name, content_type, public=public)
    try:
        handle = path.open("rb")
        stat = os.fstat(handle.fileno())
    except OSError:
        return _media_not_found()
    if not was_modified_since(request.META.get("HTTP_IF_MODIFIED_SINCE"), stat.st_mtime):
        handle.close()
        response = HttpResponseNotModified()
    elif request.method == "HEAD":
        handle.close()
        response = HttpResponse(content_type=content_type)
        response["Content-Length"] = str(stat.st_size)
    else:
        response = FileResponse(handle, content_type=content_type)
        response.block_size = MEDIA_BLOCK_SIZE
    response["Last-Modified"] = http_date(stat.st_mtime)
    if public:
        response["Cache-Control"] = f"public, max-age={MEDIA_MAX_AGE}"
    else:
        # An editor's preview of a draft's picture: no shared cache may keep it.
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
    return _media_headers(response)
