from django.core.management.base import BaseCommand, CommandError

from certificates.models import CertificateBatch
from certificates.services import certificate_batch_run
from cohorts.models import Cohort


class Command(BaseCommand):
    help = (
        "Issue certificates for every completed enrolment of a cohort, with "
        "progress (idempotent: existing certificates are kept)."
    )

    def add_arguments(self, parser):
        parser.add_argument("cohort_slug")

    def handle(self, *args, cohort_slug, **options):
        cohort = Cohort.objects.filter(slug=cohort_slug).first()
        if cohort is None:
            raise CommandError(f"No cohort has the slug {cohort_slug!r}.")
        batch = CertificateBatch.objects.create(cohort=cohort)

        def progress(done, total):
            self.stdout.write(
                f"  {done}/{total}", ending="\r" if done < total else "\n"
            )
            self.stdout.flush()

        batch = certificate_batch_run(batch_id=batch.pk, progress=progress)
        if batch.error:
            self.stderr.write(batch.error)
        self.stdout.write(
            self.style.SUCCESS(
                f"{cohort}: {batch.done} completed enrolments processed."
            )
        )
