"""Builds fixtures/corpus: our fixtures as other programs write them, for the import specs.

Run by build-corpus.sh (Debian python3-openpyxl and libreoffice-calc-nogui); the output is
committed because CI has neither. See fixtures/README.md, section "Corpus".
"""
import copy
from datetime import date
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import openpyxl

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(ROOT, "fixtures")
OUT = os.path.join(FIXTURES, "corpus")
# ZIP entry time of everything we pack ourselves, so a rebuild of an unchanged input gives the
# same bytes for the repacked variants (openpyxl and LibreOffice stamp their own times).
ZIP_TIME = (2023, 1, 1, 0, 0, 0)

# Which importer reads each fixture and what it should find there (the fixtures' README).
FIXTURE_KINDS = {
    # unchanged: what a dry run into the seeded plan counts (goals and the breakdown per value).
    "ganzhou-2023-tasks.xlsx": {"importer": "tasks", "rows": 29, "unchanged": 29},
    "ganzhou-2023-projects.xlsx": {"importer": "projects", "rows": 29, "unchanged": 29},
    "nanchang-2023-goals.xlsx": {"importer": "goals", "rows": 18, "unchanged": 18 * 3},
    "nanchang-2023-breakdown.xlsx": {"importer": "breakdown", "rows": 13, "unchanged": 13 * 5 * 3},
    "nanchang-2023-science-fund-targets.xlsx": {"importer": "fund-targets", "projects": 1, "indicators": 61, "newProjects": 0},
    "nanchang-2023-fund-targets-half-year.xlsx": {"importer": "fund-targets", "projects": 2, "indicators": 13, "newProjects": 2},
}

OPENPYXL = f"openpyxl {openpyxl.__version__}"

# Where the product reads or writes a corpus file wrongly (keyed by corpus file, or by source fixture
# for every variant of it): the named assertions leave the file out, and pin the defect instead.
KNOWN_DEFECTS: dict = {}  # none today: the breakdown decimals and date cells are read and written back as typed
manifest = []


def soffice_version():
    out = subprocess.run(["soffice", "--version"], capture_output=True, text=True, check=True).stdout
    return "LibreOffice " + out.split()[1]


def sheet_names(path):
    return openpyxl.load_workbook(path, read_only=True).sheetnames


def record(file, source, writer, varies, expected, compare, **extra):
    entry = {"file": file, "source": source, "writer": writer, "varies": varies,
             "sheets": sheet_names(os.path.join(OUT, file)), "expected": expected, "compare": compare}
    entry.update(extra)
    defect = KNOWN_DEFECTS.get(file) or KNOWN_DEFECTS.get(source)
    if defect and not (file not in KNOWN_DEFECTS and expected.get("importer") == "fund-targets"):
        entry["knownDefect"] = defect
    manifest.append(entry)


def libreoffice_resave(source, target, work):
    """Headless Calc, its own profile per run so a desktop session or a parallel run cannot interfere."""
    name = os.path.splitext(os.path.basename(target))[0]
    staged = os.path.join(work, name + ".xlsx")
    shutil.copy(source, staged)
    profile = tempfile.mkdtemp(prefix="corpus-lo-")
    try:
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", os.path.join(work, "out"), staged],
                       check=True, capture_output=True)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    shutil.copy(os.path.join(work, "out", name + ".xlsx"), target)


# Excel's own order: the package parts first, then the workbook, its relationships, then the rest.
EXCEL_ORDER = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
               "xl/styles.xml", "xl/sharedStrings.xml"]


def excel_layout(source, target):
    """Repacks a workbook the way Excel stores it: part order above, relative relationship targets."""
    with zipfile.ZipFile(source) as zin:
        parts = {i.filename: zin.read(i) for i in zin.infolist() if not i.filename.endswith("/")}
    rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
    rels = re.sub(r'Target="/xl/', 'Target="', rels)
    parts["xl/_rels/workbook.xml.rels"] = rels.encode("utf-8")
    sheets = sorted((p for p in parts if p.startswith("xl/worksheets/sheet")), key=lambda p: int(re.findall(r"\d+", p)[0]))
    order = [p for p in EXCEL_ORDER if p in parts] + sheets
    order += [p for p in parts if p not in order]
    write_zip(target, [(p, parts[p]) for p in order])


def write_zip(target, entries):
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zout.writestr(info, data)


