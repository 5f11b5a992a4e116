"""The seeded pillars and checklists, in Dutch and English."""

from django.utils import translation

from pillars.models import ChecklistItem, Pillar


def test_the_four_pillars_are_seeded_in_their_order(db):
    assert list(Pillar.objects.values_list("key", flat=True)) == [
        "bespreken",
        "beschrijven",
        "bekwamen",
        "borgen",
    ]


def test_every_pillar_has_standard_items_with_both_languages(db):
    for pillar in Pillar.objects.all():
        items = pillar.items.filter(organisation__isnull=True)
        assert items.count() >= 4, pillar.key
        for item in items:
            assert item.text and item.text_en and item.guidance and item.guidance_en


def test_borgen_holds_the_four_items_of_its_worksheet(db):
    texts = " ".join(Pillar.objects.get(key="borgen").items.values_list("text", flat=True))
    for words in ["functioneringsgesprekken", "intranet", "Nieuwe medewerkers", "Dag van de"]:
        assert words in texts


def test_bekwamen_items_say_they_are_derived(db):
    for item in ChecklistItem.objects.filter(pillar__key="bekwamen"):
        assert item.guidance.startswith("Afgeleid")
        assert item.guidance_en.startswith("Derived")


def test_items_speak_the_language_of_the_interface(db):
    item = ChecklistItem.objects.filter(pillar__key="borgen").first()
    with translation.override("en"):
        assert item.display_text == item.text_en
    with translation.override("nl"):
        assert item.display_text == item.text


def test_no_standard_item_asks_about_anyones_health(db):
    for text in ChecklistItem.objects.values_list("text", flat=True):
        assert "diagnose" not in text.lower()
