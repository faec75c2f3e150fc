import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from './domain-error.js';

type Constraint = (args: string[]) => string;

/** Chinese reasons for class-validator constraints; the UI shows them next to the field. */
const reasons: Record<string, Constraint> = {
  whitelistValidation: () => '不允许的字段',
  isDefined: () => '必填',
  isNotEmpty: () => '不能为空',
  isString: () => '必须是文本',
  isInt: () => '必须是整数',
  isNumber: () => '必须是数字',
  isNumberString: () => '必须是数字',
  isDecimal: () => '必须是数字（最多两位小数）',
  isDecimalNumber: (args) => (args.length > 0 ? `必须是数字（最多 ${args[args.length - 1]} 位小数）` : '必须是数字'),
  isBoolean: () => '必须是布尔值',
  isEmail: () => '邮箱格式不正确',
  isUUID: () => '必须是有效的 ID',
  isDateString: () => '必须是日期（YYYY-MM-DD）',
  isISO8601: () => '必须是日期时间（ISO 8601）',
  isIn: () => '取值不在允许范围内',
  isEnum: () => '取值不在允许范围内',
  isArray: () => '必须是数组',
  arrayNotEmpty: () => '至少需要一项',
  arrayMaxSize: () => '项数过多',
  isObject: () => '必须是对象',
  nestedValidation: () => '内容格式不正确',
  maxLength: () => '长度超出上限',
  minLength: () => '长度不足',
  max: () => '超出最大值',
  min: () => '低于最小值',
  matches: () => '格式不正确',
  isMobilePhone: () => '电话号码格式不正确',
  isPhoneNumber: () => '电话号码格式不正确',
};

function reasonFor(name: string, english: string, args: string[]): string {
  const known = reasons[name];
  if (known) return known(args);
  // A validator of our own already says why in Chinese.
  return /\p{Script=Han}/u.test(english) ? english : `格式不正确（${english}）`;
}

/** Flattens nested validation errors into `{field, reason}` pairs with dotted field paths. */
export function toErrorDetails(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [name, english] of Object.entries(error.constraints ?? {})) {
      const limits = english.match(/-?\d+(\.\d+)?/g) ?? [];
      let reason = reasonFor(name, english, limits);
      if ((name === 'maxLength' || name === 'minLength' || name === 'max' || name === 'min') && limits.length > 0) {
        reason = `${reason}（${limits[limits.length - 1]}）`;
      }
      out.push({ field, reason });
    }
    if (error.children?.length) out.push(...toErrorDetails(error.children, field));
  }
  return out;
}
