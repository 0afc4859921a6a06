#!/usr/bin/env bash
# Keeps the interface translations in locale/ up to date; locale/README.md explains the files.
#
#   scripts/i18n.sh               update the catalogues, then compile (the usual command)
#   scripts/i18n.sh update        re-extract the project's strings and re-add the third-party ones
#   scripts/i18n.sh third-party   re-read allauth's and Django's strings (after an upgrade), then update
#   scripts/i18n.sh compile       compile the languages that are switched on into django.mo
#   scripts/i18n.sh check         validate every catalogue and count what is left to translate
#
# Needs the GNU gettext tools (msgmerge, msgcat, msgattrib, msgfmt) and the project's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[[ $PY != */* ]] || PY="$(cd "$(dirname "$PY")" && pwd)/$(basename "$PY")"

# Every catalogue kept in locale/.
LOCALES=(hi as)
# Languages whose interface text is translated, and so can be offered (LMS_INTERFACE_LANGUAGES in
# lms/settings/base.py): only these are compiled (django.mo, committed).
COMPILED=(hi as)
IGNORE=(--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=test-artifacts)

# Strings of allauth and Django that this site's pages and emails show (paths inside
# site-packages), including Django's month and weekday names, whose Hindi in Django has
# mistakes (नवमबर) and which Django has no Assamese for. allauth templates that the project
# replaces, and the flows the site does not use (passkeys and security keys), are left out;
# mobile numbers and sign-in by code are used.
THIRD_PARTY_GLOBS=(
    "allauth/account/*.py"
    "allauth/mfa/*.py"
    "allauth/mfa/base/*.py"
    "allauth/mfa/totp/*.py"
    "allauth/mfa/recovery_codes/*.py"
    "allauth/templates/account/*.html"
    "allauth/templates/account/snippets/*.html"
    "allauth/templates/account/messages/*.txt"
    "allauth/templates/account/email/*.txt"
    "allauth/templates/mfa/*.html"
    "allauth/templates/mfa/recovery_codes/*"
    "allauth/templates/mfa/totp/*"
    "allauth/templates/mfa/messages/*.txt"
    "allauth/templates/mfa/email/*.txt"
    "django/core/validators.py"
    "django/forms/fields.py"
    "django/contrib/auth/password_validation.py"
    "django/utils/dates.py"
    "django/utils/dateformat.py"
)
THIRD_PARTY_EXCLUDE='signup_by_passkey|webauthn|templates/account/email\.html$|templates/account/email_change\.html$|templates/mfa/totp/activate_form\.html$'

po() { echo "locale/$1/LC_MESSAGES/django.po"; }
extra() { echo "locale/$1/third_party.po"; }

# Carry the translations of third-party strings, which are made in django.po, back into
# third_party.po, so that the next step cannot lose them. A translation in django.po wins
# whenever it is not empty; third_party.po only fills in what django.po lacks.
sync_back() {
    local lang=$1 tmp
    [ -f "$(po "$lang")" ] && [ -f "$(extra "$lang")" ] || return 0
    tmp=$(mktemp -d)
    msgattrib --clear-obsolete -o "$tmp/current.po" "$(po "$lang")"
    msgcat --use-first -o "$tmp/known.po" "$tmp/current.po" "$(extra "$lang")"
    msgmerge --quiet --no-fuzzy-matching -o "$tmp/merged.po" "$tmp/known.po" "$(extra "$lang")"
    # msgmerge gives the result the header of django.po: put third_party.po's own back (the
    # header is the first block of a catalogue, up to the first empty line).
    {
        awk 'NF == 0 { exit } { print }' "$(extra "$lang")"
        echo
        awk 'body { print } NF == 0 { body = 1 }' "$tmp/merged.po"
    } >"$tmp/extra.po"
    # msgmerge also keeps everything else of django.po as obsolete entries: drop them.
    msgattrib --no-obsolete -o "$(extra "$lang")" "$tmp/extra.po"
    rm -rf "$tmp"
}

update() {
    local lang args=()
    for lang in "${LOCALES[@]}"; do
        sync_back "$lang"
        args+=(-l "$lang")
    done
    # --no-obsolete: strings that are no longer in the project's source are dropped rather than
    # kept as "#~" entries; the third-party ones come back from third_party.po just below.
    "$PY" manage.py makemessages "${args[@]}" --no-obsolete "${IGNORE[@]}"
    for lang in "${LOCALES[@]}"; do
        msgcat --use-first -o "$(po "$lang")" "$(po "$lang")" "$(extra "$lang")"
    done
}

third_party() {
    local site tmp lang f
    site=$("$PY" -c 'import allauth, os; print(os.path.dirname(os.path.dirname(allauth.__file__)))')
    tmp=$(mktemp -d)
    mkdir -p "$tmp/locale"
    (
        cd "$site"
        shopt -s nullglob
        for f in ${THIRD_PARTY_GLOBS[*]}; do
            [ -f "$f" ] && ! [[ $f =~ $THIRD_PARTY_EXCLUDE ]] && echo "$f"
        done
    ) | while read -r f; do
        mkdir -p "$tmp/$(dirname "$f")"
        cp "$site/$f" "$tmp/$f"
    done
    # Django's own extractor, so that template strings come out exactly as at run time.
    (cd "$tmp" && env -u DJANGO_SETTINGS_MODULE "$PY" -m django makemessages \
        -l en --keep-pot --no-obsolete --add-location=file >/dev/null)
    for lang in "${LOCALES[@]}"; do
        if [ -f "$(extra "$lang")" ]; then
            msgmerge --quiet --previous --update --backup=none "$(extra "$lang")" "$tmp/locale/django.pot"
            msgattrib --no-obsolete -o "$(extra "$lang")" "$(extra "$lang")"
        else
            mkdir -p "locale/$lang"
            msginit --no-translator --locale="$lang" -i "$tmp/locale/django.pot" -o "$(extra "$lang")"
        fi
    done
    rm -rf "$tmp"
}

compile() {
    local lang args=()
    for lang in "${COMPILED[@]}"; do args+=(-l "$lang"); done
    "$PY" manage.py compilemessages "${args[@]}" "${IGNORE[@]}"
}

check() {
    local lang f
    for lang in "${LOCALES[@]}"; do
        for f in "$(po "$lang")" "$(extra "$lang")"; do
            printf '%s: ' "$f"
            msgfmt --check --statistics -o /dev/null "$f" 2>&1
        done
    done
}

case "${1:-all}" in
    all) update; compile ;;
    update) update ;;
    third-party) third_party; update ;;
    compile) compile ;;
    check) check ;;
    *) sed -n '2,9p' "$0" >&2; exit 2 ;;
esac