def shift_sheet_ids(path, ids):
    """openpyxl numbers sheet files and sheetIds 1..n in tab order; Excel keeps a sheet's id and file
    when tabs move or go. Give tab i the sheetId ids[i] and the file sheet{ids[i]}.xml in reverse, so
    neither matches the tab position."""
    with zipfile.ZipFile(path) as zin:
        infos = [i for i in zin.infolist() if not i.filename.endswith("/")]
        parts = {i.filename: zin.read(i) for i in infos}
    n = len(ids)
    rename = {f"sheet{i + 1}.xml": f"sheet{ids[n - 1 - i]}.xml" for i in range(n)}
    wb = parts["xl/workbook.xml"].decode("utf-8")
    counter = iter(ids)
    wb = re.sub(r'sheetId="\d+"', lambda m: f'sheetId="{next(counter)}"', wb)
    parts["xl/workbook.xml"] = wb.encode("utf-8")
    renamed = {}
    for name, data in parts.items():
        text_parts = ("xl/_rels/workbook.xml.rels", "[Content_Types].xml")
        if name in text_parts:
            text = data.decode("utf-8")
            text = re.sub(r"sheet(\d+)\.xml", lambda m: "@" + rename.get(f"sheet{m.group(1)}.xml", m.group(0)), text)
            data = text.replace("@", "").encode("utf-8")
        m = re.match(r"xl/worksheets/(_rels/)?(sheet\d+\.xml)(\.rels)?$", name)
        if m and m.group(2) in rename:
            name = f"xl/worksheets/{m.group(1) or ''}{rename[m.group(2)]}{m.group(3) or ''}"
        renamed[name] = data
    write_zip(path, list(renamed.items()))


def reorder_tabs(source, target):
    """Two throwaway tabs added, the first moved in front, the second deleted: the fixture's sheet
    ends up second, with a sheetId and a file number that are not its position."""
    wb = openpyxl.load_workbook(source)
    original = wb.worksheets[0].title
    note = wb.create_sheet("填表说明")
    note["A1"] = "本表由各单位填报，合并单元格请勿拆分。"
    note.merge_cells("A1:D1")
    draft = wb.create_sheet("草稿")
    draft["A1"] = "临时"
    wb.move_sheet("填表说明", offset=-(len(wb.sheetnames) - 2))
    wb.remove(draft)
    assert wb.sheetnames == ["填表说明", original], wb.sheetnames
    wb.save(target)
    shift_sheet_ids(target, [5, 2])


def variants(work):
    lo = soffice_version()
    for fixture, kind in FIXTURE_KINDS.items():
        stem = os.path.splitext(fixture)[0]
        src = os.path.join(FIXTURES, fixture)
        target = f"libreoffice-{stem}.xlsx"
        libreoffice_resave(src, os.path.join(OUT, target), work)
        record(target, fixture, lo, "re-saved by LibreOffice Calc (--convert-to xlsx): shared strings, its own styles and part order", kind, "grids")
        target = f"openpyxl-{stem}.xlsx"
        openpyxl.load_workbook(src).save(os.path.join(OUT, target))
        record(target, fixture, OPENPYXL, "load_workbook + save: inline strings, absolute relationship targets, workbook part last", kind, "grids")
        target = f"excel-layout-{stem}.xlsx"
        excel_layout(src, os.path.join(OUT, target))
        record(target, fixture, "python zipfile (repack)",
               "parts in Excel's order ([Content_Types].xml, _rels/.rels, workbook, its rels, styles, "
               "sharedStrings, sheets), relative relationship targets", kind, "grids")
        target = f"reordered-{stem}.xlsx"
        reorder_tabs(src, os.path.join(OUT, target))
        record(target, fixture, OPENPYXL + " + python zipfile",
               "a 填表说明 tab (merged A1:D1) moved in front, a 草稿 tab added and deleted; "
               "sheetIds 5, 2 and files sheet2.xml, sheet5.xml", kind, "per-sheet", extraSheets=["填表说明"])


# ---- special-fund target tables: many projects ----------------------------------------------------

WPS_AMOUNT = r"#,##0.00_);[Red]\(#,##0.00\)"


def fund_blocks():
    """The two project tables of the half-year fixture as (rows of values, merges relative to the block)."""
    ws = openpyxl.load_workbook(os.path.join(FIXTURES, "nanchang-2023-fund-targets-half-year.xlsx")).active
    blank = [r for r in range(1, ws.max_row + 1) if all(c.value in (None, "") for c in ws[r])]
    bounds = [(1, blank[0] - 1), (blank[0] + 1, ws.max_row)]
    blocks = []
    for top, bottom in bounds:
        rows = [[c.value for c in ws[r]] for r in range(top, bottom + 1)]
        merges = [(m.min_row - top, m.min_col, m.max_row - top, m.max_col) for m in ws.merged_cells.ranges if top <= m.min_row <= bottom]
        blocks.append((rows, merges))
    return blocks


def put_block(ws, top, rows, merges, project_name, amount):
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            if value is None:
                continue
            if value == "项目名称":
                values[j + 2] = project_name
                values[j + 4] = amount
            ws.cell(top + i, j + 1, value)
    for r1, c1, r2, c2 in merges:
        ws.merge_cells(start_row=top + r1, start_column=c1, end_row=top + r2, end_column=c2)
    for i, values in enumerate(rows):
        for j, value in enumerate(values):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                # WPS saves amounts with its accounting format; it prints 500 as "500.00".
                ws.cell(top + i, j + 1).number_format = WPS_AMOUNT


def twelve_projects():
    blocks = fund_blocks()
    projects = []
    for k in range(12):
        rows, merges = blocks[k % 2]
        name = f"{rows[3][2]}（第{k + 1}批）"
        projects.append((copy.deepcopy(rows), merges, name, 100 + 25 * k))
    return projects


