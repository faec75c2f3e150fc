import type { EventItem, Scheme, VetoItem } from '../types.js';

/** Seed data from 赣市科赋字〔2023〕1号, 附件3《2023年赣州市科技创新赋能行动考评方案》.
 *  Where the document is vague the closest rule kind is used and the choice is stated in `note`. */

const SOURCE = '赣市科赋字〔2023〕1号 附件3';

/** 附件3 三(一): the three county tiers. 赣州蓉江新区's hard-to-count indicators use the tier-1 average. */
export const ganzhouCountyTiers2023: Readonly<Record<string, '一类' | '二类' | '三类'>> = {
  赣州经开区: '一类',
  赣州蓉江新区: '一类',
  章贡区: '一类',
  '赣县区（赣州高新区）': '一类',
  南康区: '一类',
  龙南市: '一类',
  信丰县: '二类',
  宁都县: '二类',
  于都县: '二类',
  兴国县: '二类',
  会昌县: '二类',
  瑞金市: '二类',
  大余县: '三类',
  上犹县: '三类',
  崇义县: '三类',
  安远县: '三类',
  定南县: '三类',
  全南县: '三类',
  寻乌县: '三类',
  石城县: '三类',
};

/** 附表3-1 第15项 加分项: points per event, the table capped at 15. */
export const ganzhouCountyBonusTable: readonly EventItem[] = [
  { id: 'b.unicorn', name: '辖区企业当年认定为独角兽企业', points: 5 },
  { id: 'b.potential-unicorn', name: '辖区企业当年认定为潜在独角兽企业', points: 4 },
  { id: 'b.seed-unicorn', name: '辖区企业当年认定为种子独角兽企业', points: 2 },
  { id: 'b.gazelle', name: '辖区企业当年认定为瞪羚企业', points: 1 },
  { id: 'b.platform-national', name: '获批组建国家级科技创新平台', points: 5 },
  { id: 'b.platform-provincial', name: '获批组建省级科技创新平台', points: 2 },
  { id: 'b.award-national-1', name: '作为第一单位获国家科技奖一等奖', points: 10 },
  { id: 'b.award-national-2', name: '作为第一单位获国家科技奖二等奖', points: 5 },
  { id: 'b.award-provincial-special', name: '作为第一单位获省科技奖特等奖', points: 4 },
  { id: 'b.award-provincial-1', name: '作为第一单位获省科技奖一等奖', points: 2 },
  { id: 'b.award-provincial-2', name: '作为第一单位获省科技奖二等奖', points: 1 },
  { id: 'b.talent-national', name: '新增纳入国家级人才工程', points: 5 },
  { id: 'b.talent-provincial', name: '新增纳入省级人才工程', points: 2 },
  { id: 'b.project-city-key', name: '项目列入市级重点调度（每个）', points: 0.5 },
  { id: 'b.listing', name: '当年推动科技型企业上市（每个）', points: 0.5 },
  { id: 'b.host-national', name: '承办国家现场经验交流会', points: 8 },
  { id: 'b.host-provincial', name: '承办省现场经验交流会', points: 5 },
  { id: 'b.host-city', name: '承办市现场经验交流会', points: 2 },
  { id: 'b.speech-national', name: '经验做法在国家会议作经验交流发言', points: 4 },
  { id: 'b.speech-provincial', name: '经验做法在省会议作经验交流发言', points: 2 },
  { id: 'b.speech-city', name: '经验做法在市会议作经验交流发言', points: 1 },
  { id: 'b.media-national', name: '经验做法在国家媒体（刊物）头条或1000字以上版面刊登', points: 5 },
  { id: 'b.media-provincial', name: '经验做法在省媒体（刊物）头条或1000字以上版面刊登', points: 2 },
  { id: 'b.media-city', name: '经验做法在市媒体（刊物）头条或1000字以上版面刊登', points: 1 },
];

/** 附件3 五: 重大科研诚信问题 cancels the year's eligibility for commendation (取消评先评优资格). */
export const ganzhouVetoItems: readonly VetoItem[] = [
  { id: 'v.integrity', name: '辖区或单位出现重大科研诚信问题', note: '取消所在地该年度科技创新赋能行动评先评优资格' },
];

const INDICATOR_NOTE =
  '附表3-1 只写“按照县（市、区）综合考核指标计分方法折算”，未给出各项分值：' +
  '60 分按 10 项平均，每项 6 分；折算方法取线性折算（本类别最差 0 分、最优满分）。';

const indicator = (n: number, name: string, note?: string) => ({
  id: `c1.${n}`,
  name,
  points: 6,
  note: note ? `${INDICATOR_NOTE}${note}` : INDICATOR_NOTE,
  rule: { kind: 'linear' as const, direction: 'higher' as const },
});

