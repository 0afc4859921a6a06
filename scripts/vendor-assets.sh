#!/bin/sh
# Re-copy the vendored third-party browser files into static/vendor/ from node_modules.
#
# The versions are pinned exactly in package.json / package-lock.json; run `npm ci` first
# (this script does it when node_modules is missing). The copied files are committed, so the
# site itself never needs Node: only someone upgrading a vendored file runs this.
set -eu

cd "$(dirname "$0")/.."

if [ ! -d node_modules ]; then
    npm ci --no-audit --no-fund
fi

vendor=static/vendor
modules=node_modules

# htmx: the minified build and its licence.
mkdir -p "$vendor/htmx"
cp "$modules/htmx.org/dist/htmx.min.js" "$vendor/htmx/htmx.min.js"
cp "$modules/htmx.org/LICENSE" "$vendor/htmx/LICENSE"

# Fonts: only the woff2 files of weights 400 and 700 for the scripts the site is written in.
# Latin comes from Noto Sans; Devanagari (Hindi) and Bengali (Assamese) from their own
# families. Each family keeps its own OFL licence file.
mkdir -p "$vendor/fonts"
for weight in 400 700; do
    cp "$modules/@fontsource/noto-sans/files/noto-sans-latin-$weight-normal.woff2" \
        "$vendor/fonts/"
    cp "$modules/@fontsource/noto-sans-devanagari/files/noto-sans-devanagari-devanagari-$weight-normal.woff2" \
        "$vendor/fonts/"
    cp "$modules/@fontsource/noto-sans-bengali/files/noto-sans-bengali-bengali-$weight-normal.woff2" \
        "$vendor/fonts/"
done
cp "$modules/@fontsource/noto-sans/LICENSE" "$vendor/fonts/OFL-noto-sans.txt"
cp "$modules/@fontsource/noto-sans-devanagari/LICENSE" "$vendor/fonts/OFL-noto-sans-devanagari.txt"
cp "$modules/@fontsource/noto-sans-bengali/LICENSE" "$vendor/fonts/OFL-noto-sans-bengali.txt"

# Chart.js: the UMD build and its licence. The sourceMappingURL line goes: the map is not
# shipped, and the manifest static storage refuses a reference to a missing file.
mkdir -p "$vendor/chartjs"
grep -v "sourceMappingURL" "$modules/chart.js/dist/chart.umd.min.js" > "$vendor/chartjs/chart.umd.min.js"
cp "$modules/chart.js/LICENSE.md" "$vendor/chartjs/LICENSE.md"

# axe-core: the accessibility rules the browser tests run on every page they visit. It is a
# test tool, never served, so it lives beside the tests rather than in static/.
tests_vendor=tests/e2e/vendor
mkdir -p "$tests_vendor/axe-core"
cp "$modules/axe-core/axe.min.js" "$tests_vendor/axe-core/axe.min.js"
cp "$modules/axe-core/LICENSE" "$tests_vendor/axe-core/LICENSE"

echo "Vendored files copied into $vendor/. Update $vendor/README.md if a version changed."
