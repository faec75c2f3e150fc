/**
 * A number as a person typed it into a form. Nothing is changed without saying so: a value that is not a plain
 * non-negative number within the field's limits is refused with a reason, never rounded, clipped or blanked; only
 * full-width characters (３０, １２．５) are converted, and the caller shows a note that they were.
 */
export type TypedNumber =
  | { kind: 'empty' }
  | { kind: 'number'; value: string; converted: boolean }
  | { kind: 'invalid'; reason: string };

export interface NumberLimits {
  /** Most decimal places accepted. */
  decimals: number;
  /** Highest value accepted, as a decimal string; none when null. */
  max?: string | null;
  /** The unit shown in messages (万元, %, 家). */
  unit?: string;
}

const PLAIN = /^-?\d+(\.\d+)?$/;

/** Full-width digits, point and minus (and the ideographic space) to their ASCII forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0E\uFF0D\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

/** Compares two plain non-negative decimal strings without floating point. */
function greater(a: string, b: string): boolean {
  const [ai = '', af = ''] = a.split('.');
  const [bi = '', bf = ''] = b.split('.');
  const intA = ai.replace(/^0+(?=\d)/, '');
  const intB = bi.replace(/^0+(?=\d)/, '');
  if (intA.length !== intB.length) return intA.length > intB.length;
  if (intA !== intB) return intA > intB;
  const width = Math.max(af.length, bf.length);
  return af.padEnd(width, '0') > bf.padEnd(width, '0');
}

export function parseTypedNumber(typed: string | null | undefined, limits: NumberLimits): TypedNumber {
  const raw = (typed ?? '').trim();
  if (raw === '') return { kind: 'empty' };
  const text = halfWidth(raw).trim();
  const unit = limits.unit ?? '';
  if (!PLAIN.test(text)) return { kind: 'invalid', reason: '请输入数字（如 12.5），不要带单位或其他文字' };
  if (text.startsWith('-')) return { kind: 'invalid', reason: '不能为负数' };
  const decimals = text.split('.')[1]?.length ?? 0;
  if (decimals > limits.decimals)
    return {
      kind: 'invalid',
      reason: limits.decimals === 0 ? '请输入整数' : `最多保留 ${limits.decimals} 位小数`,
    };
  if (limits.max && greater(text, limits.max)) return { kind: 'invalid', reason: `不能超过 ${limits.max}${unit}` };
  return { kind: 'number', value: text, converted: text !== raw };
}

/** The note shown under a field whose full-width input was converted. */
export function conversionNote(typed: string, value: string): string {
  return `已将全角字符“${typed.trim()}”转换为“${value}”`;
}
