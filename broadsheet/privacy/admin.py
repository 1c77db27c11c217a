"""The erasure log in the admin, read-only: it answers "did you erase …?", nothing more."""

from django.contrib import admin

from .models import ErasureLog, ErasureRequest


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ErasureLog)
class ErasureLogAdmin(ReadOnly):
    list_display = ["erased_at", "subject", "requested_at", "counts"]
    list_filter = ["subject"]
    # Paste keyed_hash(address, purpose="erasure") to check an address.
    search_fields = ["email_hash"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnly):
    list_display = ["requested_at", "due_at", "language"]
    # No address in the list: the request itself is what the reader may cancel.
    fields = ["requested_at", "due_at", "language"]