/** 附表3-1 县（市、区）科技创新赋能行动考评指标: 60 + 25 + 15 = 100, bonus up to 15. */
export const ganzhouCountyScheme2023: Scheme = {
  id: 'ganzhou-county-2023',
  name: '2023年赣州市县（市、区）科技创新赋能行动考评',
  total: 100,
  note: `${SOURCE} 附表3-1。赣州蓉江新区有关科技创新指标难以单独统计的，按一类县平均得分计算（输入 notMeasurable）。`,
  criteria: [
    {
      id: 'c1',
      name: '推进高质量跨越式发展成效科技创新指标',
      points: 60,
      children: [
        indicator(1, '科技强省战略及创新能力建设', '输入值为该项在县（市、区）综合考核中的得分或指数。'),
        indicator(2, '研发支出与地区生产总值之比'),
        indicator(3, '高新技术产业增加值占规模以上工业增加值比重'),
        indicator(4, '技术合同成交额与地区生产总值之比'),
        indicator(5, '每万家企业法人中高新技术企业数'),
        indicator(6, '规模以上工业企业中有研发活动企业占比'),
        indicator(7, '基础研究支出占研发支出比重'),
        indicator(8, '研发人员占比'),
        indicator(9, '规模以上工业企业新产品销售收入占比'),
        indicator(10, '外国高端人才和专业人才来华（赣州）工作数量与本地就业人员之比'),
      ],
    },
    {
      id: 'c2',
      name: '政策保障',
      points: 25,
      children: [
        {
          id: 'c2.1',
          name: '科技管理部门能力建设',
          points: 10,
          note: '文件未列计分细则，按人工评分（须写明理由）。',
          rule: { kind: 'manual', guidance: '对照机构、人员、经费等科技管理能力建设情况评分' },
        },
        {
          id: 'c2.2',
          name: '科技创新赋能行动政策执行兑现情况',
          points: 15,
          note: '文件未列计分细则，取兑现率 × 分值：实际兑现（actual）÷ 应兑现（planned），封顶 1。',
          rule: { kind: 'rate', cap: 1 },
        },
      ],
    },
    {
      id: 'c3',
      name: '综合评价',
      points: 15,
      children: [
        {
          id: 'c3.1',
          name: '重点工程项目建设推进和市科技创新赋能行动领导小组办公室布置的重要调度事项完成情况',
          points: 10,
          note: '文件未列计分细则，按人工评分（须写明理由）。',
          rule: { kind: 'manual', guidance: '对照附件2 重点项目推进和领导小组办公室交办的重要调度事项完成情况评分' },
        },
        {
          id: 'c3.2',
          name: '打造科技创新赋能示范项目情况',
          points: 5,
          note: '文件未列计分细则，按人工评分（须写明理由）。',
          rule: { kind: 'manual' },
        },
      ],
    },
  ],
  bonus: { cap: 15, items: [...ganzhouCountyBonusTable] },
  vetoItems: [...ganzhouVetoItems],
};

/** 附表3-2 市直单位科技创新赋能行动考评指标: 日常履职 30 (5 + 10 + 5 + 10) + 重点任务推进 70. */
export const ganzhouDepartmentScheme2023: Scheme = {
  id: 'ganzhou-department-2023',
  name: '2023年赣州市市直单位科技创新赋能行动考评',
  total: 100,
  note: `${SOURCE} 附表3-2。评价结果纳入市直单位综合考核；不设表扬、约谈。`,
  criteria: [
    {
      id: 'd1',
      name: '日常履职情况',
      points: 30,
      children: [
        {
          id: 'd1.1',
          name: '单位重视，指定领导分管、具体科室负责科技创新工作',
          points: 5,
          note: '按清单计分：两项各 2.5 分（文件只给总分 5 分）。',
          rule: {
            kind: 'checklist',
            items: [
              { id: 'leader', name: '指定领导分管科技创新工作', points: 2.5 },
              { id: 'section', name: '指定具体科室负责科技创新工作', points: 2.5 },
            ],
          },
        },
        {
          id: 'd1.2',
          name: '结合单位职能制定年度科技创新工作计划',
          points: 10,
          note: '有则满分，无则 0 分（单项清单）。',
          rule: {
            kind: 'checklist',
            items: [{ id: 'plan', name: '已结合单位职能制定年度科技创新工作计划', points: 10 }],
          },
        },
        {
          id: 'd1.3',
          name: '定期研究调度科技创新工作',
          points: 5,
          note: '“定期”未量化，按人工评分（须写明理由）。',
          rule: { kind: 'manual', guidance: '查阅会议纪要等，看是否定期研究调度科技创新工作' },
        },
        {
          id: 'd1.4',
          name: '按要求及时报送有关材料，完成交办的工作任务',
          points: 10,
          note:
            '没有及时报送材料、完成交办工作的，每次扣1分，扣完为止。' +
            '次数 = 有迟报或漏报的月份数 + 逾期的交办事项数。',
          rule: { kind: 'perEvent', pointsPerEvent: 1 },
        },
      ],
    },
    {
      id: 'd2',
      name: '重点任务推进情况',
      points: 70,
      note:
        '对照《2023年赣州市科技创新赋能行动工作方案》，完成本单位牵头或配合的重点任务，' +
        '未完成的酌情扣分：“酌情”无固定标准，按人工评分（须写明理由）。',
      rule: { kind: 'manual', guidance: '对照本单位牵头或配合的重点任务完成情况，未完成的酌情扣分' },
    },
  ],
  vetoItems: [...ganzhouVetoItems],
};
