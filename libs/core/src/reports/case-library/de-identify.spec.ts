import { REDACTED, deIdentify } from './de-identify';

const N = REDACTED.name;

describe(deIdentify.name, () => {
  it.each([
    // [text, what must be gone, what must stay]
    ['联系电话13812345678，请回电', ['13812345678'], ['请回电']],
    ['电话：138-1234-5678', ['1234'], ['电话']],
    ['办公电话 010-65123456', ['65123456'], ['办公电话']],
    ['身份证号110101199003071234', ['110101199003071234'], ['身份证号']],
    ['证件号码 11010119900307123X。', ['11010119900307123X'], ['证件号码']],
    ['请发送至 zhang.san@example.com', ['zhang.san@example.com'], ['请发送至']],
    ['银行卡号6222021234567890123', ['6222021234567890123'], ['银行卡号']],
    ['住朝阳区幸福路12号3栋2单元301室', ['12号', '301室'], ['朝阳区幸福路']],
    ['申请人张三申请公开征收补偿协议', ['张三'], ['申请人', '征收补偿协议']],
    ['联系人：李建国', ['李建国'], ['联系人']],
    ['户主欧阳娜娜的宅基地审批', ['欧阳娜娜'], ['户主', '宅基地审批']],
    ['王女士反映的问题', ['王女士'], ['女士反映的问题']],
    ['王小明家的房屋征收补偿协议', ['王小明'], ['房屋征收补偿协议']],
    ['配偶刘德华、孙丽萍的低保材料', ['刘德华', '孙丽萍'], ['低保材料']],
  ])('%s', (text, gone, kept) => {
    const out = deIdentify(text);
    for (const g of gone) {
      expect(out).not.toContain(g);
    }
    for (const k of kept) {
      expect(out).toContain(k);
    }
  });

  it.each([
    // Government wording is not personal data: nothing changes.
    '《中华人民共和国政府信息公开条例》第三十六条第三项',
    '示范区人民政府2025年国有土地上房屋征收决定（示政发〔2025〕12号）',
    '本机关于2026年3月2日收到您提出的政府信息公开申请（申请编号：示范区政府〔2026〕0012号）。',
    '经检索，本机关未制作或者获取该政府信息。',
    '城东片区旧城改造项目的规划许可证',
  ])('keeps %s', (text) => {
    expect(deIdentify(text)).toBe(text);
  });

  it("keeps the agency's own telephone and address", () => {
    const text = '联系电话：010-12345678。地址：示范区人民路 1 号。申请人电话 010-87654321。';
    expect(deIdentify(text, { keep: ['010-12345678', '示范区人民路 1 号'] })).toBe(
      `联系电话：010-12345678。地址：示范区人民路 1 号。申请人电话 ${REDACTED.phone}。`,
    );
  });

  it('removes what the request holds wherever it appears, longest first', () => {
    const out = deIdentify('宁静致远：来信收悉。宁静致远住在示范区东大街甲9号院，电话 13900001111。', {
      names: ['宁静致远'],
      addresses: ['示范区东大街甲9号院'],
      phones: ['13900001111'],
    });
    expect(out).toBe(`${N}：来信收悉。${N}住在${REDACTED.address}，电话 ${REDACTED.phone}。`);
  });
});
