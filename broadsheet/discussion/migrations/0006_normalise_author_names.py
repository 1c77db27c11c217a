"""Names stored before names were normalised at input (many imported from WordPress).

The same normalisation the comment form and the importer now apply (core/text.py):
no control, bidi or zero-width characters, NFC, collapsed whitespace. A name left
empty becomes the importer's placeholder. One pass over the names, updating only
those that change.
"""

from django.conf import settings
from django.db import migrations
from django.utils import translation

from broadsheet.core.text import normalise_display_name


def normalise_names(apps, schema_editor):
    Comment = apps.get_model("discussion", "Comment")
    with translation.override(settings.LANGUAGE_CODE):
        anonymous = translation.gettext("Anonymous")
    changed = []
    for pk, name in Comment.objects.values_list("pk", "author_name").iterator(chunk_size=2000):
        clean = (normalise_display_name(name) or anonymous)[:80]
        if name and clean != name:
            changed.append(Comment(pk=pk, author_name=clean))
    Comment.objects.bulk_update(changed, ["author_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("discussion", "0005_comment_drafts")]

    operations = [migrations.RunPython(normalise_names, migrations.RunPython.noop, elidable=True)]
