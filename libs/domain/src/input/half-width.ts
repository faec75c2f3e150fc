// Text as people type it on a Chinese keyboard: the full-width forms of ASCII.

/** Full-width digits, letters, punctuation and percent to ASCII; ideographic space to space. */
export function toHalfWidth(text: string): string {
  return text
    .replace(/[\uff01-\uff5e]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}
