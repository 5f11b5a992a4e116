"""Which menu entry a page belongs to (programme.navigation): the link and its group."""

import pytest
from django.utils import translation

from programme.navigation import org_menu


def current(app: str, name: str) -> list[str]:
    with translation.override("en"):
        labels = []
        for entry in org_menu(slug="aland", app=app, name=name):
            if entry.is_current:
                labels.append(str(entry.label))
            labels += [str(link.label) for link in entry.links if link.is_current]
        return labels


@pytest.mark.parametrize(
    "app, name, expected",
    [
        ("programme", "dashboard", ["Dashboard"]),
        ("programme", "action_edit", ["Programme", "Action plan"]),
        ("programme", "action_carry", ["Programme", "Outlook"]),
        ("pillars", "item_detail", ["Programme", "Pillars"]),
        ("monitor", "results", ["Monitor"]),
        ("recognition", "profile_edit", ["Recognition and letters", "Recognition"]),
        ("recognition", "letter_recompose", ["Recognition and letters", "Letters"]),
        ("programme", "member_role", ["Organisation", "Members"]),
        ("programme", "regulation_edit", ["Organisation", "Regulations"]),
        ("employer_support", "end", ["Organisation", "Carer support"]),
    ],
)
def test_a_page_marks_its_link_and_the_group_that_holds_it(db, app, name, expected):
    assert current(app, name) == expected


def test_every_link_points_into_the_organisation(db):
    links = [e.link for e in org_menu(slug="aland", app="", name="") if e.link]
    links += [link for e in org_menu(slug="aland", app="", name="") for link in e.links]
    assert len(links) == 15  # with the privacy page of the statements (issue 17)
    assert all(link.href.startswith("/o/aland/") for link in links)
