import { DISPOSITION_INFO } from '@gongkai/domain';
import { CaseLibraryService } from '@gongkai/core/reports';
import { FrozenClock, bearer, signIn, useTestDatabase } from '@gongkai/testing';
import { Desk } from './support/desk';

const PEOPLE = [
  { name: '张三', idType: 'resident_id', idNumber: '11010519491231002X' },
  { name: '李四', idType: 'resident_id', idNumber: '110105198001010016' },
  { name: '王五', idType: 'resident_id', idNumber: '440524188001010014' },
];

/** Past requests, each with the outcome it got; the planted queries below ask for some of them in other words. */
const PAST: { key: string; ask: string; outcome: string; reasons?: string }[] = [
  { key: 'demolition', ask: '建设路拓宽工程征地拆迁补偿安置方案', outcome: 'disclose.full' },
  { key: 'school', ask: '示范小学2025年学区划分方案', outcome: 'disclose.full' },
  {
    key: 'dibao',
    ask: '城东街道2024年最低生活保障对象审批名单',
    outcome: 'withhold.third_party_rights',
    reasons: '涉及个人隐私，第三方不同意公开',
  },
  { key: 'budget', ask: '示范区2025年部门预算和三公经费', outcome: 'disclose.full' },
  {
    key: 'eia',
    ask: '东湖化工园区扩建项目环境影响评价报告书',
    outcome: 'disclose.partial',
    reasons: '部分内容涉及商业秘密',
  },
  { key: 'planning', ask: '河西片区控制性详细规划调整批复', outcome: 'disclose.full' },
  {
    key: 'meeting',
    ask: '区政府常务会议关于旧城改造的讨论记录',
    outcome: 'withhold.process_info',
    reasons: '属于内部讨论记录',
  },
  { key: 'rent', ask: '公共租赁住房2025年配租名单和轮候排序', outcome: 'disclose.full' },
  {
    key: 'bus',
    ask: '地铁3号线站点选址论证材料',
    outcome: 'withhold.process_info',
    reasons: '属于研究论证过程中的材料',
  },
  { key: 'food', ask: '2025年第二季度餐饮单位食品安全抽检结果', outcome: 'disclose.full' },
  { key: 'land', ask: '示范村集体土地征收土地补偿费分配方案', outcome: 'disclose.full' },
  { key: 'permit', ask: '华昌达瑞公司厂房建设工程规划许可证', outcome: 'disclose.full' },
  {
    key: 'noise',
    ask: '夜间施工噪声投诉处理结果',
    outcome: 'unavailable.not_held',
    reasons: '经检索未制作该信息',
  },
  { key: 'pension', ask: '城乡居民基本养老保险基金年度收支情况', outcome: 'disclose.full' },
  { key: 'flood', ask: '2024年汛期防洪应急预案', outcome: 'disclose.full' },
  // Near misses: they share words with the planted queries and must not push the right case out.
  { key: 'quake', ask: '地震应急预案和避难场所分布', outcome: 'disclose.full' },
  { key: 'crops', ask: '征地青苗补偿标准', outcome: 'disclose.full' },
  { key: 'landuse', ask: '示范区土地利用总体规划', outcome: 'disclose.full' },
  { key: 'accounts', ask: '示范区2024年财政决算报告', outcome: 'disclose.full' },
  { key: 'canteen', ask: '学校食堂食品安全管理制度', outcome: 'disclose.full' },
  { key: 'roadworks', ask: '建设路施工占道许可', outcome: 'disclose.full' },
  { key: 'housing', ask: '保障性住房建设计划', outcome: 'disclose.full' },
  { key: 'insurance', ask: '医疗保险基金监管检查结果', outcome: 'disclose.full' },
];

/** Queries in other words, each with the case it must find among the first three. */
const PLANTED: [string, string][] = [
  ['拆迁补偿安置', 'demolition'],
  ['学区怎么划分', 'school'],
  ['低保审批名单', 'dibao'],
  ['三公经费预算', 'budget'],
  ['化工园区环评报告', 'eia'],
  ['控规调整', 'planning'],
  ['常务会议讨论记录', 'meeting'],
  ['公租房配租', 'rent'],
  ['三号线选址', 'bus'],
  ['食品抽检结果', 'food'],
  ['集体土地补偿费怎么分配', 'land'],
  ['华昌达瑞 规划许可', 'permit'],
  ['施工噪声投诉', 'noise'],
  ['养老保险基金收支', 'pension'],
  ['防汛应急预案', 'flood'],
];

