"""Builds fixtures/corpus/office-typed-fund-targets.xlsx: three 项目支出绩效目标表 as an office types them.

Not from the product's writer: openpyxl, cell by cell, the way a department fills in the finance
bureau's form: labels in the left column, values merged across, 主管部门 | 实施单位 and the other pairs
on one row, 项目资金（万元） merged down its source rows (blank sources left blank), 支出计划（万元）
with 半年计划执行数 and 全年（程）预算数, dates typed as text, 一级 / 二级 merged down the indicator
table with blank placeholder rows left in it. One project on its own tab, two stacked on another
tab with spacer rows between. Adds (or replaces) its entry in fixtures/corpus/manifest.json.

    /usr/bin/python3 scripts/corpus/build_office_targets.py   (Debian python3-openpyxl)

The output is committed because CI has no Python. The workbook and ZIP times are fixed, so a
rebuild gives the same bytes.
"""
import datetime
import io
import json
import os
import re
import zipfile

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "fixtures", "corpus")
FILE = "office-typed-fund-targets.xlsx"
ZIP_TIME = (2023, 1, 1, 0, 0, 0)
STAMP = datetime.datetime(2023, 1, 1)

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
CENTRE = Alignment(wrap_text=True, vertical="center", horizontal="center")
BOLD = Font(name="宋体", bold=True, size=11)
BODY = Font(name="宋体", size=11)

SOURCES = ["其中：一般公共预算", "政府性基金预算", "财政专户管理资金", "国有资本经营预算", "社会保障基金", "上年结转", "其他资金"]

PROJECTS = [
    {
        "name": "科技创新券补助项目",
        "department": "南昌市科学技术局",
        "implementing": "南昌市生产力促进中心",
        "kind": "常年安排项目",
        "level": "市本级",
        "start": "2023年1月",
        "end": "2023年12月",
        "necessity": "科技型中小企业研发投入不足、购买科技服务成本较高，需要以创新券方式降低企业创新成本。",
        "feasibility": "《南昌市科技创新券管理办法》已印发，服务机构库和线上兑付平台已建成运行。",
        "content": ["一是面向科技型中小企业发放科技创新券；", "二是对企业购买检验检测、研发设计等科技服务的费用按比例兑付。"],
        "total": 500,
        "sources": {"其中：一般公共预算": 420, "上年结转": 80},
        "half": 250,
        "full": 500,
        "midLong": "通过科技创新券降低科技型中小企业的创新成本，引导企业购买科技服务，提升企业创新能力。",
        "annual": "2023年发放科技创新券，支持300家以上科技型中小企业购买检验检测、研发设计等科技服务。",
        "layout": "half-and-full",
        # 一级, 二级, 三级, 半年, 全年; None is a blank placeholder row left in the table.
        "rows": [
            ("产出指标", "数量指标", "创新券支持企业数", "≥150家", "≥300家"),
            ("产出指标", "数量指标", "入库服务机构数", "≥20个", "≥40个"),
            None,
            ("产出指标", "质量指标", "创新券兑付准确率", "＝100%", "＝100%"),
            ("产出指标", "时效指标", "创新券兑付完成时间", "", "≤2023年12月31日"),
            ("产出指标", "成本指标", "资金支出进度", "序时进度", "＝100%"),
            ("效益指标", "社会效益指标", "科技服务规范性", "规范", "规范"),
            ("满意度指标", "服务对象满意度指标", "受益企业满意度", "", "≥90%"),
            None,
        ],
    },
    {
        "name": "科技人才引育项目",
        "department": "南昌市科学技术局",
        "implementing": "南昌市科学技术局人才与国际合作处",
        "kind": "延续性项目",
        "level": "市级",
        "start": "2023-01",
        "end": "2025-12",
        "necessity": "高层次科技人才和创新团队不足，制约重点产业创新发展。",
        "feasibility": "“双百计划”实施办法已印发，已形成申报、评审、跟踪管理的完整流程。",
        "content": ["引进培育高层次科技创新人才和团队，资助青年科技人才开展研究，为引进人才缴纳社会保险补贴。"],
        "total": 350,
        "sources": {"其中：一般公共预算": 300, "社会保障基金": 50},
        "half": 150,
        "full": 350,
        "midLong": "到2025年引进培育高层次科技创新人才团队30个以上。",
        "annual": "2023年引进高层次人才团队10个，资助青年科技人才100名。",
        "layout": "half-and-full",
        "rows": [
            ("产出指标", "数量指标", "引进高层次人才团队数", "≥5个", "≥10个"),
            ("产出指标", "数量指标", "资助青年科技人才数", "", "≥100人"),
            None,
            ("产出指标", "时效指标", "资助资金拨付时间", "≤2023年6月30日", "≤2023年12月31日"),
            ("效益指标", "社会效益指标", "人才项目落地率", "", "≥90%"),
            ("满意度指标", "服务对象满意度指标", "引进人才满意度", "", "≥95%"),
        ],
    },
    {
        "name": "科普惠民工程",
        "department": "南昌市科学技术局",
        "implementing": "南昌市科学技术协会",
        "kind": "一次性项目",
        "level": "市本级",
        "start": "2023年3月1日",
        "end": "2023年11月30日",
        "necessity": "公众科学素质与建设创新型城市的要求仍有差距。",
        "feasibility": "全市已建成科普教育基地40个，科普志愿者队伍稳定。",
        "content": ["开展科普进社区、进校园活动，建设科普阵地。"],
        "total": 80,
        "sources": {"其中：一般公共预算": 60, "其他资金": 20},
        "half": 30,
        "full": 80,
        "midLong": "提升全市公民具备科学素质的比例。",
        "annual": "2023年开展科普活动30场以上，覆盖群众1万人次。",
        # 序号 | 一级 | 二级 | 三级 | 计算符号 | 目标值 | 单位, as in the 000 table.
        "layout": "operator-columns",
        "rows": [
            ("1", "产出指标", "数量指标", "科普活动场次", "≥", 30, "场"),
            ("2", "产出指标", "数量指标", "科普阵地建设数", "＝", 5, "个"),
            None,
            ("3", "产出指标", "质量指标", "活动覆盖人次", "≥", 10000, "人次"),
            ("4", "产出指标", "时效指标", "活动完成时限", "≤", "2023年11月30日", ""),
            ("5", "效益指标", "社会效益指标", "公众科学素质", "定性", "明显提升", ""),
            ("6", "满意度指标", "服务对象满意度指标", "参与群众满意度", "≥", 90, "%"),
        ],
    },
]


