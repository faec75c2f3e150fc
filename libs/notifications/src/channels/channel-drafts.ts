import { createHash } from 'node:crypto';
import { formatDateTime, formatMonth } from '@app/mail';
import { type ChannelMessage, fitLines, MAX_MESSAGE_BYTES } from './channel-messages.js';

/** A channel as the planner sees it. */
export interface ChannelTarget {
  id: string;
  cityId: string;
  scope: 'plan' | 'unit';
  planId: string | null;
  unitId: string | null;
  mentionByPhone: boolean;
}

/** One due schedule entry of a reminder run (a reminder before the deadline or an escalation after it). */
export interface DueGroup {
  kind: 'reminder' | 'escalation';
  periodId: string;
  planId: string;
  planTitle: string;
  year: number;
  month: number;
  deadline: Date;
  offset: string;
}

/** One outstanding report of a unit. */
export interface OutstandingReport {
  periodId: string;
  unitId: string;
  label: string;
}

export interface ChannelPostDraft {
  key: string;
  channelId: string;
  cityId: string;
  kind: 'reminder' | 'escalation' | 'bulletin';
  message: ChannelMessage;
}

export interface DraftSettings {
  publicUrl: string;
  timeZone: string;
}

const MAX_UNITS_LISTED = 30;

function shortHash(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

/**
 * One post per channel and kind for a whole run: a plan's channel lists every unit with something
 * outstanding in the run's periods, a unit's channel that unit's items. The key is the channel,
 * the kind and the run's entries, so a repeated run claims nothing new.
 */
export function reminderDrafts(
  groups: readonly DueGroup[],
  outstanding: readonly OutstandingReport[],
  channels: readonly ChannelTarget[],
  unitNames: ReadonlyMap<string, string>,
  phones: ReadonlyMap<string, string[]>,
  settings: DraftSettings,
): ChannelPostDraft[] {
  const drafts: ChannelPostDraft[] = [];
  for (const kind of ['reminder', 'escalation'] as const) {
    const ofKind = groups.filter((g) => g.kind === kind);
    for (const channel of channels) {
      const mine = ofKind.filter((g) => (channel.scope === 'plan' ? g.planId === channel.planId : true));
      const lines: string[] = [];
      const units = new Set<string>();
      for (const group of mine) {
        const items = outstanding.filter(
          (o) => o.periodId === group.periodId && (channel.scope === 'plan' || o.unitId === channel.unitId),
        );
        if (items.length === 0) continue;
        const byUnit = new Map<string, string[]>();
        for (const item of items) byUnit.set(item.unitId, [...(byUnit.get(item.unitId) ?? []), item.label]);
        const when = formatDateTime(group.deadline, settings.timeZone);
        const deadline = kind === 'reminder' ? `将于 ${when} 截止` : `已于 ${when} 截止`;
        lines.push(
          `${group.planTitle} ${formatMonth(group.year, group.month)}进展报送${deadline}，` +
            `${kind === 'reminder' ? '尚有未报事项' : '仍未报送'}的单位 ${byUnit.size} 家：`,
        );
        const unitLines = [...byUnit.entries()]
          .map(([unitId, labels]) => {
            units.add(unitId);
            const name = unitNames.get(unitId) ?? unitId;
            return `${name}：${labels[0]}${labels.length > 1 ? ` 等 ${labels.length} 项` : ''}`;
          })
          .sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
        lines.push(...unitLines.slice(0, MAX_UNITS_LISTED));
        if (unitLines.length > MAX_UNITS_LISTED) lines.push(`……另有 ${unitLines.length - MAX_UNITS_LISTED} 家单位`);
      }
      if (units.size === 0) continue;
      const mobiles = channel.mentionByPhone ? [...new Set([...units].flatMap((u) => phones.get(u) ?? []))].sort() : [];
      const title = kind === 'reminder' ? '【报送提醒】请及时报送月度进展' : '【逾期催报】以下单位报送已逾期';
      const link = `${settings.publicUrl.replace(/\/+$/, '')}/todo`;
      const budget = MAX_MESSAGE_BYTES - Buffer.byteLength(title + link) - mobiles.length * 12;
      drafts.push({
        key: `channel|${channel.id}|${kind}|${shortHash(mine.map((g) => `${g.periodId}@${g.offset}`).sort())}`,
        channelId: channel.id,
        cityId: channel.cityId,
        kind,
        message: { title, lines: fitLines(lines, budget, (left) => `……其余 ${left} 行请登录平台查看`), link, mobiles },
      });
    }
  }
  return drafts;
}

/** The bulletin's publication, one post to each of the plan's channels. */
export function bulletinDrafts(
  bulletin: { id: string; planTitle: string; title: string; lines: string[]; link: string },
  channels: readonly ChannelTarget[],
): ChannelPostDraft[] {
  return channels
    .filter((c) => c.scope === 'plan')
    .map((c) => ({
      key: `channel|${c.id}|bulletin|${bulletin.id}`,
      channelId: c.id,
      cityId: c.cityId,
      kind: 'bulletin' as const,
      message: {
        title: `【通报发布】${bulletin.title}`,
        lines: fitLines(
          [bulletin.planTitle, ...bulletin.lines],
          MAX_MESSAGE_BYTES - 200,
          (left) => `……其余 ${left} 行请登录平台查看`,
        ),
        link: bulletin.link,
        mobiles: [],
      },
    }));
}
