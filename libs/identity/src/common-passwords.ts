import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords that the English-language lists rank low but that lead the leaked Chinese password
 * sets (the 2011 CSDN and Tianya dumps, pinyin and love-number patterns) and the "Name@123"
 * pattern that Chinese weak-password dictionaries try first. Lower case; compared case-insensitively.
 */
const CHINESE_COMMON = [
  '1314520520',
  '5201314520',
  '66666666',
  '88888888',
  '99999999',
  '110110110',
  '123321123',
  '12345678910',
  '147258369',
  'a123123123',
  'aa123456789',
  'abc@1234',
  'abcd@1234',
  'admin@123',
  'admin888',
  'admin12345',
  'asdasdasd',
  'dearbook',
  'huawei@123',
  'iloveyou1314',
  'li123456',
  'p@ssword1',
  'passw0rd!',
  'qq123456789',
  'qwe123123',
  'root@123',
  'test@123',
  'wang123456',
  'woaini123',
  'woaini1314',
  'woaini1314520',
  'woaini520',
  'woainima',
  'xiazhili',
  'zhang123456',
];

/**
 * The common-password list of zxcvbn (about 49,000 passwords ranked by frequency in public leaks,
 * as shipped by @zxcvbn-ts/language-common) plus the Chinese ones above, keeping only those long
 * enough to pass the length rule: the ones a guesser tries first.
 */
export function commonPasswords(minLength: number): ReadonlySet<string> {
  const all = [...dictionary['passwords-common'], ...CHINESE_COMMON];
  return new Set(all.filter((p) => [...p].length >= minLength).map((p) => p.toLowerCase()));
}