def merged(ws, row, first, last, value, font=BODY, align=WRAP, bottom=None):
    bottom = bottom or row
    if last > first or bottom > row:
        ws.merge_cells(start_row=row, start_column=first, end_row=bottom, end_column=last)
    for r in range(row, bottom + 1):
        for c in range(first, last + 1):
            cell = ws.cell(row=r, column=c)
            cell.border = BORDER
            cell.font = font
            cell.alignment = align
    if value is not None and value != "":
        ws.cell(row=row, column=first, value=value)


def project(ws, top, p):
    """Writes one project from row `top` (1-based); returns the first row after it."""
    width = 5 if p["layout"] == "half-and-full" else 7
    label = lambda r, text, bottom=None: merged(ws, r, 1, 1, text, BOLD, CENTRE, bottom)
    r = top
    merged(ws, r, 1, width, "项目支出绩效目标表", Font(name="宋体", bold=True, size=16), CENTRE)
    r += 1
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width - 1)
    ws.cell(row=r, column=1, value="（2023年度）").alignment = CENTRE
    ws.cell(row=r, column=width, value="单位：万元")
    r += 1
    label(r, "项目名称")
    merged(ws, r, 2, width, p["name"])
    r += 1
    split = 3 if width == 5 else 4  # the right-hand label of a pair
    for left, left_value, right, right_value in [
        ("主管部门", p["department"], "实施单位", p["implementing"]),
        ("项目类型", p["kind"], "项目级次", p["level"]),
        ("开始时间", p["start"], "完成时间", p["end"]),
    ]:
        label(r, left)
        merged(ws, r, 2, split, left_value)
        merged(ws, r, split + 1, split + 1, right, BOLD, CENTRE)
        merged(ws, r, split + 2, width, right_value)
        r += 1
    for text, value in [("立项必要性", p["necessity"]), ("实施可行性", p["feasibility"])]:
        label(r, text)
        merged(ws, r, 2, width, value)
        r += 1
    # 项目实施内容 merged down the rows of its paragraphs.
    label(r, "项目实施内容", r + len(p["content"]) - 1)
    for i, line in enumerate(p["content"]):
        merged(ws, r + i, 2, width, line)
    r += len(p["content"])
    label(r, "项目资金（万元）", r + len(SOURCES))
    for i, (sub, value) in enumerate([("资金总额", p["total"])] + [(s, p["sources"].get(s)) for s in SOURCES]):
        merged(ws, r + i, 2, 2, sub, BOLD, WRAP)
        merged(ws, r + i, 3, width, value, BODY, CENTRE)
        if value is not None:
            ws.cell(row=r + i, column=3).number_format = "0.00"
    r += len(SOURCES) + 1
    label(r, "支出计划（万元）", r + 1)
    for i, (sub, value) in enumerate([("半年计划执行数", p["half"]), ("全年（程）预算数", p["full"])]):
        merged(ws, r + i, 2, 2, sub, BOLD, WRAP)
        merged(ws, r + i, 3, width, value, BODY, CENTRE)
    r += 2
    for text, value in [("中长期目标", p["midLong"]), ("年度目标", p["annual"])]:
        label(r, text)
        merged(ws, r, 2, width, value)
        r += 1

    if p["layout"] == "half-and-full":
        heads = ["一级指标", "二级指标", "三级指标", "半年（程）指标值", "全年（程）指标值"]
        level1, level2 = 1, 2
    else:
        heads = ["序号", "一级指标", "二级指标", "三级指标", "计算符号", "目标值", "单位"]
        level1, level2 = 2, 3
    for c, text in enumerate(heads, start=1):
        merged(ws, r, c, c, text, BOLD, CENTRE)
    r += 1
    first = r
    for row in p["rows"]:
        for c in range(1, width + 1):
            ws.cell(row=r, column=c).border = BORDER
            ws.cell(row=r, column=c).alignment = WRAP
        if row is not None:
            for c, value in enumerate(row, start=1):
                if c in (level1, level2):
                    continue
                if value != "":
                    ws.cell(row=r, column=c, value=int(value) if c == 1 and p["layout"] == "operator-columns" else value)
        r += 1
    # 一级 and 二级 typed once at the top of their run and merged down it, placeholder rows included.
    rows = p["rows"]
    names = []
    last = (None, None)
    for row in rows:
        last = (row[level1 - 1], row[level2 - 1]) if row is not None else last
        names.append(last)
    for column, key in ((level1, lambda n: n[0]), (level2, lambda n: n)):
        start = 0
        for i in range(1, len(names) + 1):
            if i < len(names) and key(names[i]) == key(names[start]):
                continue
            merged(ws, first + start, column, column, key(names[start]) if column == level1 else names[start][1], BODY, CENTRE, first + i - 1)
            start = i
    return r


