import { keywords, terms, textSimilarity } from './chinese-text';

describe('Chinese text similarity for requests', () => {
  it('segments into meaningful terms without the request form’s own words', () => {
    expect(terms('申请公开2025年示范区征地拆迁补偿安置方案')).toEqual(
      expect.arrayContaining(['2025', '示范区', '征地', '拆迁', '补偿', '安置', '方案']),
    );
    expect(terms('申请公开相关政府信息')).toEqual([]);
    expect(terms('２０２５年')).toEqual(['2025']);
  });

  it.each([
    ['示范区建设路拓宽工程征地拆迁补偿安置方案', '请公开建设路拓宽工程的拆迁补偿安置方案'],
    ['2025年示范区国土空间总体规划', '示范区国土空间总体规划（2025年版）全文'],
    ['本人承包地被征收的征地补偿标准和批复文件', '关于我承包土地被征收的征地补偿标准及批复'],
    ['示范小学2025年学区划分方案', '申请公开示范小学2025年的学区划分方案'],
  ])('finds “%s” and “%s” alike', (a, b) => {
    expect(textSimilarity(a, b)).toBeGreaterThanOrEqual(0.5);
  });

  it.each([
    ['示范区建设路拓宽工程征地拆迁补偿安置方案', '示范小学2025年学区划分方案'],
    ['2025年示范区国土空间总体规划', '城乡居民基本养老保险缴费标准'],
    ['某企业环境影响评价报告', '某小区物业维修基金使用情况'],
  ])('keeps “%s” and “%s” apart', (a, b) => {
    expect(textSimilarity(a, b)).toBeLessThan(0.3);
  });

  it('names what a text is about by its rarest terms', () => {
    expect(keywords('示范区建设路拓宽工程征地拆迁补偿安置方案', 3)).toEqual(expect.arrayContaining(['征地']));
  });
});
