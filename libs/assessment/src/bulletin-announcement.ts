import type { BulletinSnapshot } from './render/bulletin.types.js';

/** What the group chats are told when a bulletin is published: the top of each tier and how much is behind. */
export function bulletinAnnouncement(
  bulletinId: string,
  planId: string,
  planTitle: string,
  snapshot: BulletinSnapshot,
): { id: string; planId: string; planTitle: string; title: string; lines: string[]; path: string } {
  const lines = snapshot.tiers
    .filter((t) => t.rows.length > 0)
    .map((t) => {
      const top = t.rows.filter((r) => r.rank <= 3).map((r) => `${r.rank}. ${r.unitName}（${r.total}分）`);
      return `${t.label}：${top.join('；')}`;
    });
  if (lines.length === 0) lines.push('本季度暂无可排名的数据');
  lines.push(`滞后事项 ${snapshot.lagging.length} 项，逾期或未报送单位 ${snapshot.lateUnits.length} 家`);
  if (snapshot.revision > 1) lines.unshift(`更正（第 ${snapshot.revision} 版）：${snapshot.correctionReason ?? ''}`);
  return { id: bulletinId, planId, planTitle, title: snapshot.title, lines, path: '/bulletins' };
}
