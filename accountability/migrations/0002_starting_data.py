from types import SimpleNamespace

from django.db import migrations


def create(apps, schema_editor):
    from accountability.defaults import ensure

    names = ("DisclosureCategory", "DisclosureForm", "PetitionField")
    models = {name: apps.get_model("accountability", name) for name in names}
    ensure(SimpleNamespace(**models, CalendarDay=apps.get_model("core", "CalendarDay")))


class Migration(migrations.Migration):
    dependencies = [("accountability", "0001_initial"), ("core", "0001_calendar")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
