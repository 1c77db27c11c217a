import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.shortcuts import render

from .cache import is_reachable

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
