"""The editor's image picker: the media library as JSON, for the body editor's dialog.

GET only, no side effects (a thumbnail may be written to disk, nothing in the
database): nothing to forge, and the answer is an object, not an array, and JSON with
nosniff, so no other site can read it through a script tag. Reached through the admin
site (staff login) and only by people who may change articles.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.views.decorators.http import require_safe

from .models import Image
from .thumbnails import thumbnail_url

PAGE_SIZE = 24
QUERY_LIMIT = 100


@require_safe
def image_picker(request):
    """?q= searches caption, credit and alt text; ?page= from 1. Two queries in all
    (the admin's session and user aside): the person's permissions, and the page with
    one row more than it shows, which says whether there is a next one."""
    if not request.user.has_perm("publishing.change_article"):
        raise PermissionDenied
    query = " ".join(request.GET.get("q", "").split())[:QUERY_LIMIT]
    try:
        page = max(1, min(int(request.GET.get("page", "1")), 10_000))
    except ValueError:
        page = 1
    images = Image.objects.order_by("-uploaded_at", "-id")
    for word in query.split():
        images = images.filter(
            Q(caption__icontains=word)
            | Q(alt_text__icontains=word)
            | Q(credit_provider__icontains=word)
            | Q(credit_creator__icontains=word)
            | Q(licence_name__icontains=word)
        )
    start = (page - 1) * PAGE_SIZE
    rows = list(images[start : start + PAGE_SIZE + 1])
    results = [
        {
            "id": image.pk,
            "alt": image.alt_text,
            "caption": image.caption,
            "credit": image.credit_text,
            "width": image.width,
            "height": image.height,
            "thumbnail": thumbnail_url(image),
            "markdown": f"![{_alt(image.alt_text)}](image:{image.pk})",
        }
        for image in rows[:PAGE_SIZE]
    ]
    return JsonResponse(
        {
            "query": query,
            "page": page,
            "has_previous": page > 1,
            "has_next": len(rows) > PAGE_SIZE,
            "results": results,
        }
    )


def _alt(text: str) -> str:
    # The body syntax's alt text is one line without brackets (body.IMAGE_SYNTAX).
    return " ".join(text.replace("[", "(").replace("]", ")").split())[:300]
