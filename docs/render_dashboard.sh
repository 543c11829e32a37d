#!/bin/sh
# Take a picture of the cockpit (`jsj dashboard`) as a desktop browser shows it, for the README.
# A documentation step, not a CI one (CI's browser test, tests/test_dashboard.py, saves its own
# screenshots). Needs Debian's chromium and a CJK font:
#   apt-get install -y chromium fonts-noto-cjk
#
#   docs/render_dashboard.sh DASHBOARD.html OUT.png   the page at 1366 px wide, its first HEIGHT px (1700)
#   docs/render_dashboard.sh --example                builds the example ledger (docs/example_ledger.sh:
#                                                     made-up reports), writes its dashboard as of 2022-06-30
#                                                     and takes docs/dashboard.png
set -eu

docs=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--example" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    jsj=${JSJ:-$docs/../.venv/bin/jsj}
    [ -x "$jsj" ] || jsj=jsj
    JSJ="$jsj" "$docs/example_ledger.sh" "$work/example.sqlite3" >/dev/null
    "$jsj" dashboard "$work/dashboard.html" --db "$work/example.sqlite3" --as-of 2022-06-30 >/dev/null
    "$0" "$work/dashboard.html" "$docs/dashboard.png"
    exit 0
fi

page=${1:?usage: render_dashboard.sh DASHBOARD.html OUT.png | --example}
out=${2:?usage: render_dashboard.sh DASHBOARD.html OUT.png | --example}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# A fresh profile and no network: the page must draw from the file alone.
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --user-data-dir="$profile" --proxy-server=127.0.0.1:9 \
    --hide-scrollbars --window-size=1366,"${HEIGHT:-1700}" --screenshot="$out" \
    "file://$(cd "$(dirname "$page")" && pwd)/$(basename "$page")" 2>/dev/null
echo "$out"
