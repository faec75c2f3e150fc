import { type ReadBudget, tooLarge } from '../limits.js';
import type { Pacer } from '../pacer.js';
import { parseXml } from './xml-stream.js';
import type { ZipPackage } from './zip-reader.js';

/**
 * The shared-string table as the workbook stores it (`_xHHHH_` escapes still in: they are decoded
 * per cell, where a control character can be named by its cell). Rich-text runs are joined;
 * phonetic guides (`rPh`, furigana) are not part of the text Excel shows and are left out.
 */
export async function readSharedStrings(
  zip: ZipPackage,
  path: string,
  budget: ReadBudget,
  pacer: Pacer,
): Promise<string[]> {
  const { maxSharedStrings, maxTextLength } = budget.limits;
  const strings: string[] = [];
  let current: string[] | null = null;
  let length = 0;
  let inText = false;
  let phonetic = 0;
  await parseXml(
    zip.read(path),
    {
      open(name) {
        if (name === 'si') {
          if (strings.length >= maxSharedStrings)
            throw tooLarge('maxSharedStrings', `工作簿的共享字符串超过 ${maxSharedStrings} 个上限`);
          current = [];
          length = 0;
        } else if (name === 'rPh') phonetic++;
        else if (name === 't' && current) inText = phonetic === 0;
      },
      close(name) {
        if (name === 'si' && current) {
          strings.push(current.join(''));
          current = null;
        } else if (name === 'rPh') phonetic = Math.max(0, phonetic - 1);
        else if (name === 't') inText = false;
      },
      text(text) {
        if (!inText || !current) return;
        length += text.length;
        if (length > maxTextLength)
          throw tooLarge(
            'maxTextLength',
            `工作簿的第 ${strings.length + 1} 个共享字符串超过 ${maxTextLength} 个字符上限`,
          );
        current.push(text);
      },
    },
    pacer,
  );
  return strings;
}
