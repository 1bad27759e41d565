// Chinese word segmentation for the deterministic scorer, by @node-rs/jieba (a maintained Rust
// port of jieba) with its bundled dictionary, loaded once per process.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

let jieba: Jieba | undefined;
const segmenter = () => (jieba ??= Jieba.withDict(dict));

/** Words of a text; punctuation and spaces dropped. */
export function words(text: string): string[] {
  return segmenter()
    .cut(text, true)
    .map((w) => w.trim())
    .filter((w) => w.length > 0 && !/^[\p{P}\p{S}\s]+$/u.test(w));
}

/** Every word and sub-word of a text (search mode: 优惠活动 also yields 优惠 and 活动). */
export function searchWords(text: string): Set<string> {
  return new Set(segmenter().cutForSearch(text, true).map((w) => w.trim()).filter(Boolean));
}

/** Whether `phrase` occurs in the text as whole words, not as part of another word (主动 in 主动性 counts, 动 in 主动 does not). */
export function containsWord(text: string, phrase: string): boolean {
  if (searchWords(text).has(phrase)) return true;
  const target = words(phrase);
  const tokens = words(text);
  if (target.length === 0) return false;
  for (let i = 0; i + target.length <= tokens.length; i++) {
    if (target.every((w, j) => tokens[i + j] === w)) return true;
  }
  return false;
}
