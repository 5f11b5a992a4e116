"""The custom user model: the e-mail address is the login and is unique in any case."""

import pytest
from django.db import IntegrityError

from accounts.models import User


def test_email_is_stored_in_lower_case(db):
    user = User.objects.create_user(email="Anna.De.Vries@Example.ORG", password="x")
    assert user.email == "anna.de.vries@example.org"
    assert User.USERNAME_FIELD == "email"


def test_the_same_address_cannot_be_registered_twice(db):
    User.objects.create_user(email="anna@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="ANNA@example.org")


def test_a_user_created_without_password_cannot_log_in_until_they_choose_one(db):
    user = User.objects.create_user(email="uitgenodigd@example.org")
    assert not user.has_usable_password()


def test_superuser_is_platform_staff(db):
    admin = User.objects.create_superuser(email="beheer@example.org", password="x")
    assert admin.is_staff and admin.is_superuser


def test_display_name_prefers_the_full_name(db):
    assert str(User(email="a@example.org", full_name="Anna de Vries")) == "Anna de Vries"
    assert str(User(email="a@example.org")) == "a@example.org"


def test_a_look_alike_address_cannot_become_a_second_account(db):
    User.objects.create_user(email="advisor@example.org")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="adviſor@example.org")


def test_a_look_alike_address_is_a_form_error_in_the_admin(db):
    from accounts.admin import UserCreationForm

    User.objects.create_user(email="advisor@example.org")
    form = UserCreationForm(
        {"email": "ADVIſOR@example.org", "usable_password": "false"},
    )
    assert not form.is_valid()
    assert "email" in form.errors


def test_the_look_up_finds_an_account_by_any_spelling_that_folds_onto_it(db):
    user = User.objects.create_user(email="Advisor@Example.org")
    assert user.email_key == "advisor@example.org"
    # Case, the long s, and a full-width letter (NFKC) all fold onto the one account.
    for spelling in ["advisor@example.org", "ADVIſOR@EXAMPLE.ORG", "\uff41dvisor@example.org"]:
        assert User.objects.get_by_natural_key(spelling) == user
        assert User.objects.find_by_email(spelling) == user
    assert User.objects.find_by_email("adviser@example.org") is None


def test_adding_a_member_by_a_look_alike_address_adds_the_existing_account(advisor_a, org_b):
    from programme import services

    membership = services.membership_add(
        organisation=org_b,
        email="ADVIſOR@Steunpunt-Aland.example",
        role="manager",
        invited_by=None,
        base_url="https://example.org",
    )
    assert membership.user == advisor_a
    assert User.objects.count() == 1
