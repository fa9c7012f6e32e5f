import { ClusterItem, clusterItems } from './request-clusters';

/** A small deterministic random generator, so the generated set is the same on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const PLANTED: string[][] = [
  [
    '建设路拓宽工程征地拆迁补偿安置方案',
    '建设路拓宽工程拆迁补偿安置方案',
    '建设路道路拓宽项目征地补偿安置方案',
    '建设路拓宽征收补偿安置方案',
  ],
  [
    '示范区国土空间总体规划（2021-2035年）',
    '示范区国土空间总体规划文本',
    '2021至2035年示范区国土空间总体规划',
    '示范区国土空间规划总体方案',
  ],
  [
    '城乡居民基本养老保险缴费标准',
    '城乡居民养老保险缴费档次和标准',
    '本区城乡居民基本养老保险的缴费标准',
    '居民基本养老保险缴费标准调整文件',
  ],
  ['示范小学学区划分方案', '示范小学招生学区划分', '示范小学的学区范围划分方案', '示范小学学区划片方案'],
  [
    '东湖公园改造工程环境影响评价报告',
    '东湖公园改造项目环评报告',
    '东湖公园改造工程的环境影响报告书',
    '东湖公园提升改造环境影响评价文件',
  ],
  [
    '老旧小区加装电梯补贴政策',
    '老旧小区加装电梯财政补贴标准',
    '既有住宅老旧小区加装电梯补贴办法',
    '老旧小区增设电梯补贴政策文件',
  ],
  ['地铁3号线站点规划', '地铁3号线站点设置规划', '轨道交通3号线站点规划方案', '地铁三号线站点选址规划'],
  [
    '农村宅基地审批办理流程',
    '农村宅基地申请审批流程',
    '农村村民宅基地审批办理程序',
    '宅基地审批的办理流程和材料',
  ],
  [
    '新能源汽车充电桩建设补贴',
    '新能源汽车充电设施建设补贴标准',
    '电动汽车充电桩建设补贴政策',
    '新能源汽车充电桩补贴申领办法',
  ],
  [
    '垃圾焚烧发电厂选址论证报告',
    '垃圾焚烧发电项目选址论证',
    '生活垃圾焚烧发电厂选址论证材料',
    '垃圾焚烧厂选址的论证报告',
  ],
  ['公租房轮候和分配名单', '公共租赁住房轮候分配名单', '公租房配租轮候名单', '公共租赁住房分配结果名单'],
  [
    '2025年区级财政预算执行情况',
    '区级财政2025年度预算执行情况报告',
    '2025年本级财政预算执行和其他财政收支情况',
    '区本级2025年财政预算执行情况',
  ],
];
const PREFIXES = ['', '请公开', '申请公开', '本人申请获取', '请提供', '关于', '申请查阅', '需要'];
const SUFFIXES = ['', '全文', '的相关文件', '及批复', '的具体内容', '（含附件）', '等信息'];

const NAME_CHARS = '华盛宏达鑫源恒通瑞丰嘉禾泽润景明博远凯旋佳信德昌永兴金鼎龙腾汇丰天成'.split('');
const PLACE_A = '东西南北中上下前后新老金银青红白黄兴安和平长宁永泰福寿'.split('');
const PLACE_B = ['湖', '山', '门', '桥', '塘', '园', '坊', '岭', '港', '湾', '林', '溪'];
const PLACE_S = ['街道', '社区', '村', '镇', '片区'];
const FACILITIES = [
  '菜市场',
  '消防站',
  '污水处理厂',
  '变电站',
  '幼儿园',
  '养老院',
  '卫生服务中心',
  '停车场',
  '公共厕所',
  '体育馆',
  '图书馆',
  '派出所',
  '农贸市场',
  '加油站',
  '垃圾中转站',
  '公交首末站',
  '文化站',
  '敬老院',
  '殡仪馆',
  '水厂',
  '河道',
  '桥梁',
  '路灯',
  '绿道',
  '防洪堤',
  '排涝泵站',
  '农田水利',
  '林地',
  '鱼塘',
  '果园',
  '仓库',
  '厂房',
  '商业综合体',
  '安置房',
  '廉租房',
  '人行天桥',
  '地下通道',
  '广场',
  '码头',
  '隧道',
];
const ASPECTS = [
  '施工许可证',
  '竣工验收备案',
  '招标公告',
  '中标结果',
  '工程预算',
  '资金使用明细',
  '运营合同',
  '安全检查记录',
  '用地批复',
  '规划许可证',
  '环保验收',
  '消防验收',
  '收费标准',
  '维修记录',
  '建设进度',
  '监理报告',
  '采购合同',
  '审计报告',
  '质量检测报告',
  '管理制度',
];

function generate(): { items: ClusterItem[]; planted: Map<string, number> } {
  const rand = random(20261202);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const items: ClusterItem[] = [];
  const planted = new Map<string, number>();
  const agencies = Array.from({ length: 40 }, (_, i) => `agency-${i}`);
  const day = () =>
    `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
  PLANTED.forEach((cores, topic) => {
    const size = 40 + Math.floor(rand() * 41);
    for (let k = 0; k < size; k++) {
      const id = `p${topic}-${k}`;
      planted.set(id, topic);
      items.push({
        requestId: id,
        position: 1,
        agencyId: pick(agencies),
        applicant: `a${Math.floor(rand() * 5000)}`,
        receivedOn: day(),
        disposition: null,
        description: `${pick(PREFIXES)}${pick(cores)}${pick(SUFFIXES)}`,
      });
    }
  });
  // Unrelated requests: each about its own project (a made-up name) in its own place.
  const seen = new Set<string>();
  while (items.length < 10_000) {
    const name = `${pick(NAME_CHARS)}${pick(NAME_CHARS)}${pick(NAME_CHARS)}${pick(NAME_CHARS)}`;
    const text = `${pick(PLACE_A)}${pick(PLACE_B)}${pick(PLACE_S)}${name}${pick(FACILITIES)}的${pick(ASPECTS)}`;
    if (seen.has(name)) {
      continue;
    }
    seen.add(name);
    items.push({
      requestId: `n${items.length}`,
      position: 1,
      agencyId: pick(agencies),
      applicant: `a${Math.floor(rand() * 5000)}`,
      receivedOn: day(),
      disposition: null,
      description: `${pick(PREFIXES)}${text}`,
    });
  }
  return { items, planted };
}

describe('clusters of requests asking for the same information', () => {
  const { items, planted } = generate();
  const clusters = clusterItems(items);
  // What the candidates page lists: groups of five or more.
  const listed = clusters.filter((c) => c.items.length >= 5);

  it('generates 10,000 requests with twelve planted groups among unrelated ones', () => {
    expect(items).toHaveLength(10_000);
    expect(new Set(planted.values()).size).toBe(12);
  });

  it.each(PLANTED.map((cores, topic) => [topic, cores[0]]))(
    'finds planted group %i (%s) with precision and recall of 0.9 or more',
    (topic) => {
      const members = [...planted].filter(([, t]) => t === topic).map(([id]) => id);
      let bestOverlap = 0;
      let bestSize = 1;
      for (const c of listed) {
        const overlap = c.items.filter((i) => planted.get(i.requestId) === topic).length;
        if (overlap > bestOverlap) {
          bestOverlap = overlap;
          bestSize = c.items.length;
        }
      }
      const precision = bestOverlap / bestSize;
      const recall = bestOverlap / members.length;
      expect({ topic, precision: precision >= 0.9, recall: recall >= 0.9 }).toEqual({
        topic,
        precision: true,
        recall: true,
      });
    },
  );

  it('does not merge unrelated requests into the listed groups', () => {
    const noiseInListed = listed.flatMap((c) => c.items).filter((i) => !planted.has(i.requestId)).length;
    const noise = items.length - planted.size;
    expect(noiseInListed / noise).toBeLessThan(0.01);
    expect(listed.length).toBeLessThanOrEqual(PLANTED.length + 5);
  });
});
