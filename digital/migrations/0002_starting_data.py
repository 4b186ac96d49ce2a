from types import SimpleNamespace

from django.db import migrations


def create(apps, schema_editor):
    from digital.defaults import ensure

    ensure(SimpleNamespace(**{name: apps.get_model("digital", name) for name in ("Purpose", "Platform")}))


class Migration(migrations.Migration):
    dependencies = [("digital", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