def fund_multi():
    source = "nanchang-2023-fund-targets-half-year.xlsx"
    indicators = 6 * 7 + 6 * 6
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for k, (rows, merges, name, amount) in enumerate(twelve_projects()):
        ws = wb.create_sheet(f"项目{k + 1}")
        put_block(ws, 1, rows, merges, name, amount)
    target = "wps-formats-12-projects-12-tabs.xlsx"
    wb.save(os.path.join(OUT, target))
    record(target, source, OPENPYXL,
           "12 project tables (the fixture's two, alternately, renamed 第n批, amounts 100–375), "
           "one per tab, merged headers; amounts formatted " + WPS_AMOUNT,
           {"importer": "fund-targets", "projects": 12, "indicators": indicators, "newProjects": 12}, "fund-tables")

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "绩效目标表"
    top = 1
    for k, (rows, merges, name, amount) in enumerate(twelve_projects()):
        put_block(ws, top, rows, merges, name, amount)
        top += len(rows) + 1 + (k % 3)  # one to three blank spacer rows between tables
    target = "wps-formats-12-projects-one-tab.xlsx"
    wb.save(os.path.join(OUT, target))
    record(target, source, OPENPYXL,
           "the same 12 project tables one after another on one tab, 1–3 blank spacer rows between them; "
           "amounts formatted " + WPS_AMOUNT,
           {"importer": "fund-targets", "projects": 12, "indicators": indicators, "newProjects": 12}, "fund-tables")

    # WPS number formats on the numeric cells of the operator-columns table.
    fixture = "nanchang-2023-science-fund-targets.xlsx"
    wb = openpyxl.load_workbook(os.path.join(FIXTURES, fixture))
    ws = wb.active
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, int) and not isinstance(cell.value, bool):
                # Integers only: "0_ " prints them as written, so the table must read unchanged.
                cell.number_format = "0_ " if cell.column != 1 else "General"
            elif isinstance(cell.value, float):
                cell.number_format = "0.00_ "
    target = "wps-formats-nanchang-2023-science-fund-targets.xlsx"
    wb.save(os.path.join(OUT, target))
    record(target, fixture, OPENPYXL, 'WPS formats on the number cells: "0_ " on integers (target values, 申请金额), "0.00_ " on decimals',
           FIXTURE_KINDS[fixture], "fund-tables")


def science_variant(target, varies, change, compare="fund-tables"):
    """The operator-columns fixture with some cells typed as an office types them in WPS or Excel."""
    fixture = "nanchang-2023-science-fund-targets.xlsx"
    wb = openpyxl.load_workbook(os.path.join(FIXTURES, fixture))
    ws = wb.active
    header = next(r for r in range(1, 20) if ws.cell(r, 4).value == "三级指标")
    for r in range(header + 1, ws.max_row + 1):
        change(ws, r)
    wb.save(os.path.join(OUT, target))
    record(target, fixture, OPENPYXL, varies, FIXTURE_KINDS[fixture], compare)


def typed_cells():
    def percent(ws, r):
        # "100%" typed into a cell is the number 1 shown with 0%; the unit column still says %.
        value, unit = ws.cell(r, 6), ws.cell(r, 7)
        if unit.value == "%" and isinstance(value.value, (int, float)):
            places = len(repr(value.value).split(".")[1]) if isinstance(value.value, float) else 0
            value.value = round(value.value / 100, places + 2)
            value.number_format = "0%" if places == 0 else "0." + "0" * places + "%"

    def dates(ws, r):
        value = ws.cell(r, 6)
        m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", str(value.value or ""))
        if m:
            value.value = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            value.number_format = 'yyyy"年"m"月"d"日"'

    def amount(ws, r):
        if r == 9:  # once: the 申请金额 cell of the header block
            for row in ws.iter_rows(max_row=8):
                for cell in row:
                    if isinstance(cell.value, (int, float)):
                        cell.number_format = WPS_AMOUNT

    science_variant("wps-percent-cells-nanchang-2023-science-fund-targets.xlsx",
                    'the % targets typed as percentages: 100 stored as 1 with "0%", 2.1 as 0.021 with "0.0%"', percent,
                    compare="fund-values")
    science_variant("date-cells-nanchang-2023-science-fund-targets.xlsx",
                    'the 时限 targets (2023年12月31日) as date cells formatted yyyy"年"m"月"d"日"', dates)
    science_variant("wps-amount-nanchang-2023-science-fund-targets.xlsx",
                    "申请金额 58600 formatted " + WPS_AMOUNT + " (prints 58,600.00)", amount)


def main():
    os.makedirs(OUT, exist_ok=True)
    for name in os.listdir(OUT):
        if name.endswith(".xlsx"):
            os.remove(os.path.join(OUT, name))
    work = tempfile.mkdtemp(prefix="corpus-")
    try:
        variants(work)
        fund_multi()
        typed_cells()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with open(os.path.join(OUT, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump({"generatedBy": "scripts/corpus/build-corpus.sh", "files": manifest}, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(f"{len(manifest)} files in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
