#!/usr/bin/env bash
# Rebuilds fixtures/corpus (workbooks written by openpyxl, LibreOffice and repacked like Excel) from
# fixtures/*.xlsx. Needs Debian's python3-openpyxl and libreoffice-calc-nogui; commit the output,
# CI never runs the producers.
set -euo pipefail
cd "$(dirname "$0")"
exec /usr/bin/python3 build_corpus.py
