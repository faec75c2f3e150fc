import { chineseDate } from './bulletin-format.js';
import type { DocumentBlock, OfficialDocument } from './document/official-document.js';

/** One unit's line of the published results, with the names the notice prints. */
export interface NoticeRow {
  rank: number | null;
  unitName: string;
  total: string;
  /** Scores of the scheme's top-level criteria, in the order of `NoticeInput.columns`. */
  subtotals: string[];
  bonus: string;
  penalty: string;
  grade: string | null;
  commended: boolean | null;
  admonished: boolean | null;
  vetoed: boolean;
  /** 一票否决 items with their notes, e.g. '重大科研诚信问题：…'. */
  vetoNotes: string[];
}

export interface NoticeInput {
  schemeName: string;
  year: number;
  cityName: string;
  issuer: string;
  /** Counties are ranked by tier and commended or admonished; departments are not. */
  subjectKind: 'county' | 'department';
  revision: number;
  /** Top-level criteria with their points, e.g. '指标完成情况（60分）'. */
  columns: string[];
  tiers: { label: string; rows: NoticeRow[] }[];
  /** ISO instant of the end of the appeal window; null before publication. */
  appealUntil: string | null;
  /** ISO instant the results were approved (the content's date). */
  approvedAt: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function remark(row: NoticeRow): string {
  if (row.vetoed) return '一票否决';
  return [row.commended ? '通报表扬' : null, row.admonished ? '约谈' : null].filter(Boolean).join('、');
}

/**
 * The year-end results notice (年终考评结果通报): each tier's table, the units commended and
 * admonished, the veto note and the appeal window, in the office's words.
 */
export function yearEndNoticeDocument(input: NoticeInput): OfficialDocument {
  const subject = input.subjectKind === 'county' ? '县（市、区）' : '市直单位';
  const issuedYear = input.year + 1;
  const blocks: DocumentBlock[] = [
    {
      kind: 'paragraph',
      text:
        `根据《${input.schemeName}》，经各单位自评、领导小组办公室审核、领导小组审定，现将${input.year}年度` +
        `科技创新赋能行动${subject}考评结果通报如下：`,
    },
  ];
  if (input.revision > 1)
    blocks.push({
      kind: 'paragraph',
      text: `（本通报为第${input.revision}版考评结果，经申诉复核更正，替代此前印发的版本。）`,
    });
  blocks.push({ kind: 'heading1', text: '一、考评结果' });
  const all = input.tiers.flatMap((t) => t.rows);
  if (all.length === 0) blocks.push({ kind: 'paragraph', text: '本次考评暂无已审定的单位结果。' });
  input.tiers.forEach((tier, i) => {
    if (input.tiers.length > 1) blocks.push({ kind: 'heading2', text: `（${NUMERALS[i] ?? i + 1}）${tier.label}` });
    blocks.push({
      kind: 'table',
      table: {
        headers: ['名次', '单位', ...input.columns, '加分', '扣分', '总分', '等次', '备注'],
        rows: tier.rows.map((r) => [
          r.rank === null ? '—' : String(r.rank),
          r.unitName,
          ...r.subtotals,
          r.bonus,
          r.penalty,
          r.total,
          r.grade ?? '—',
          remark(r),
        ]),
        numeric: [
          0,
          ...input.columns.map((_, c) => c + 2),
          input.columns.length + 2,
          input.columns.length + 3,
          input.columns.length + 4,
        ],
        widths: [0.7, 2, ...input.columns.map(() => 1.2), 0.9, 0.9, 1, 0.8, 1.2],
      },
    });
  });
  let section = 2;
  if (input.subjectKind === 'county') {
    blocks.push({ kind: 'heading1', text: `${NUMERALS[section - 1]}、表扬和约谈` });
    section++;
    const commended = all.filter((r) => r.commended).map((r) => r.unitName);
    const admonished = all.filter((r) => r.admonished).map((r) => r.unitName);
    blocks.push({
      kind: 'paragraph',
      text: commended.length
        ? `对各类别排名前列的${commended.join('、')}予以通报表扬。`
        : '本年度没有予以通报表扬的单位。',
    });
    blocks.push({
      kind: 'paragraph',
      text: admonished.length
        ? `对各类别排名末位的${admonished.join('、')}，由领导小组办公室进行约谈，督促其分析原因、抓好整改。`
        : '本年度没有需要约谈的单位。',
    });
  }
  blocks.push({ kind: 'heading1', text: `${NUMERALS[section - 1]}、一票否决情况` });
  section++;
  const vetoed = all.filter((r) => r.vetoed);
  blocks.push({
    kind: 'paragraph',
    text: vetoed.length
      ? `${vetoed.map((r) => `${r.unitName}（${r.vetoNotes.join('；') || '一票否决'}）`).join('、')}，` +
        '实行一票否决，本年度考评不得评为优秀等次，不参与表扬。'
      : '本年度未发生一票否决情形。',
  });
  blocks.push({ kind: 'heading1', text: `${NUMERALS[section - 1]}、结果申诉` });
  blocks.push({
    kind: 'paragraph',
    text: input.appealUntil
      ? `对考评结果有异议的，请于${chineseDate(input.appealUntil)}前通过平台提出申诉，` +
        '写明申诉的指标和理由并附佐证材料，' +
        '逾期不再受理。申诉期满无异议的，考评结果即为最终结果。'
      : '考评结果公布后，对结果有异议的单位可在申诉期内通过平台提出申诉，申诉期限以公布时的通知为准。',
  });
  return {
    kind: 'notice',
    title: `关于${input.year}年度科技创新赋能行动${subject}考评结果的通报`,
    issuer: input.issuer,
    docNumber: `〔${issuedYear}〕  号`,
    recipients: input.subjectKind === 'county' ? '各县（市、区）人民政府，市直各有关单位：' : '市直各有关单位：',
    blocks,
    dateLine: `${issuedYear}年  月  日`,
    copyTo: `${input.cityName}科技创新赋能行动领导小组成员单位`,
    createdAt: new Date(input.approvedAt),
  };
}
