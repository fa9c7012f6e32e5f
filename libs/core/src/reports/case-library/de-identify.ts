import { taggedWords } from '../../platform';

/**
 * Personal data taken out of a text before it becomes a reference case (案例库): what the request
 * itself holds about its applicant and agent (removed wherever it appears), and what looks like
 * personal data in any text — phone numbers, ID card numbers, e-mail addresses, bank card numbers,
 * house numbers below the street, and people's names (after a word that introduces a person, with a
 * title such as 先生 or 女士, or as jieba tags a person's name and it begins with a common surname).
 * Agencies, places down to the street, laws and document numbers stay: they are what makes a case
 * useful.
 */

export const REDACTED = {
  name: '【姓名】',
  phone: '【电话】',
  idNumber: '【证件号码】',
  email: '【邮箱】',
  card: '【卡号】',
  address: '【详细地址】',
  other: '【已隐去】',
} as const;

/** The 120 commonest surnames (more than 90 % of people), and the compound ones. */
const SURNAMES = new Set(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝'.split(
    '',
  ),
);
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '令狐',
  '司徒',
  '夏侯',
  '端木',
];

/** Words that introduce a person (申请人张三, 联系人：李四). */
const PERSON_CUES =
  '申请人|联系人|代理人|委托人|受托人|法定代表人|负责人|户主|业主|村民|居民|职工|员工|当事人|第三人|原告|被告|配偶|妻子|丈夫|父亲|母亲|儿子|女儿|之子|之女|本人|承租人|出租人|被征收人|被拆迁人|举报人|投诉人|经办人|签收人';
/** Words jieba may tag as a name that are not one. */
const NOT_NAMES = new Set([
  '申请人',
  '联系人',
  '代理人',
  '委托人',
  '负责人',
  '当事人',
  '第三人',
  '承办人',
  '签收人',
]);

const CJK_NAME = '[\\u4e00-\\u9fff]{1,3}';

