import { strFromU8, unzipSync } from 'fflate';
import { ReplyCode } from '@gongkai/domain';
import { replyFacts } from '../handling';
import { letterDocx, letterBlocks } from './docx';
import { LETTER_KINDS, LETTER_KIND_INFO, LetterKind } from './letter-kinds';
import { LetterContext, chineseDate, renderLetterHtml } from './letter-renderer';

const AGENCY = {
  name: '示范区人民政府',
  letterHeader: '示范区人民政府办公室',
  sealText: '示范区人民政府办公室政府信息公开专用章',
  address: '示范区人民路 1 号',
  postalCode: '100000',
  phone: '010-12345678',
  email: 'gk@sfq.gov.cn',
};

function context(
  kind: LetterKind,
  facts: Record<string, unknown>,
  remedies: LetterContext['remedies'] = null,
): LetterContext {
  return {
    agency: AGENCY,
    letter: {
      title: LETTER_KIND_INFO[kind].title,
      number: '示范区政府依申答〔2026〕0001号',
      date: chineseDate('2026-11-23'),
    },
    to: '张三',
    request: {
      number: '示范区政府依申〔2026〕0001号',
      receivedOn: chineseDate('2026-11-02'),
      applicantName: '张三',
      items: [
        { position: 1, description: '2025 年老旧小区改造项目清单', documentNumber: '示政发〔2025〕3号' },
        { position: 2, description: '项目招标文件', documentNumber: null },
      ],
    },
    facts,
    remedies,
    slots: { ...LETTER_KIND_INFO[kind].slots },
  };
}

const REPLY = (code: ReplyCode, outcomes: ReplyCode[]) =>
  replyFacts(
    {
      items: outcomes.map((outcome, i) => ({
        position: i + 1,
        outcome,
        reasons: outcome === 'disclose.full' ? null : '理由 <b>见</b> 附件',
        legalBasis: '《中华人民共和国政府信息公开条例》第三十六条',
        notResponsible: false,
        responsibleAgency: null,
        provision: outcome === 'disclose.full' ? '见附件' : null,
      })),
      derived: code,
      code,
      overrideReason: null,
      reviewReasons: [],
      summary: null,
      draftedBy: 'handler',
      draftedOn: '2026-11-23',
      reviewDue: null,
    },
    [
      {
        requestId: 'r',
        position: 1,
        description: '2025 年老旧小区改造项目清单',
        documentNumber: null,
        outcome: null,
        reasons: null,
        legalBasis: null,
        responsibleAgency: null,
      },
      {
        requestId: 'r',
        position: 2,
        description: '项目招标文件',
        documentNumber: null,
        outcome: null,
        reasons: null,
        legalBasis: null,
        responsibleAgency: null,
      },
    ],
  );

const remedies = (first: boolean, partial = false) => ({
  reconsiderationFirst: first,
  alsoDisclosed: partial,
  body: '示范市人民政府',
  court: '示范市中级人民法院',
});

