#!/usr/bin/env bash
# Rebuilds fixtures/corpus (workbooks written by openpyxl, LibreOffice and repacked like Excel) from
# fixtures/*.xlsx, plus a target-table workbook typed the way an office lays it out. Needs Debian's
# python3-openpyxl and libreoffice-calc-nogui; commit the output, CI never runs the producers.
set -euo pipefail
cd "$(dirname "$0")"
/usr/bin/python3 build_corpus.py
# The office-typed fund target tables (not converted from a fixture); adds its own manifest entry.
/usr/bin/python3 build_office_targets.py
