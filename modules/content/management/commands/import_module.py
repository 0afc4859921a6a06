from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale, Page

from lms.accounts.models import User
from modules.content.loader import ContentError, read_module
from modules.content.models import ModuleCataloguePage
from modules.content.services import module_import


class Command(BaseCommand):
    help = (
        "Import a module package (<name>.<language>.yaml, the assets.yaml and the translations "
        "<name>.<language>.po beside it) as drafts, in one transaction: the module, its lessons "
        "and its assessment, optionally submitted to the review workflow. Never publishes; "
        "refuses a file that fails validation and a module code the site already has."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="The module file, e.g. modules/content/packages/cp101.en.yaml"
        )
        parser.add_argument(
            "--user",
            required=True,
            help="Email of the author recorded as the pages' owner and submitter.",
        )
        parser.add_argument(
            "--language",
            action="append",
            default=[],
            metavar="CODE",
            help="Also import the translation <name>.<CODE>.po beside the file (repeatable).",
        )
        parser.add_argument(
            "--parent",
            help="The catalogue to import into: its page id or slug (default: the catalogue "
            "of the file's language).",
        )
        parser.add_argument(
            "--submit",
            action="store_true",
            help="Submit every page to the module review workflow as --user.",
        )

    def handle(self, *args, file, user, language, parent, submit, **options):
        author = User.objects.filter(email__iexact=user.strip()).first()
        if author is None:
            raise CommandError(f"No user with the email {user!r}.")
        try:
            source = read_module(file)
        except ContentError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from error
        catalogue = self._catalogue(parent, source.language)
        try:
            module = module_import(
                source=source, catalogue=catalogue, user=author, languages=language, submit=submit
            )
        except ContentError as error:
            raise CommandError(f"Nothing was imported.\n{error}") from error
        pages = Page.objects.descendant_of(module, inclusive=True).count()
        translated = ", ".join(language) or "no translations"
        then = "submitted for review" if submit else "to submit for review in the admin"
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {module.code}: {pages} draft pages ({translated}), {then}."
            )
        )

    def _catalogue(self, parent: str | None, language: str) -> ModuleCataloguePage:
        catalogues = ModuleCataloguePage.objects.filter(
            locale=Locale.objects.filter(language_code=language).first()
        )
        if parent:
            catalogues = catalogues.filter(
                **({"pk": int(parent)} if parent.isdigit() else {"slug": parent.strip("/")})
            )
        found = list(catalogues[:2])
        if len(found) != 1:
            raise CommandError(
                f"Name one catalogue in {language!r} with --parent (found {len(found)})."
                if found
                else f"No module catalogue in {language!r}"
                + (f" matches {parent!r}." if parent else ".")
            )
        return found[0]
