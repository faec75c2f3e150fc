// Old and new text of a changed field, with the words that changed marked: a word diff (jsdiff), Chinese cut into
// words by the browser's segmenter, so a changed 2023年 or 科技局 is marked, not the whole paragraph.
import { diffWords } from 'diff';

const segmenter =
  typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

const removedStyle = { background: '#ffccc7', textDecoration: 'line-through' } as const;
const addedStyle = { background: '#d9f7be' } as const;

/** `before` → `after` as one line: removed words struck through in red, added words in green, the rest plain. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  const parts = diffWords(before, after, segmenter ? { intlSegmenter: segmenter } : {});
  return (
    <span data-testid="text-diff">
      {parts.map((p, i) =>
        p.removed ? (
          <del key={i} style={removedStyle} data-testid="diff-removed">
            {p.value}
          </del>
        ) : p.added ? (
          <ins key={i} style={addedStyle} data-testid="diff-added">
            {p.value}
          </ins>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </span>
  );
}
