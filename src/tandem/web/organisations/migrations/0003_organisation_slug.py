"""Organisations get a unique slug (for the API and the command line), filled for
existing rows from their names: ``acme``, ``acme-2``, ... in the order they were made."""

from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Organisation = apps.get_model("organisations", "Organisation")
    taken = set()
    for organisation in Organisation.objects.order_by("pk"):
        base = slugify(organisation.name)[:52].strip("-") or "organisation"
        if base.isdigit():
            base = f"org-{base}"
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        organisation.slug = slug
        organisation.save(update_fields=["slug"])


class Migration(migrations.Migration):

    dependencies = [
        ("organisations", "0002_organisation_retention_months"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="slug",
            # No index yet: the unique one comes with the AlterField (on PostgreSQL an
            # index here and another there would both create the same _like index).
            field=models.SlugField(max_length=60, null=True, db_index=False,
                                   verbose_name="slug"),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="organisation",
            name="slug",
            field=models.SlugField(max_length=60, unique=True, verbose_name="slug"),
        ),
    ]
