import type { DemoUnit } from './ganzhou-organisation.js';

/**
 * Nanchang (洪发〔2023〕10号): the city departments of its 附件1 and task list, and the twelve
 * county-level units of its 附件3 breakdown, in the order the table lists them.
 */
export const nanchangCity = 'NC';

export const nanchangUnits: DemoUnit[] = [
  { code: 'NC', name: '南昌市', shortName: '南昌市', kind: 'city', parent: null },
  { code: 'NC-ZZB', name: '南昌市委组织部', shortName: '市委组织部', kind: 'department', parent: 'NC' },
  { code: 'NC-XCB', name: '南昌市委宣传部', shortName: '市委宣传部', kind: 'department', parent: 'NC' },
  { code: 'NC-GGB', name: '南昌市委改革办', shortName: '市委改革办', kind: 'department', parent: 'NC' },
  { code: 'NC-KX', name: '南昌市科协', shortName: '市科协', kind: 'department', parent: 'NC' },
  {
    code: 'NC-KJJ',
    name: '南昌市科技局',
    shortName: '市科技局',
    kind: 'department',
    parent: 'NC',
    aliases: ['南昌市科学技术局'],
  },
  { code: 'NC-FGW', name: '南昌市发改委', shortName: '市发改委', kind: 'department', parent: 'NC' },
  { code: 'NC-GXJ', name: '南昌市工信局', shortName: '市工信局', kind: 'department', parent: 'NC' },
  { code: 'NC-GZW', name: '南昌市国资委', shortName: '市国资委', kind: 'department', parent: 'NC' },
  { code: 'NC-RSJ', name: '南昌市人社局', shortName: '市人社局', kind: 'department', parent: 'NC' },
  { code: 'NC-WB', name: '南昌市外办', shortName: '市外办', kind: 'department', parent: 'NC' },
  { code: 'NC-ZSJ', name: '南昌市政数局', shortName: '市政数局', kind: 'department', parent: 'NC' },
  { code: 'NC-JRB', name: '南昌市金融办', shortName: '市金融办', kind: 'department', parent: 'NC' },
  { code: 'NC-ZJJ', name: '南昌市住建局', shortName: '市住建局', kind: 'department', parent: 'NC' },
  { code: 'NC-ZGJ', name: '南昌市自规局', shortName: '市自规局', kind: 'department', parent: 'NC' },
  { code: 'NC-NYNCJ', name: '南昌市农业农村局', shortName: '市农业农村局', kind: 'department', parent: 'NC' },
  { code: 'NC-CZJ', name: '南昌市财政局', shortName: '市财政局', kind: 'department', parent: 'NC' },
  { code: 'NC-SWJU', name: '南昌市商务局', shortName: '市商务局', kind: 'department', parent: 'NC' },
  { code: 'NC-SCJGJ', name: '南昌市市场监管局', shortName: '市市场监管局', kind: 'department', parent: 'NC' },
  { code: 'NC-JYJ', name: '南昌市教育局', shortName: '市教育局', kind: 'department', parent: 'NC' },
  { code: 'NC-WJW', name: '南昌市卫健委', shortName: '市卫健委', kind: 'department', parent: 'NC' },
  { code: 'NC-ZXQYJ', name: '南昌市中小企业局', shortName: '市中小企业局', kind: 'department', parent: 'NC' },
  { code: 'NC-SWJ', name: '南昌市税务局', shortName: '市税务局', kind: 'department', parent: 'NC' },
  { code: 'NC-JTJ', name: '南昌市交通局', shortName: '市交通局', kind: 'department', parent: 'NC' },
  { code: 'NC-GBDST', name: '南昌广播电视台', shortName: '南昌广播电视台', kind: 'institution', parent: 'NC' },
  { code: 'NC-RBS', name: '南昌日报社', shortName: '南昌日报社', kind: 'institution', parent: 'NC' },
  {
    code: 'NC-GXQ',
    name: '南昌高新技术产业开发区',
    shortName: '高新区',
    kind: 'county',
    parent: 'NC',
    aliases: ['南昌高新区'],
  },
  {
    code: 'NC-JKQ',
    name: '南昌经济技术开发区',
    shortName: '经开区',
    kind: 'county',
    parent: 'NC',
    aliases: ['南昌经开区'],
  },
  { code: 'NC-NCX', name: '南昌县', shortName: '南昌县', kind: 'county', parent: 'NC', aliases: ['南昌县人民政府'] },
  { code: 'NC-JXX', name: '进贤县', shortName: '进贤县', kind: 'county', parent: 'NC', aliases: ['进贤县人民政府'] },
  { code: 'NC-AYX', name: '安义县', shortName: '安义县', kind: 'county', parent: 'NC', aliases: ['安义县人民政府'] },
  { code: 'NC-DHQ', name: '东湖区', shortName: '东湖区', kind: 'county', parent: 'NC', aliases: ['东湖区人民政府'] },
  { code: 'NC-XHQ', name: '西湖区', shortName: '西湖区', kind: 'county', parent: 'NC', aliases: ['西湖区人民政府'] },
  {
    code: 'NC-QYPQ',
    name: '青云谱区',
    shortName: '青云谱区',
    kind: 'county',
    parent: 'NC',
    aliases: ['青云谱区人民政府'],
  },
  {
    code: 'NC-QSHQ',
    name: '青山湖区',
    shortName: '青山湖区',
    kind: 'county',
    parent: 'NC',
    aliases: ['青山湖区人民政府'],
  },
  { code: 'NC-XJQ', name: '新建区', shortName: '新建区', kind: 'county', parent: 'NC', aliases: ['新建区人民政府'] },
  {
    code: 'NC-HGTQ',
    name: '红谷滩区',
    shortName: '红谷滩区',
    kind: 'county',
    parent: 'NC',
    aliases: ['红谷滩区人民政府'],
  },
  { code: 'NC-WLGLJ', name: '湾里管理局', shortName: '湾里管理局', kind: 'county', parent: 'NC', aliases: [] },
  { code: 'NC-NCX-XLJKQ', name: '小蓝经济技术开发区', shortName: '小蓝经开区', kind: 'sub_unit', parent: 'NC-NCX' },
];

/**
 * The names the task list uses for sets of units (…，各县区、开发区、湾里管理局). 开发区 are the two
 * development zones that report as county-level units in 附件3 (高新区, 经开区); 小蓝经开区 sits under
 * 南昌县 in the registry and is reached through it. 湾里管理局 is a unit of its own, not a group.
 */
export const nanchangUnitGroups: { name: string; members: string[] }[] = [
  {
    name: '各县区',
    members: ['NC-NCX', 'NC-JXX', 'NC-AYX', 'NC-DHQ', 'NC-XHQ', 'NC-QYPQ', 'NC-QSHQ', 'NC-XJQ', 'NC-HGTQ'],
  },
  { name: '开发区', members: ['NC-GXQ', 'NC-JKQ'] },
];
