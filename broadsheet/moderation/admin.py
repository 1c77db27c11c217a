from django.contrib import admin

from .models import BlocklistEntry


@admin.register(BlocklistEntry)
class BlocklistEntryAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
