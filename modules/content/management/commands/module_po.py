import polib
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from modules.content.assets import assets_ensure
from modules.content.loader import (
    ContentError,
    build_pages,
    module_streams,
    read_module,
    read_translation,
    translation_merge,
    translation_template,
)


class Command(BaseCommand):
    help = (
        "Write the PO file <name>.<LANGUAGE>.po beside a module file for its translators: every "
        "message of the module's pages, keeping the translations the file already has; those "
        "whose source text changed are kept marked fuzzy (the import refuses them until checked). "
        "Nothing is written to the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="The module file, e.g. modules/content/packages/cp101.en.yaml"
        )
        parser.add_argument("language", help="The language of the translation, e.g. hi")

    def handle(self, *args, file, language, **options):
        try:
            source = read_module(file)
            path = source.translation_path(language)
            previous = read_translation(path) if path.exists() else None
        except ContentError as error:
            raise CommandError(str(error)) from error
        if language == source.language:
            raise CommandError(f"{source.name} is in {language!r} already.")
        po = translation_merge(self._template(source), previous)
        if previous:
            old = polib.pofile(str(path))
            po.header, po.metadata = old.header, {**po.metadata, **old.metadata}
        else:
            po.header = f"{source.code}: the translation of {source.name} into {language}."
        po.metadata["Language"] = language
        po.save(str(path))
        fuzzy, empty = len(po.fuzzy_entries()), len(po.untranslated_entries())
        self.stdout.write(
            f"Wrote {path.name}: {len(po)} messages, {empty} to translate, {fuzzy} to check."
        )

    def _template(self, source) -> polib.POFile:
        # The pages are built (and the assets their blocks name made) only to be read: the
        # transaction is rolled back and any image or document file drawn for it deleted.
        with transaction.atomic():
            ids, created = assets_ensure(source.assets, source.asset_names())
            try:
                streams, problems = module_streams(source, ids)
                if problems:
                    raise CommandError(str(ContentError(source.path, problems)))
                return translation_template([page for _w, page in build_pages(source, streams)])
            finally:
                for asset in created:
                    asset.file.delete(save=False)
                transaction.set_rollback(True)