const CURATED = [
  {
    kind: 'law',
    title: '中华人民共和国政府信息公开条例',
    body: '第三十六条 对政府信息公开申请，行政机关根据下列情况分别作出答复：（一）所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径。',
    tags: ['条例'],
  },
  {
    kind: 'normative',
    title: '政府信息公开信息处理费管理办法',
    body: '行政机关依申请提供政府信息，可以按件计收或者按量计收信息处理费。申请人一个自然月内累计申请10件以下（含10件）的，不收费。',
    tags: ['收费'],
  },
  {
    kind: 'letter_text',
    title: '过程性信息不予公开的标准答复',
    body: '经审查，您申请公开的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、请示报告等过程性信息，根据条例第十六条第二款的规定，本机关不予公开。',
    tags: ['过程性信息', '不予公开'],
  },
];

/**
 * 案例库: replied requests become reference cases without personal data; curated entries are added;
 * Chinese full-text search finds each planted query's case among the first three with the passage
 * marked; a legal reviewer marks a case typical with a commentary; the handler drafting a reply sees
 * the most similar past cases (办理参考).
 */
describe('the case library', () => {
  const db = useTestDatabase();
  const desk = new Desk(new FrozenClock('2025-03-03T09:00:00+08:00'));
  const ids = new Map<string, string>();
  let head: Record<string, string>;

  beforeAll(async () => {
    await desk.start(db().url);
    head = bearer(await signIn(desk.console.http, 'console', 'officehead'));
    for (const [i, p] of PAST.entries()) {
      const id = await desk.applyAndClaim(1, { items: [{ description: p.ask }], applicant: PEOPLE[i % 3] });
      await desk.act('handler', id, 'draft-reply', {
        items: [
          {
            position: 1,
            outcome: p.outcome,
            ...(p.outcome.startsWith('disclose') ? { provision: '见附件' } : {}),
            ...(p.reasons ? { reasons: p.reasons } : {}),
          },
        ],
      });
      if ((await desk.row(id)).status === 'in_review') {
        await desk.act('legal', id, 'approve-review', {});
      }
      await desk.act('signer', id, 'sign-off', {});
      ids.set(p.key, id);
    }
    for (const entry of CURATED) {
      await desk.console.http.post('/api/console/library').set(head).send(entry).expect(201);
    }
  }, 240_000);
  afterAll(() => desk.close());

  const search = async (q: string, extra: Record<string, string> = {}) =>
    (
      await desk.console.http
        .get('/api/console/library')
        .query({ q, ...extra })
        .set(desk.as.handler)
        .expect(200)
    ).body as {
      total: number;
      rows: { id: string; title: string; kind: string; passage: { text: string; hit: boolean }[] }[];
    };

  it('should make a reference case of every replied request, once, without personal data', async () => {
    const library = desk.console.app.get(CaseLibraryService);
    expect(await library.collect()).toBe(PAST.length);
    expect(await library.collect()).toBe(0);
    const [{ n }] = await desk.ds.query(`SELECT count(*)::int AS n FROM library_entry WHERE kind = 'case'`);
    expect(n).toBe(PAST.length);
    const rows = await desk.ds.query<{ all: string }[]>(
      `SELECT concat_ws('|', title, body, array_to_string(tags, ','), items::text, letter_text) AS all FROM library_entry`,
    );
    const text = rows.map((r) => r.all).join('\n');
    for (const secret of [
      ...PEOPLE.flatMap((p) => [p.name, p.idNumber]),
      '13812345678',
      'zhangsan@example.cn',
      '东湖路 8 号',
    ]) {
      expect(text).not.toContain(secret);
    }
    // The reply letter's text is kept, with the legal wording and without the addressee.
    expect(text).toContain('经审查，现答复如下');
  });

  it('should take a name, a phone number and an address out of the request text too', async () => {
    const id = await desk.applyAndClaim(1, {
      items: [{ description: '本人陈建国（电话13911112222）位于建设路18号2栋301室房屋的征收补偿决定' }],
    });
    await desk.act('handler', id, 'draft-reply', {
      items: [{ position: 1, outcome: 'disclose.full', provision: '见附件' }],
    });
    await desk.act('signer', id, 'sign-off', {});
    await desk.console.app.get(CaseLibraryService).collect();
    const [row] = await desk.ds.query(
      `SELECT title, body, letter_text AS "letterText" FROM library_entry WHERE source_request_id = $1`,
      [id],
    );
    const all = JSON.stringify(row);
    expect(all).not.toMatch(/陈建国|13911112222|18号|301室/);
    expect(row.title).toContain('建设路');
    expect(row.title).toContain('征收补偿决定');
  });

  it.each(PLANTED)('should find %s: its case among the first three, the passage marked', async (q, key) => {
    const found = await search(q);
    const [case_] = await desk.ds.query(`SELECT id FROM library_entry WHERE source_request_id = $1`, [
      ids.get(key),
    ]);
    const top = found.rows.slice(0, 3).map((r) => r.id);
    expect(top).toContain(case_.id);
    const hit = found.rows.find((r) => r.id === case_.id)!;
    expect(hit.passage.some((p) => p.hit)).toBe(true);
  });

  it('should search the curated entries, filter by kind, and refuse a bad kind with its field', async () => {
    const fees = await search('信息处理费 按件计收');
    expect(fees.rows[0].title).toBe('政府信息公开信息处理费管理办法');
    const letters = await search('过程性信息', { kind: 'letter_text' });
    expect(letters.rows.map((r) => r.title)).toEqual(['过程性信息不予公开的标准答复']);
    const bad = await desk.console.http.get('/api/console/library').query({ kind: 'x' }).set(desk.as.handler);
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].field).toBe('kind');
    const none = await search('量子计算机');
    expect(none.total).toBe(0);
    const audit = await desk.ds.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'library.searched'`,
    );
    expect(audit[0].n).toBeGreaterThan(0);
  });

  it('should let a legal reviewer or office head mark a typical case with a commentary, and nobody else', async () => {
    const [row] = await desk.ds.query(`SELECT id FROM library_entry WHERE source_request_id = $1`, [
      ids.get('meeting'),
    ]);
    const url = `/api/console/library/${row.id}/typical`;
    await desk.console.http
      .post(url)
      .set(desk.as.handler)
      .send({ typical: true, commentary: '过程性信息的典型答复。' })
      .expect(403);
    const short = await desk.console.http
      .post(url)
      .set(desk.as.legal)
      .send({ typical: true, commentary: '好' })
      .expect(400);
    expect(short.body.details[0].field).toBe('commentary');
    await desk.console.http
      .post(url)
      .set(desk.as.legal)
      .send({ typical: true, commentary: '会议讨论记录属于过程性信息，可以不予公开，但应说明理由。' })
      .expect(200);
    const entry = await desk.console.http
      .get(`/api/console/library/${row.id}`)
      .set(desk.as.handler)
      .expect(200);
    expect(entry.body).toMatchObject({ typical: true, commentedBy: 'legal' });
    expect(entry.body.items[0]).toMatchObject({
      outcome: 'withhold.process_info',
      legalBasis: DISPOSITION_INFO['withhold.process_info'].basis,
    });
    const typical = await search('', { typical: 'true' });
    expect(typical.rows.map((r) => r.id)).toEqual([row.id]);
    // The commentary is searched too.
    expect((await search('说明理由')).rows.map((r) => r.id)).toContain(row.id);
    const audited = await desk.ds.query(`SELECT 1 FROM audit_log WHERE action = 'library.marked_typical'`);
    expect(audited).toHaveLength(1);
  });

  it('should show the handler drafting a reply the five most similar past cases with outcomes and bases', async () => {
    const id = await desk.applyAndClaim(1, {
      items: [{ description: '请公开区政府常务会议研究旧城改造问题的会议记录' }],
    });
    const res = await desk.console.http
      .get(`/api/console/requests/${id}/similar-cases`)
      .set(desk.as.handler)
      .expect(200);
    const cases = res.body.cases as { id: string; outcomeLabel: string; bases: string[]; match: number }[];
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.length).toBeLessThanOrEqual(5);
    const [meeting] = await desk.ds.query(`SELECT id FROM library_entry WHERE source_request_id = $1`, [
      ids.get('meeting'),
    ]);
    expect(cases[0].id).toBe(meeting.id);
    expect(cases[0].bases).toEqual([DISPOSITION_INFO['withhold.process_info'].basis]);
    // Its own case is never offered as a reference for itself.
    const own = await desk.console.http
      .get(`/api/console/requests/${ids.get('meeting')}/similar-cases`)
      .set(desk.as.handler)
      .expect(200);
    expect(own.body.cases.map((c: { id: string }) => c.id)).not.toContain(meeting.id);
  });

  it('should let only curators add entries, with field errors and nothing written', async () => {
    await desk.console.http
      .post('/api/console/library')
      .set(desk.as.handler)
      .send({ kind: 'law', title: '某法', body: '正文正文正文正文正文正文' })
      .expect(403);
    const bad = await desk.console.http
      .post('/api/console/library')
      .set(head)
      .send({ kind: 'case', title: ' ', body: '' })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['body', 'kind', 'title']);
    const [{ n }] = await desk.ds.query(`SELECT count(*)::int AS n FROM library_entry WHERE kind <> 'case'`);
    expect(n).toBe(CURATED.length);
  });
});
