import { strToU8, zipSync } from 'fflate';

/**
 * A minimal WordprocessingML document from the letter's HTML. Letter templates use only `<p>`,
 * `<h1>` and `<h2>` with a class, so the conversion is exact: same text, same order, the class
 * deciding alignment, indentation and typeface. The zip is built with a fixed timestamp, so the
 * same letter always gives the same bytes (and the same hash).
 */
interface Block {
  tag: 'p' | 'h1' | 'h2';
  cls: string;
  text: string;
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#x27;': "'",
  '&#x3D;': '=',
  '&#x60;': '`',
  '&#39;': "'",
};

function decode(html: string): string {
  return html.replace(/<[^>]+>/g, '').replace(/&(?:amp|lt|gt|quot|#x27|#x3D|#x60|#39);/g, (e) => ENTITIES[e]);
}

export function letterBlocks(html: string): Block[] {
  const article = /<article[^>]*>([\s\S]*)<\/article>/.exec(html)?.[1] ?? '';
  const blocks: Block[] = [];
  for (const m of article.matchAll(/<(p|h1|h2)(?: class="([^"]*)")?>([\s\S]*?)<\/\1>/g)) {
    blocks.push({ tag: m[1] as Block['tag'], cls: m[2] ?? '', text: decode(m[3]) });
  }
  return blocks;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const FANGSONG = '<w:rFonts w:ascii="FangSong" w:hAnsi="FangSong" w:eastAsia="仿宋"/>';
const HEITI = '<w:rFonts w:ascii="SimHei" w:hAnsi="SimHei" w:eastAsia="黑体"/>';

function paragraph(b: Block): string {
  const heading = b.tag !== 'p' || b.cls === 'masthead';
  const align =
    b.tag === 'h1' || b.cls === 'masthead' || b.cls === 'number'
      ? 'center'
      : ['signature', 'date', 'seal'].includes(b.cls)
        ? 'right'
        : 'both';
  const size = b.tag === 'h1' || b.cls === 'masthead' ? 44 : 32;
  const color = b.cls === 'masthead' || b.cls === 'seal' ? '<w:color w:val="C00000"/>' : '';
  const bold = heading ? '<w:b/>' : '';
  const indent = b.cls === 'indent' ? '<w:ind w:firstLine="640"/>' : '';
  const rPr = `<w:rPr>${heading ? HEITI : FANGSONG}${bold}${color}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr>`;
  return `<w:p><w:pPr><w:jc w:val="${align}"/>${indent}<w:spacing w:line="560" w:lineRule="exact"/></w:pPr><w:r>${rPr}<w:t xml:space="preserve">${xml(b.text)}</w:t></w:r></w:p>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

// A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left 28 mm, right 26 mm), in twips.
const SECTION =
  '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>';

const FIXED_MTIME = new Date('2020-01-01T00:00:00Z');

export function letterDocx(html: string): Buffer {
  const body = letterBlocks(html).map(paragraph).join('');
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}${SECTION}</w:body></w:document>`;
  const zipped = zipSync(
    {
      '[Content_Types].xml': strToU8(CONTENT_TYPES),
      '_rels/.rels': strToU8(RELS),
      'word/document.xml': strToU8(document),
    },
    { level: 6, mtime: FIXED_MTIME },
  );
  return Buffer.from(zipped);
}
