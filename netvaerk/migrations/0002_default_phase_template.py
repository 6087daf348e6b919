from django.db import migrations

DEFAULT_PHASES = [
    (1, "Indsigt", "Vi undersøger udfordringen fra alle sider og samler viden og erfaringer."),
    (2, "Idéudvikling", "Vi udvikler idéer til nye løsninger på tværs af perspektiver."),
    (3, "Afprøvning", "Vi afprøver de mest lovende idéer i praksis og lærer af det."),
    (4, "Forankring", "Vi gør det, der virker, til en del af hverdagen og deler det videre."),
]


def add_default_phases(apps, schema_editor):
    PhaseTemplate = apps.get_model("netvaerk", "PhaseTemplate")
    for order, name, description in DEFAULT_PHASES:
        PhaseTemplate.objects.get_or_create(
            order=order, defaults={"name": name, "description": description}
        )


class Migration(migrations.Migration):
    dependencies = [("netvaerk", "0001_initial")]

    operations = [migrations.RunPython(add_default_phases, migrations.RunPython.noop)]
