from django.core.management.base import BaseCommand, CommandError

from cohorts.models import Office
from cohorts.services.api_tokens import office_api_token_create


class Command(BaseCommand):
    help = (
        "Create an API token for an office and print it once (only its hash is kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("office_code", help="The office's short code, e.g. cnipa.")
        parser.add_argument("--name", default="API client", help="What will use it.")

    def handle(self, *args, office_code, name, **options):
        try:
            office = Office.objects.get(short_code=office_code.lower())
        except Office.DoesNotExist:
            raise CommandError(f"No office with short code {office_code!r}.") from None
        record, token = office_api_token_create(office=office, name=name)
        self.stdout.write(
            f"Token for {office.name} ({record.name}). Store it now; it cannot be "
            "shown again:"
        )
        self.stdout.write(token)