function looksLikeName(word: string): boolean {
  if (
    NOT_NAMES.has(word) ||
    word.length < 2 ||
    word.length > 4 ||
    /某/.test(word) ||
    // Nouns jieba may take for a name (许可证, 高新区, 黄金周): a name does not end like these.
    /[证书局厅所站院会办处科费法条款令函表单区县市省镇乡村路街港湾园城楼场馆队组委部司署周期年月日号]$/.test(
      word,
    )
  ) {
    return false;
  }
  return SURNAMES.has(word[0]) || COMPOUND_SURNAMES.some((s) => word.startsWith(s) && word.length > 2);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The personal data a request holds about its applicant and agent, to remove wherever it appears. */
export interface KnownPersonalData {
  names?: (string | null | undefined)[];
  phones?: (string | null | undefined)[];
  idNumbers?: (string | null | undefined)[];
  emails?: (string | null | undefined)[];
  addresses?: (string | null | undefined)[];
  other?: (string | null | undefined)[];
  /** Public values that look like personal data and stay: the agency's own telephone and address. */
  keep?: (string | null | undefined)[];
}

export function deIdentify(text: string, known: KnownPersonalData = {}): string {
  const kept = [
    ...new Set((known.keep ?? []).map((k) => k?.trim()).filter((k): k is string => !!k && k.length >= 4)),
  ];
  let s = text;
  kept.forEach((k, i) => {
    s = s.split(k).join(`\uE000${i}\uE001`);
  });
  // 1. What the request holds, longest first (an address before the street name inside it).
  const exact: [string, string][] = [];
  const add = (values: (string | null | undefined)[] | undefined, mark: string, min: number) => {
    for (const v of values ?? []) {
      const t = v?.trim();
      if (t && t.length >= min) {
        exact.push([t, mark]);
      }
    }
  };
  add(known.addresses, REDACTED.address, 4);
  add(known.idNumbers, REDACTED.idNumber, 6);
  add(known.phones, REDACTED.phone, 6);
  add(known.emails, REDACTED.email, 5);
  add(known.names, REDACTED.name, 2);
  add(known.other, REDACTED.other, 2);
  exact.sort((a, b) => b[0].length - a[0].length);
  for (const [value, mark] of exact) {
    s = s.replace(new RegExp(escapeRegExp(value), 'gi'), mark);
  }
  // 2. What looks like personal data anywhere.
  s = s
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, REDACTED.email)
    .replace(
      /(?<![\dA-Za-z])\d{6}(18|19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g,
      REDACTED.idNumber,
    )
    .replace(/(?<!\d)\d{15}(?!\d)/g, REDACTED.idNumber)
    .replace(/(?<!\d)\d{16,19}(?!\d)/g, REDACTED.card)
    .replace(/(?<![\d-])(\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)/g, REDACTED.phone)
    .replace(/(?<![\d-])0\d{2,3}[- ]?\d{7,8}(?!\d)/g, REDACTED.phone)
    // A house below its street: 幸福路12号3栋2单元301室 → 幸福路【详细地址】.
    .replace(
      /(?<=[路街道巷弄里村组])[0-9一二三四五六七八九十百零〇]+[号弄](?:[0-9A-Za-z一二三四五六七八九十-]+(?:号楼|栋|幢|座|单元|楼|层|室|户|号)){0,4}/g,
      REDACTED.address,
    )
    .replace(/[0-9A-Za-z]+(?:号楼|栋|幢)[0-9A-Za-z]+(?:单元)?[0-9A-Za-z]*(?:室|户)/g, REDACTED.address);
  // 3. People's names: after a word that introduces a person, with a title, or as jieba tags them.
  s = s.replace(
    new RegExp(`(${PERSON_CUES})([：:为是系即，,\\s]{0,2})(${CJK_NAME})`, 'g'),
    (whole, cue: string, sep: string, name: string) => {
      const candidate = name.slice(0, COMPOUND_SURNAMES.some((c) => name.startsWith(c)) ? 4 : 3);
      // The shortest name that starts with a surname: 2 or 3 characters (a compound surname: 3 or 4).
      for (const len of [3, 2]) {
        const n = candidate.slice(0, len);
        if (n.length === len && looksLikeName(n) && !/[的和与及等]/.test(n.slice(1))) {
          return `${cue}${sep}${REDACTED.name}${name.slice(len)}`;
        }
      }
      return whole;
    },
  );
  s = s.replace(
    new RegExp(`(${CJK_NAME.replace('{1,3}', '{1,2}')})(先生|女士|小姐|同志|老人|师傅)`, 'g'),
    (whole, n: string, title: string) =>
      SURNAMES.has(n[0]) || COMPOUND_SURNAMES.some((c) => n.startsWith(c))
        ? `${REDACTED.name}${title}`
        : whole,
  );
  const names = new Set(
    taggedWords(s)
      .filter((w) => (w.tag === 'nr' || w.tag === 'nrfg' || w.tag === 'nrt') && looksLikeName(w.word))
      .map((w) => w.word),
  );
  for (const n of [...names].sort((a, b) => b.length - a.length)) {
    s = s.split(n).join(REDACTED.name);
  }
  // A list of people next to a name already found: 【姓名】、孙丽萍 → 【姓名】、【姓名】.
  let before;
  do {
    before = s;
    s = s
      .replace(
        new RegExp(`(${REDACTED.name}[、和及与])(${CJK_NAME.replace('{1,3}', '{2,3}')})`, 'g'),
        (w, lead: string, n: string) => {
          const name = n.length === 3 && !looksLikeName(n) ? n.slice(0, 2) : n;
          return looksLikeName(name) ? `${lead}${REDACTED.name}${n.slice(name.length)}` : w;
        },
      )
      .replace(
        new RegExp(`(${CJK_NAME.replace('{1,3}', '{2,3}')})([、和及与]${REDACTED.name})`, 'g'),
        (w, n: string, tail: string) => {
          const name = n.length === 3 && !looksLikeName(n) ? n.slice(1) : n;
          return looksLikeName(name) ? `${n.slice(0, n.length - name.length)}${REDACTED.name}${tail}` : w;
        },
      );
  } while (s !== before);
  return s.replace(/\uE000(\d+)\uE001/g, (_, i: string) => kept[Number(i)]);
}
