import { ERASED_TEXT, scrub } from './retention.service';

describe('removing the known personal values from what the events and the draft say', () => {
  const known = ['示范市示范区东湖路 8 号 3 单元 201 室', '13812345678', '张三'];
  it.each([
    [
      'the acknowledgement',
      { acknowledgement: '张三（自然人）：您的申请已收到。' },
      { acknowledgement: `${ERASED_TEXT}（自然人）：您的申请已收到。` },
    ],
    [
      'nested values and lists',
      { to: ['13812345678'], post: { address: '示范市示范区东湖路 8 号 3 单元 201 室' } },
      { to: [ERASED_TEXT], post: { address: ERASED_TEXT } },
    ],
    ['every occurrence', '张三、张三', `${ERASED_TEXT}、${ERASED_TEXT}`],
    [
      'what is not personal',
      { days: 15, note: '示范区人民政府办公室', ok: true, none: null },
      { days: 15, note: '示范区人民政府办公室', ok: true, none: null },
    ],
  ])('%s', (_name, value, expected) => {
    expect(scrub(value, known)).toEqual(expected);
  });
});
