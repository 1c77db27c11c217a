from django.contrib.auth import views as auth_views
from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse

from . import views
from .forms import ThrottledAuthenticationForm

app_name = "accounts"


def moved_to(name: str):
    """The German addresses the accounts had first (/konto/…), sent on for good.

    The site's language is a setting, so its addresses are language-neutral; old links
    and bookmarks keep working. 301 for reading, 308 for a form sent to the old
    address (a page cached before the move), which keeps it a POST.
    """

    def view(request):
        url = reverse(f"accounts:{name}")
        if query := request.META.get("QUERY_STRING"):
            url = f"{url}?{query}"
        response = HttpResponsePermanentRedirect(url)
        if request.method not in ("GET", "HEAD"):
            response.status_code = 308
        return response

    return view


urlpatterns = [
    path(
        "account/login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            redirect_authenticated_user=True,
            authentication_form=ThrottledAuthenticationForm,
        ),
        name="login",
    ),
    path("account/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/link/", views.request_link, name="request-link"),
    path("account/link/sent/", views.link_sent, name="link-sent"),
    path("account/link/<str:token>/", views.open_link, name="link"),
    path("account/profile/", views.profile, name="profile"),
    path("account/password/", views.password, name="password"),
    path("account/claim/", views.claim, name="claim"),
    path("account/comments/", views.my_comments, name="comments"),
    path("account/comments/<int:pk>/delete/", views.delete_comment, name="delete-comment"),
    path("konto/anmelden/", moved_to("login"), name="old-login"),
    path("konto/abmelden/", moved_to("logout"), name="old-logout"),
]