def build():
    wb = openpyxl.Workbook()
    wb.properties.creator = "南昌市科学技术局"
    wb.properties.created = STAMP
    wb.properties.modified = STAMP
    one = wb.active
    one.title = "科技创新券"
    for column, width in zip("ABCDE", (14, 16, 36, 18, 18)):
        one.column_dimensions[column].width = width
    project(one, 1, PROJECTS[0])

    two = wb.create_sheet("人才与平台")
    for column, width in zip("ABCDEFG", (14, 14, 18, 30, 16, 14, 8)):
        two.column_dimensions[column].width = width
    after = project(two, 1, PROJECTS[1])
    # Two blank spacer rows, then the next project's form.
    project(two, after + 2, PROJECTS[2])

    raw = io.BytesIO()
    wb.save(raw)
    return repack(raw.getvalue())


def repack(data):
    """The saved package with fixed ZIP entry times and a fixed docProps modified time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2023-01-01T00:00:00Z", body)
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, body)
    return out.getvalue()


def update_manifest():
    path = os.path.join(OUT, "manifest.json")
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)
    indicators = sum(1 for p in PROJECTS for row in p["rows"] if row is not None)
    entry = {
        "file": FILE,
        "source": f"corpus/{FILE}",
        "writer": f"openpyxl {openpyxl.__version__}",
        "varies": "typed by hand as an office fills in the form (scripts/corpus/build_office_targets.py), not from a fixture: "
                  "3 项目支出绩效目标表 with the whole header block (labels in column A, values merged across, pairs on a row, "
                  "项目资金（万元） merged down 资金总额 and the 7 source rows with blanks, 社会保障基金 on one project, 支出计划 with "
                  "半年计划执行数 and 全年（程）预算数, dates as text 2023年1月 / 2023-01 / 2023年3月1日), 一级 / 二级 merged down blank "
                  "placeholder rows; one project on a tab, two stacked on another with 2 spacer rows (half-and-full, then the 000 layout); "
                  "its own source",
        "sheets": ["科技创新券", "人才与平台"],
        "expected": {"importer": "fund-targets", "projects": len(PROJECTS), "indicators": indicators, "newProjects": len(PROJECTS)},
        "compare": "fund-tables",
    }
    files = [e for e in manifest["files"] if e["file"] != FILE] + [entry]
    manifest["files"] = files
    with open(path, "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")


if __name__ == "__main__":
    with open(os.path.join(OUT, FILE), "wb") as f:
        f.write(build())
    update_manifest()
    print(f"fixtures/corpus/{FILE}")