/** One representative set of facts per template (docs/domain-rules.md "Documents"). */
const SAMPLES: Record<LetterKind, LetterContext> = {
  application_form: context('application_form', {
    channel: '在线申请',
    applicantType: '自然人',
    idNumber: '1101**********002X',
    phone: '138****5678',
    address: '示范区东湖路 8 号***',
    email: 'zhangsan@example.cn',
    formOfProvision: '电子数据',
    deliveryChannel: '网上获取',
  }),
  acknowledgement: context('acknowledgement', { replyDue: chineseDate('2026-11-30') }),
  correction_notice: context('correction_notice', {
    defects: ['所需信息的名称不明确', '缺少身份证明'],
    periodWorkingDays: 15,
    periodDue: chineseDate('2026-12-14'),
  }),
  art35_reasons: context('art35_reasons', { question: '请说明一个月内提出 60 件申请的理由。' }),
  art35_deadline: context('art35_deadline', {
    deadline: chineseDate('2027-02-26'),
    reason: '需逐件检索历年档案。',
  }),
  extension_notice: context('extension_notice', {
    reason: '需要调阅历史档案',
    workingDays: 20,
    newDue: chineseDate('2026-12-28'),
  }),
  third_party_consultation: {
    ...context('third_party_consultation', {
      subject: '贵公司投标文件中的报价明细',
      answerDue: chineseDate('2026-12-14'),
    }),
    to: '示范建设有限公司',
  },
  third_party_disclosure_notice: {
    ...context('third_party_disclosure_notice', {
      openedOn: chineseDate('2026-11-23'),
      answeredOn: chineseDate('2026-11-30'),
      objection: '涉及商业秘密',
      disclosure: '中标价格总额',
      reasons: '涉及公共资金使用，公开有利于公共利益',
    }),
    to: '示范建设有限公司',
  },
  inter_agency_consultation: {
    ...context('inter_agency_consultation', {
      subject: '联合制作的规划文件',
      answerDue: chineseDate('2026-12-14'),
    }),
    to: '示范市自然资源局',
  },
  assistance_letter: {
    ...context('assistance_letter', {
      question: '请查找是否存在相关统计。',
      replyDue: chineseDate('2026-11-30'),
    }),
    to: '示范区教育局',
  },
  fee_notice: context('fee_notice', {
    perRequest: false,
    quantity: 150,
    basisLabel: '按量计收',
    standard: '30页以下（含30页）不收费；31—100页每页10元；101—200页每页20元；201页以上每页40元',
    bands: [
      { label: '第1—30页', units: 30, unitYuan: 0, amountYuan: 0 },
      { label: '第31—100页', units: 70, unitYuan: 10, amountYuan: 700 },
      { label: '第101—200页', units: 50, unitYuan: 20, amountYuan: 1000 },
    ],
    amountYuan: 1700,
    payDue: chineseDate('2026-12-21'),
  }),
  reply_disclose: context(
    'reply_disclose',
    REPLY('disclose.full', ['disclose.full', 'disclose.full']),
    remedies(false),
  ),
  reply_withhold: context(
    'reply_withhold',
    REPLY('withhold.process_info', ['withhold.process_info', 'withhold.process_info']),
    remedies(true),
  ),
  reply_unavailable: context(
    'reply_unavailable',
    REPLY('unavailable.not_held', ['unavailable.not_held', 'unavailable.needs_creation']),
    remedies(false),
  ),
  reply_not_processed: context(
    'reply_not_processed',
    REPLY('not_processed.repeat', ['not_processed.repeat', 'not_processed.repeat']),
    remedies(false),
  ),
  termination_notice: context(
    'termination_notice',
    { text: '您（单位）无正当理由逾期未补正，本机关不再处理该政府信息公开申请。' },
    remedies(false),
  ),
  service_receipt: context('service_receipt', {
    documents: '政府信息公开申请答复告知书（示范区政府依申答〔2026〕0001号）',
    channel: '邮寄送达',
    address: '示范区东湖路 8 号',
    trackingNumber: 'EMS1234567890',
    servedOn: chineseDate('2026-11-25'),
    signedBy: '张三',
    servedBy: 'handler',
  }),
  joint_consultation_minutes: {
    ...context('joint_consultation_minutes', {
      topic: '是否属于过程性信息',
      meetingOn: chineseDate('2026-11-26'),
      convenedBy: '工作机构负责人',
      participants: [
        { name: '示范区住房和城乡建设局', kindLabel: '业务部门', opinion: '属于内部研究材料。' },
        { name: '示范区司法局', kindLabel: '法制机构', opinion: null },
      ],
      conclusion: '按过程性信息不予公开，并告知理由。',
      replyDue: chineseDate('2026-11-30'),
    }),
    to: '示范区人民政府办公室',
  },
};

describe('letters', () => {
  it.each(LETTER_KINDS.map((k) => [k]))('should render %s as in its snapshot', (kind) => {
    const html = renderLetterHtml(kind, SAMPLES[kind]);
    expect(html).toContain(AGENCY.letterHeader);
    expect(html).toContain(LETTER_KIND_INFO[kind].title);
    expect(html).toContain(AGENCY.sealText);
    expect(html).toMatchSnapshot();
  });

  it('should name reconsideration first and offer no direct litigation in a refusal', () => {
    const html = renderLetterHtml('reply_withhold', SAMPLES.reply_withhold);
    expect(html).toContain('应当先自知道该行政行为之日起六十日内向示范市人民政府申请行政复议');
    expect(html).toContain('《中华人民共和国行政复议法》第二十三条');
    expect(html).not.toContain('六个月内');
  });

  it('should offer reconsideration or litigation, with the body, the court and both time limits, in other replies', () => {
    const html = renderLetterHtml('reply_disclose', SAMPLES.reply_disclose);
    expect(html).toContain(
      '六十日内向示范市人民政府申请行政复议，或者自知道该行政行为之日起六个月内向示范市中级人民法院提起行政诉讼',
    );
  });

  it('should escape what people typed', () => {
    const html = renderLetterHtml('reply_withhold', SAMPLES.reply_withhold);
    expect(html).toContain('理由 &lt;b&gt;见&lt;/b&gt; 附件');
    expect(html).not.toContain('<b>见</b>');
  });

  it('should convert a letter to a DOCX with the same paragraphs, byte for byte reproducibly', () => {
    const html = renderLetterHtml('correction_notice', SAMPLES.correction_notice);
    const docx = letterDocx(html);
    expect(letterDocx(html).equals(docx)).toBe(true);
    const files = unzipSync(new Uint8Array(docx));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    const xml = strFromU8(files['word/document.xml']);
    for (const block of letterBlocks(html)) {
      expect(xml).toContain(block.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
    }
    expect(xml).toContain('w:w="11906" w:h="16838"'); // A4
  });
});
