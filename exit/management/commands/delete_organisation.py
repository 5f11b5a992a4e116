"""Delete an organisation for good after its full export: `manage.py delete_organisation <slug>`.

Refused without a full export made within EXIT_EXPORT_VALID_DAYS days; asks to type the slug
again unless --yes is given."""

from django.core.management.base import BaseCommand, CommandError

from exit import services
from programme.models import Organisation


class Command(BaseCommand):
    help = "Delete an organisation, its files and its members' lone accounts after an export."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, slug, yes, **options):
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None:
            raise CommandError(f"No organisation {slug!r}.")
        refusal = services.deletion_refusal(organisation)
        if refusal:
            raise CommandError(refusal)
        export = services.last_export(organisation)
        self.stdout.write(
            f"{organisation.name} ({slug}): full export made {export.made_at:%Y-%m-%d %H:%M} "
            f"by {export.made_by or 'a deleted account'}."
        )
        if not yes:
            answer = input(f"Type {slug} to delete it for good: ")
            if answer.strip() != slug:
                raise CommandError("Not confirmed; nothing deleted.")
        try:
            result = services.delete_organisation(organisation=organisation)
        except services.ExitError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Deleted {result.organisation}: {result.files} stored files, {result.users} accounts."
        )
