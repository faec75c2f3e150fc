/** The reasons an office most often gives when it returns a report; picked ones fill the reason, which stays editable. */
export const commonReturnReasons = [
  '进展描述过于简单，请补充具体工作内容',
  '佐证材料缺失或不清晰',
  '完成进度与佐证材料不符',
  '数据有误，请核实后重报',
] as const;

/** The reason with `picked` added as its own sentence, once. */
export function withReason(current: string | undefined, picked: string): string {
  const text = (current ?? '').trim();
  if (text.split(/[；;\n]/).some((part) => part.trim() === picked)) return text;
  return text ? `${text.replace(/[；;。]$/, '')}；${picked}` : picked;
}
