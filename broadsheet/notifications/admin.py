from django.contrib import admin, messages
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import outbox
from .models import Delivery, Subscriber, Subscription


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fk_name = "subscriber"
    fields = ["scope", "article", "comment", "confirmed_at", "language", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "verified_at", "confirmation_sent_at", "created_at"]
    list_filter = [("verified_at", admin.EmptyFieldListFilter), "language"]
    search_fields = ["email"]
    readonly_fields = ["verified_at", "confirmation_sent_at", "created_at"]
    inlines = [SubscriptionInline]

    def has_add_permission(self, request):
        # Addresses come from readers, with their consent: never typed in by staff.
        return False


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["subscriber", "scope", "article", "confirmed_at", "created_at"]
    list_filter = ["scope", ("confirmed_at", admin.EmptyFieldListFilter)]
    search_fields = ["subscriber__email", "article__title"]
    list_select_related = ["subscriber", "article"]
    raw_id_fields = ["subscriber", "article", "comment", "approval_of"]
    readonly_fields = ["confirmed_at", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.action(description=_("Send again"), permissions=["change"])
def send_again(modeladmin, request, queryset):
    count = outbox.send_again(queryset)
    modeladmin.message_user(
        request,
        ngettext("%(count)d e-mail queued again.", "%(count)d e-mails queued again.", count)
        % {"count": count},
        messages.SUCCESS,
    )


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """The outbox: what was sent, what waits, and what failed (and why)."""

    list_display = [
        "created_at", "kind", "to", "status", "attempts", "next_attempt_at", "sent_at", "reason",
    ]  # fmt: skip
    list_filter = ["status", "kind"]
    search_fields = ["to", "message_id"]
    date_hierarchy = "created_at"
    actions = [send_again]
    ordering = ["-created_at"]
    fields = [
        "kind", "to", "language", "status", "attempts", "next_attempt_at", "last_error",
        "sent_at", "created_at", "message_id", "key", "article", "comment", "subscription", "user",
    ]  # fmt: skip
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("reason"))
    def reason(self, delivery):
        """Why it failed or waits, at a glance (the whole error is on the row's page)."""
        if delivery.status not in (Delivery.Status.FAILED, Delivery.Status.RETRYING):
            return ""
        return Truncator(delivery.last_error).chars(120)
