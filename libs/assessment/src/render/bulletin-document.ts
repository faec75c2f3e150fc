import type { BulletinSnapshot, BulletinTier } from './bulletin.types.js';
import {
  chineseDate,
  LAG_KIND_TEXT,
  LIGHT_NOTE,
  LIGHT_TEXT,
  quantityText,
  rankChangeText,
  rankText,
  revisionNote,
} from './bulletin-format.js';
import type { DocumentBlock, OfficialDocument } from './document/official-document.js';

const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => CHINESE_NUMERALS[n - 1] ?? String(n);

/** '2023-Q1' → { year: 2023, quarter: 1 }. */
function quarterOf(key: string): { year: number; quarter: number } {
  const [year, quarter] = key.split('-Q').map(Number) as [number, number];
  return { year, quarter };
}

/** 排名前三 in words: the units ranked 1–3 (ties included), or null when nobody is ranked. */
function topOf(tier: BulletinTier): string | null {
  const top = tier.rows.filter((r) => r.rank > 0 && r.rank <= 3).map((r) => r.unitName);
  return top.length ? top.join('、') : null;
}

function tierBlocks(snapshot: BulletinSnapshot, tier: BulletinTier, index: number): DocumentBlock[] {
  const blocks: DocumentBlock[] = [{ kind: 'heading2', text: `（${numeral(index + 1)}）${tier.label}` }];
  if (tier.rows.length === 0) {
    blocks.push({ kind: 'paragraph', text: `本季度${tier.label}暂无排名数据。` });
    return blocks;
  }
  const top = topOf(tier);
  const red = tier.rows.filter((r) => r.light === 'red').map((r) => r.unitName);
  const sentences = [
    `${tier.label}共${tier.rows.length}个参与排名`,
    top ? `${top}位列前三` : null,
    red.length ? `${red.join('、')}亮红灯，须加快推进` : null,
  ].filter(Boolean);
  blocks.push({ kind: 'paragraph', text: `${sentences.join('；')}。` });
  blocks.push({
    kind: 'table',
    table: {
      headers: ['名次', '县（市、区）', '总分', ...snapshot.columns, '较上季度', '预警'],
      rows: tier.rows.map((r) => [
        rankText(r.rank),
        r.unitName,
        r.total,
        ...r.subtotals,
        rankChangeText(r),
        LIGHT_TEXT[r.light],
      ]),
      numeric: [0, 2, ...snapshot.columns.map((_, i) => i + 3)],
      widths: [0.8, 2, 1.1, ...snapshot.columns.map(() => 1.3), 1.1, 0.9],
    },
  });
  return blocks;
}

function warningBlocks(snapshot: BulletinSnapshot, headingIndex: number): DocumentBlock[] {
  const blocks: DocumentBlock[] = [{ kind: 'heading1', text: `${numeral(headingIndex)}、预警事项` }];
  blocks.push({ kind: 'heading2', text: '（一）滞后于序时进度的任务、指标和项目' });
  if (snapshot.lagging.length === 0) {
    blocks.push({ kind: 'paragraph', text: '本季度各项任务、指标和项目均达到序时进度要求，无滞后事项。' });
  } else {
    blocks.push({
      kind: 'paragraph',
      text: `共有${snapshot.lagging.length}项滞后于序时进度，其中亮红灯${snapshot.lagging.filter((l) => l.light === 'red').length}项。`,
    });
    blocks.push({
      kind: 'table',
      table: {
        headers: ['类别', '事项', '责任单位', '完成情况', '序时进度要求', '预警'],
        rows: snapshot.lagging.map((l) => [
          LAG_KIND_TEXT[l.kind],
          l.label,
          l.unitName,
          quantityText(l.actual),
          quantityText(l.expected),
          LIGHT_TEXT[l.light],
        ]),
        numeric: [3, 4],
        widths: [0.7, 3.2, 1.6, 1.3, 1.4, 0.8],
        note: LIGHT_NOTE,
      },
    });
  }
  blocks.push({ kind: 'heading2', text: '（二）迟报、漏报情况' });
  if (snapshot.lateUnits.length === 0) {
    blocks.push({ kind: 'paragraph', text: '本季度各单位均按时报送。' });
  } else {
    blocks.push({
      kind: 'table',
      table: {
        headers: ['单位', '迟报（次）', '漏报（次）', '预警'],
        rows: snapshot.lateUnits.map((u) => [u.unitName, String(u.late), String(u.missing), LIGHT_TEXT[u.light]]),
        numeric: [1, 2],
        widths: [3, 1.2, 1.2, 1],
        note: LIGHT_NOTE,
      },
    });
  }
  return blocks;
}

/**
 * The quarterly bulletin (季度通报) as the office issues it: 主送, the overall picture, each tier's
 * ranking with rank changes and the top of the tier, the warnings (lagging items and late or
 * missing reports, by traffic light — never 红旗), and the requirements. A bulletin with no data says so.
 */
export function bulletinDocument(snapshot: BulletinSnapshot): OfficialDocument {
  const { year, quarter } = quarterOf(snapshot.quarterKey);
  // Issued in the quarter after (the fourth quarter's in January): 文号 and date carry that year.
  const issuedYear = Number(chineseDate(snapshot.publishedAt).slice(0, 4));
  const period = `${year}年第${numeral(quarter)}季度`;
  const ranked = snapshot.tiers.reduce((n, t) => n + t.rows.length, 0);
  const correction = revisionNote(snapshot);
  const blocks: DocumentBlock[] = [];
  if (correction) blocks.push({ kind: 'paragraph', text: `（${correction}。本版替代此前印发的版本。）` });
  blocks.push({
    kind: 'paragraph',
    text:
      `根据《${snapshot.schemeName}》（第${snapshot.schemeVersion}版），领导小组办公室对${period}各县（市、区）` +
      '科技创新赋能行动推进情况进行了调度评分，现将有关情况通报如下：',
  });
  blocks.push({ kind: 'heading1', text: '一、总体情况' });
  blocks.push({
    kind: 'paragraph',
    text:
      ranked === 0
        ? `${period}暂无可排名的县（市、区）数据。`
        : `${period}共有${ranked}个县（市、区）分${snapshot.tiers.length}类参与排名，评分包括` +
          `${snapshot.columns.join('、')}。滞后于序时进度的事项${snapshot.lagging.length}项，` +
          `存在迟报、漏报的单位${snapshot.lateUnits.length}个。`,
  });
  blocks.push({ kind: 'heading1', text: '二、排名情况' });
  if (snapshot.tiers.length === 0) blocks.push({ kind: 'paragraph', text: '本季度暂无排名数据。' });
  snapshot.tiers.forEach((tier, i) => blocks.push(...tierBlocks(snapshot, tier, i)));
  blocks.push(...warningBlocks(snapshot, 3));
  blocks.push({ kind: 'heading1', text: '四、有关要求' });
  blocks.push({
    kind: 'paragraph',
    text:
      '各县（市、区）、各有关单位要对照序时进度查找差距，亮红灯、黄灯的要认真分析原因，制定整改措施，' +
      '确保按时完成年度目标任务；要按时、如实报送进展情况，杜绝迟报、漏报。',
  });
  return {
    kind: 'notice',
    title: snapshot.title,
    issuer: snapshot.issuer,
    docNumber: `〔${issuedYear}〕  号`,
    recipients: '各县（市、区）、市直各有关单位：',
    blocks,
    dateLine: `${issuedYear}年  月  日`,
    copyTo: `${snapshot.cityName}科技创新赋能行动领导小组成员单位`,
    createdAt: new Date(snapshot.publishedAt),
  };
}
