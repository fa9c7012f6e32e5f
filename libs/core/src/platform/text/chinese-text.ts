import { readFileSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict';

/**
 * Chinese text as terms, for finding requests that ask for the same information: jieba's segmenter
 * (with its dictionary and HMM for unknown words), the words every request uses removed, and each
 * term weighted by how rare it is (jieba's IDF table) so that "征地拆迁" weighs more than "文件".
 */

/** Words of the request form itself: they say nothing about which information is asked for. */
const STOP_WORDS = new Set(
  (
    '申请 公开 政府 信息 政府信息 依申请 相关 有关 关于 请求 要求 提供 获取 查询 查阅 复制 一份 全部 所有 具体 ' +
    '包括 以及 及其 等等 其中 我们 我的 本人 你们 贵单位 贵局 贵委 贵府 单位 机关 部门 材料 内容 情况 事项 问题 ' +
    '文件 资料 依据 以下 如下 上述 该 此 这 那 的 了 和 与 及 或 对 在 是 为 将 把 被 并 等 中 个 项 份 号 年 月 日 ' +
    '请 予以 进行 是否 什么 哪些 怎么 如何 其 之 于 由 向 按 按照 根据 依照 对于 针对 需要 希望 ' +
    '街道 社区 片区 村 镇 乡 区 市 县'
  ).split(/\s+/),
);

let jieba: Jieba | null = null;
let idf: Map<string, number> | null = null;
let unknownIdf = 14;

function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** jieba's IDF table ("term weight" per line), read once. */
function idfTable(): Map<string, number> {
  if (!idf) {
    const table = new Map<string, number>();
    const text = readFileSync(require.resolve('@node-rs/jieba/idf.txt'), 'utf8');
    const weights: number[] = [];
    for (const line of text.split('\n')) {
      const space = line.lastIndexOf(' ');
      if (space > 0) {
        const w = Number(line.slice(space + 1));
        table.set(line.slice(0, space), w);
        weights.push(w);
      }
    }
    weights.sort((a, b) => a - b);
    // A term jieba does not know is mostly a proper name (a place, a project, a company): as specific
    // as the rarest words.
    unknownIdf = weights[Math.floor(weights.length * 0.99)] ?? 14;
    idf = table;
  }
  return idf;
}

/** Abbreviations of government terms written out, so both ways of asking meet. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/公租房/g, '公共租赁住房'],
  [/廉租房/g, '廉租住房'],
  [/环评/g, '环境影响评价'],
  [/低保/g, '最低生活保障'],
  [/社保/g, '社会保险'],
  [/医保/g, '医疗保险'],
  [/发改委/g, '发展和改革委员会'],
  [/三号线/g, '3号线'],
];

/**
 * Full-width letters and digits to half-width, lower case, so “２０２５” and “2025” are one term; common
 * abbreviations written out.
 */
export function normalizeText(text: string): string {
  let s = text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .toLowerCase();
  for (const [from, to] of ABBREVIATIONS) {
    s = s.replace(from, to);
  }
  return s;
}

const MEANINGFUL = /[\u4e00-\u9fff]{2,}|^[a-z0-9]{2,}$|^\d{4}$/;

/** The text's terms: segmented, normalised, without the request form's own words or punctuation. */
export function terms(text: string): string[] {
  // Runs of single characters (a name the dictionary does not know, segmented character by character)
  // are joined into one term: 华/昌/达/瑞 → 华昌达瑞.
  const out: string[] = [];
  let run = '';
  const flush = () => {
    if (run.length >= 2) {
      out.push(run);
    }
    run = '';
  };
  for (const raw of segmenter().cut(normalizeText(text), true)) {
    const t = raw.trim();
    if (/^[\u4e00-\u9fff]$/.test(t) && !STOP_WORDS.has(t)) {
      run += t;
      continue;
    }
    flush();
    if (MEANINGFUL.test(t) && !STOP_WORDS.has(t)) {
      out.push(t);
    }
  }
  flush();
  return out;
}

/** Terms with their TF-IDF weight (a term jieba does not know weighs like the rarest words). */
export function weightedTerms(text: string): Map<string, number> {
  const table = idfTable();
  const out = new Map<string, number>();
  for (const t of terms(text)) {
    out.set(t, (out.get(t) ?? 0) + (table.get(t) ?? unknownIdf));
  }
  return out;
}

/** The `n` heaviest terms, for showing what a group of requests is about. */
export function keywords(text: string, n = 5): string[] {
  return [...weightedTerms(text)]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([t]) => t);
}

/** Cosine similarity of two weighted term vectors (0 … 1). */
export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    na += w * w;
    const v = b.get(t);
    if (v !== undefined) {
      dot += w * v;
    }
  }
  for (const w of b.values()) {
    nb += w * w;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Character bigrams of the Chinese in a text (short texts share bigrams where words are split apart). */
function bigrams(text: string): Set<string> {
  const han = normalizeText(text).replace(/[^\u4e00-\u9fff0-9a-z]/g, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < han.length; i++) {
    out.add(han.slice(i, i + 2));
  }
  return out;
}

function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) {
    return 0;
  }
  let shared = 0;
  for (const x of a) {
    if (b.has(x)) {
      shared++;
    }
  }
  return (2 * shared) / (a.size + b.size);
}

/**
 * How alike two short texts are in what they ask for (0 … 1): mostly the weighted terms, with the
 * character bigrams for the rest (a word segmented differently in each still shares its characters).
 */
export function textSimilarity(a: string, b: string): number {
  return 0.75 * cosine(weightedTerms(a), weightedTerms(b)) + 0.25 * dice(bigrams(a), bigrams(b));
}

/**
 * Terms for a full-text index: jieba's search mode (a long word also gives its parts, so 中华人民共和国
 * is found by 人民共和国 and 共和国), normalised, without the request form's own words. The same
 * function cuts the query, so both sides meet.
 */
export function searchTerms(text: string): string[] {
  const out: string[] = [];
  for (const raw of segmenter().cutForSearch(normalizeText(text), true)) {
    const t = raw.trim();
    if (MEANINGFUL.test(t) && !STOP_WORDS.has(t)) {
      out.push(t);
    }
  }
  return out;
}

/** Words with jieba's part-of-speech tags (nr: a person's name; ns: a place; nt: an organisation). */
export function taggedWords(text: string): { word: string; tag: string }[] {
  return segmenter().tag(text, true);
}
