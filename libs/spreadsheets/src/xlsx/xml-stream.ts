import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { SpreadsheetError } from '../errors.js';
import type { Pacer } from '../pacer.js';

/** Element events of one XML part, with names stripped of their prefix (`x:c` → `c`). */
export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Text is handed to the parser in pieces of at most this many bytes, so no single step runs long. */
const PIECE_BYTES = 64 * 1024;

/**
 * Streams one part through saxes (strict XML 1.0: no DTD is processed, so no entity expansion).
 * A SpreadsheetError thrown by a handler stops the parse and propagates; malformed XML is CORRUPT.
 */
export async function parseXml(chunks: AsyncIterable<Buffer>, handlers: XmlHandlers, pacer: Pacer): Promise<void> {
  const parser = new SaxesParser<{ xmlns: false; position: false }>({ xmlns: false, position: false });
  const { open, close, text } = handlers;
  if (open) parser.on('opentag', (tag) => open(localName(tag.name), tag.attributes));
  if (close) parser.on('closetag', (tag) => close(localName(tag.name)));
  if (text) {
    parser.on('text', text);
    parser.on('cdata', text);
  }
  let decoder: StringDecoder | null = null;
  try {
    for await (const chunk of chunks) {
      for (let at = 0; at < chunk.length; at += PIECE_BYTES) {
        let piece = chunk.subarray(at, at + PIECE_BYTES);
        if (!decoder) {
          ({ decoder, rest: piece } = decoderFor(piece));
        }
        const decoded = decoder.write(piece);
        if (decoded) parser.write(decoded);
        await pacer.pause();
      }
    }
    const rest = decoder?.end();
    if (rest) parser.write(rest);
    parser.close();
  } catch (error) {
    if (error instanceof SpreadsheetError) throw error;
    throw new SpreadsheetError('CORRUPT');
  }
}

/** UTF-8 unless the part starts with a UTF-16 (little-endian) byte-order mark; the marks are dropped. */
function decoderFor(first: Buffer): { decoder: StringDecoder; rest: Buffer } {
  if (first[0] === 0xff && first[1] === 0xfe) return { decoder: new StringDecoder('utf16le'), rest: first.subarray(2) };
  if (first[0] === 0xfe && first[1] === 0xff) throw new SpreadsheetError('CORRUPT');
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf)
    return { decoder: new StringDecoder('utf8'), rest: first.subarray(3) };
  return { decoder: new StringDecoder('utf8'), rest: first };
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** An attribute by its local name (`r:id` is found as `id`), prefixed or not. */
export function attribute(attributes: Record<string, string>, local: string): string | undefined {
  const plain = attributes[local];
  if (plain !== undefined) return plain;
  for (const name in attributes) if (localName(name) === local) return attributes[name];
  return undefined;
}
