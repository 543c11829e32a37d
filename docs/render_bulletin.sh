#!/bin/sh
# Render a bulletin .docx to PDF with LibreOffice, and its page 1 to PNG, to look at the layout.
# A documentation step, not a CI one. Needs:
#   apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils
#
#   docs/render_bulletin.sh BULLETIN.docx [OUTDIR]   writes OUTDIR/BULLETIN.pdf and OUTDIR/BULLETIN-page1.png
#                                                   (OUTDIR defaults to the .docx's directory)
#   docs/render_bulletin.sh --example               builds the example ledger (docs/example_ledger.sh: made-up
#                                                   reports), writes its bulletin as of 2022-06-30 and renders
#                                                   page 1 to docs/bulletin-page1.png
#
# The official fonts (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体) are rarely installed on Linux, and
# LibreOffice would set them all in one Noto CJK face. A private fontconfig file maps each to the Noto CJK
# face of its kind (the Song, FangSong and Kai faces to Noto Serif CJK SC, 小标宋 in bold; 黑体 to Noto
# Sans CJK SC), so that headings look different from body text as they will in Word. The picture shows
# the layout, not the official typefaces.
set -eu

docs=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = "--example" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    jsj=${JSJ:-$docs/../.venv/bin/jsj}
    [ -x "$jsj" ] || jsj=jsj
    JSJ="$jsj" "$docs/example_ledger.sh" "$work/example.sqlite3" >/dev/null
    "$jsj" bulletin "$work/bulletin.docx" --db "$work/example.sqlite3" --as-of 2022-06-30 --issue-no 6 >/dev/null
    "$0" "$work/bulletin.docx" "$work"
    cp "$work/bulletin-page1.png" "$docs/bulletin-page1.png"
    echo "$docs/bulletin-page1.png"
    exit 0
fi

docx=${1:?usage: render_bulletin.sh BULLETIN.docx [OUTDIR] | --example}
outdir=${2:-$(dirname "$docx")}
name=$(basename "$docx" .docx)

# A private LibreOffice profile (no clash with a running LibreOffice, nothing left in $HOME) and fonts.conf.
private=$(mktemp -d)
trap 'rm -rf "$private"' EXIT
cat >"$private/fonts.conf" <<'FONTS'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <match target="pattern">
    <test name="family"><string>方正小标宋简体</string></test>
    <edit name="family" mode="assign" binding="strong"><string>Noto Serif CJK SC</string></edit>
    <edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>
  </match>
  <alias binding="strong"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="strong"><family>楷体_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="strong"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="strong"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
</fontconfig>
FONTS
FONTCONFIG_FILE="$private/fonts.conf" libreoffice -env:UserInstallation="file://$private/profile" --headless \
    --convert-to pdf --outdir "$outdir" "$docx" >/dev/null

pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$outdir/$name.pdf" "$outdir/$name-page1"
echo "$outdir/$name.pdf"
echo "$outdir/$name-page1.png"
