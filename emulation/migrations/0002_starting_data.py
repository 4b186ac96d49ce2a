from types import SimpleNamespace

from django.db import migrations


def create(apps, schema_editor):
    from emulation.defaults import ensure

    names = ("Award", "ViolationCategory", "Handling")
    ensure(SimpleNamespace(**{name: apps.get_model("emulation", name) for name in names}))


class Migration(migrations.Migration):
    dependencies = [("emulation", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
