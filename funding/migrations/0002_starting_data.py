from types import SimpleNamespace

from django.db import migrations


def create(apps, schema_editor):
    from funding.defaults import ensure

    ensure(SimpleNamespace(FundingSource=apps.get_model("funding", "FundingSource")))


class Migration(migrations.Migration):
    dependencies = [("funding", "0001_initial")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
