// Decodes a board's CSV export: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode
// text"), or GBK/GB18030 (Excel on Chinese Windows), detected from the bytes (iconv-lite for GB*).
import iconv from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/**
 * Text of the file and the encoding it was read as. Without a BOM, bytes that are valid UTF-8 are
 * UTF-8; anything else is read as GB18030, the superset of GBK and GB2312 that Chinese Excel writes.
 * `forced` skips detection (the CLI's --encoding).
 */
export function decodeCsv(bytes: Buffer, forced?: CsvEncoding | 'gbk'): { text: string; encoding: CsvEncoding } {
  if (forced) {
    const encoding: CsvEncoding = forced === 'gbk' ? 'gb18030' : forced;
    return { text: stripBom(iconv.decode(bytes, encoding)), encoding };
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}

const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
