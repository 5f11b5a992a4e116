"""Seed the national reference figures, each with its source (sources named per figure).

They are data so that platform staff can correct them in the admin; figures whose primary source
could not be traced are marked unverified and labelled so wherever they appear.
"""

from django.db import migrations

MAGAZINE = "Gemeenten voor Werk&Mantelzorg, magazine"

FIGURES = [
    {
        "key": "carer-share",
        "label": "Medewerkers die werk en mantelzorg combineren",
        "label_en": "Employees who combine work and caregiving",
        "percentage": "25.0",
        "source": f"IZZ 2024, geciteerd in {MAGAZINE} (in de zorg meer dan 1 op 3)",
        "is_verified": True,
    },
    {
        "key": "discussed-with-manager",
        "label": "Mantelzorgers die hun situatie met hun leidinggevende bespraken",
        "label_en": "Carers who discussed their situation with their manager",
        "percentage": "60.0",
        "source": (
            f"{MAGAZINE} (40% bespreekt het niet; primaire bron niet gevonden). "
            "SCP 2019 meldt iets meer dan de helft."
        ),
        "is_verified": False,
    },
    {
        "key": "good-solution-when-discussed",
        "label": "Mantelzorgers die na een gesprek een goede oplossing vonden",
        "label_en": "Carers who found a good solution after talking it through",
        "percentage": "80.0",
        "source": f"{MAGAZINE} (primaire bron niet gevonden)",
        "is_verified": False,
    },
    {
        "key": "knows-municipal-support",
        "label": "Werkende mantelzorgers die de gemeentelijke ondersteuning kennen",
        "label_en": "Working carers who know the municipality's support",
        "percentage": "73.0",
        "source": f"{MAGAZINE} (27% weet niet dat die bestaat)",
        "is_verified": True,
    },
    {
        "key": "uses-municipal-support",
        "label": "Werkende mantelzorgers die gemeentelijke ondersteuning gebruiken",
        "label_en": "Working carers who use the municipality's support",
        "percentage": "50.0",
        "source": f"{MAGAZINE} (50% gebruikt geen gemeentelijke ondersteuning)",
        "is_verified": True,
    },
]


def seed(apps, schema_editor):
    ReferenceFigure = apps.get_model("monitor", "ReferenceFigure")
    for figure in FIGURES:
        ReferenceFigure.objects.update_or_create(key=figure["key"], defaults=figure)


def unseed(apps, schema_editor):
    apps.get_model("monitor", "ReferenceFigure").objects.filter(
        key__in=[f["key"] for f in FIGURES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("monitor", "0001_campaigns_and_anonymous_responses")]

    operations = [migrations.RunPython(seed, unseed)]
