import type { ContactRole, UnitKind } from '@app/organisation';

/**
 * The Ganzhou 2023 organisation of 赣市科赋字〔2023〕1号: the leadership group and its office, every
 * unit its task list (附件1) and project list (附件2) name, and the 20 county-level units with
 * their 2023 tiers (附件3). Person names are placeholders; addresses are @example.com.
 */
export interface DemoUnit {
  code: string;
  name: string;
  shortName: string;
  kind: UnitKind;
  parent: string | null;
  aliases?: string[];
  tier2023?: 1 | 2 | 3;
}

export interface DemoContact {
  unit: string;
  workplace?: string;
  section: string;
  role: ContactRole;
}

export const ganzhouCity = 'GZ';

export const ganzhouUnits: DemoUnit[] = [
  { code: 'GZ', name: '赣州市', shortName: '赣州市', kind: 'city', parent: null },
  { code: 'GZ-LDXZ', name: '赣州市科技创新赋能行动领导小组', shortName: '领导小组', kind: 'leadership_group', parent: 'GZ' },
  { code: 'GZ-LDXZ-BGS', name: '赣州市科技创新赋能行动领导小组办公室', shortName: '领导小组办公室', kind: 'office', parent: 'GZ-LDXZ' },
  { code: 'GZ-KJJ', name: '赣州市科学技术局', shortName: '市科技局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-GXJ', name: '赣州市工业和信息化局', shortName: '市工信局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-SWJ', name: '国家税务总局赣州市税务局', shortName: '市税务局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-GZW', name: '赣州市国有资产监督管理委员会', shortName: '市国资委', kind: 'department', parent: 'GZ' },
  { code: 'GZ-JYJ', name: '赣州市教育局', shortName: '市教育局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-CZJ', name: '赣州市财政局', shortName: '市财政局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-WJW', name: '赣州市卫生健康委员会', shortName: '市卫健委', kind: 'department', parent: 'GZ' },
  { code: 'GZ-RSJ', name: '赣州市人力资源和社会保障局', shortName: '市人社局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-JRB', name: '赣州市人民政府金融工作办公室', shortName: '市政府金融办', kind: 'department', parent: 'GZ' },
  { code: 'GZ-ZRZYJ', name: '赣州市自然资源局', shortName: '市自然资源局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-FGW', name: '赣州市发展和改革委员会', shortName: '市发展改革委', kind: 'department', parent: 'GZ' },
  { code: 'GZ-ZJJ', name: '赣州市住房和城乡建设局', shortName: '市住建局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-NYNCJ', name: '赣州市农业农村局', shortName: '市农业农村局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-LYJ', name: '赣州市林业局', shortName: '市林业局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-STHJJ', name: '赣州市生态环境局', shortName: '市生态环境局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-RCB', name: '中共赣州市委人才工作领导小组办公室', shortName: '市委人才办', kind: 'department', parent: 'GZ' },
  { code: 'GZ-ZZB', name: '中共赣州市委组织部', shortName: '市委组织部', kind: 'department', parent: 'GZ' },
  { code: 'GZ-SWJU', name: '赣州市商务局', shortName: '市商务局', kind: 'department', parent: 'GZ' },
  { code: 'GZ-KX', name: '赣州市科学技术协会', shortName: '市科协', kind: 'department', parent: 'GZ' },
  { code: 'GZ-ZFZX', name: '赣州市住房服务中心', shortName: '市住房服务中心', kind: 'institution', parent: 'GZ' },
  { code: 'GZ-GNKXY', name: '赣南科学院', shortName: '赣南科学院', kind: 'institution', parent: 'GZ' },
  { code: 'GZ-CTJT', name: '赣州市城市开发投资集团有限责任公司', shortName: '赣州城投集团', kind: 'enterprise', parent: 'GZ' },
  { code: 'GZ-FTJT', name: '赣州发展投资控股集团有限责任公司', shortName: '赣州发投集团', kind: 'enterprise', parent: 'GZ' },
  { code: 'GZ-RCJT', name: '赣州市人才发展集团有限公司', shortName: '赣州市人才集团', kind: 'enterprise', parent: 'GZ' },
  { code: 'GZ-JKQ', name: '赣州经济技术开发区', shortName: '赣州经开区', kind: 'county', parent: 'GZ', aliases: ['经开区', '赣州经开区管委会'], tier2023: 1 },
  { code: 'GZ-RJXQ', name: '赣州蓉江新区', shortName: '赣州蓉江新区', kind: 'county', parent: 'GZ', aliases: ['蓉江新区', '蓉江新区管委会'], tier2023: 1 },
  { code: 'GZ-ZGQ', name: '章贡区', shortName: '章贡区', kind: 'county', parent: 'GZ', aliases: ['章贡区人民政府'], tier2023: 1 },
  { code: 'GZ-GXQ', name: '赣县区（赣州高新区）', shortName: '赣县区（赣州高新区）', kind: 'county', parent: 'GZ', aliases: ['赣县区', '赣县区人民政府'], tier2023: 1 },
  { code: 'GZ-NKQ', name: '南康区', shortName: '南康区', kind: 'county', parent: 'GZ', aliases: ['南康区人民政府'], tier2023: 1 },
  { code: 'GZ-LNS', name: '龙南市', shortName: '龙南市', kind: 'county', parent: 'GZ', aliases: ['龙南市人民政府'], tier2023: 1 },
  { code: 'GZ-XFX', name: '信丰县', shortName: '信丰县', kind: 'county', parent: 'GZ', aliases: ['信丰县人民政府'], tier2023: 2 },
  { code: 'GZ-NDX', name: '宁都县', shortName: '宁都县', kind: 'county', parent: 'GZ', aliases: ['宁都县人民政府'], tier2023: 2 },
  { code: 'GZ-YDX', name: '于都县', shortName: '于都县', kind: 'county', parent: 'GZ', aliases: ['于都县人民政府'], tier2023: 2 },
  { code: 'GZ-XGX', name: '兴国县', shortName: '兴国县', kind: 'county', parent: 'GZ', aliases: ['兴国县人民政府'], tier2023: 2 },
  { code: 'GZ-HCX', name: '会昌县', shortName: '会昌县', kind: 'county', parent: 'GZ', aliases: ['会昌县人民政府'], tier2023: 2 },
  { code: 'GZ-RJS', name: '瑞金市', shortName: '瑞金市', kind: 'county', parent: 'GZ', aliases: ['瑞金市人民政府'], tier2023: 2 },
  { code: 'GZ-DYX', name: '大余县', shortName: '大余县', kind: 'county', parent: 'GZ', aliases: ['大余县人民政府'], tier2023: 3 },
  { code: 'GZ-SYX', name: '上犹县', shortName: '上犹县', kind: 'county', parent: 'GZ', aliases: ['上犹县人民政府'], tier2023: 3 },
  { code: 'GZ-CYX', name: '崇义县', shortName: '崇义县', kind: 'county', parent: 'GZ', aliases: ['崇义县人民政府'], tier2023: 3 },
  { code: 'GZ-AYX', name: '安远县', shortName: '安远县', kind: 'county', parent: 'GZ', aliases: ['安远县人民政府'], tier2023: 3 },
  { code: 'GZ-DNX', name: '定南县', shortName: '定南县', kind: 'county', parent: 'GZ', aliases: ['定南县人民政府'], tier2023: 3 },
  { code: 'GZ-QNX', name: '全南县', shortName: '全南县', kind: 'county', parent: 'GZ', aliases: ['全南县人民政府'], tier2023: 3 },
  { code: 'GZ-XWX', name: '寻乌县', shortName: '寻乌县', kind: 'county', parent: 'GZ', aliases: ['寻乌县人民政府'], tier2023: 3 },
  { code: 'GZ-SCX', name: '石城县', shortName: '石城县', kind: 'county', parent: 'GZ', aliases: ['石城县人民政府'], tier2023: 3 },
  { code: 'GZ-GXQ-GXGWH', name: '赣州高新技术产业开发区管理委员会', shortName: '赣州高新区管委会', kind: 'sub_unit', parent: 'GZ-GXQ' },
  { code: 'GZ-ZGQ-KJJ', name: '章贡区科学技术局', shortName: '章贡区科技局', kind: 'sub_unit', parent: 'GZ-ZGQ' },
  { code: 'GZ-XFX-KJJ', name: '信丰县科学技术局', shortName: '信丰县科技局', kind: 'sub_unit', parent: 'GZ-XFX' },
];

/** Liaisons named in 附件1 (unit and 科室; where they sit when that differs), then one per other unit. */
export const ganzhouTaskLiaisons: DemoContact[] = [
  { unit: 'GZ-CTJT', section: '人才小镇项目负责人', role: 'liaison' },
  { unit: 'GZ-CTJT', section: '项目负责人', role: 'liaison' },
  { unit: 'GZ-CZJ', section: '教科文科', role: 'liaison' },
  { unit: 'GZ-CZJ', section: '社会保障科', role: 'liaison' },
  { unit: 'GZ-FGW', section: '产业科', role: 'liaison' },
  { unit: 'GZ-FTJT', section: '投资基金管理公司', role: 'liaison' },
  { unit: 'GZ-GNKXY', section: '科研管理科', role: 'liaison' },
  { unit: 'GZ-GXJ', section: '科技科', role: 'liaison' },
  { unit: 'GZ-GXQ-GXGWH', section: '科创局', role: 'liaison' },
  { unit: 'GZ-GZW', section: '办公室', role: 'liaison' },
  { unit: 'GZ-JRB', section: '综合科', role: 'liaison' },
  { unit: 'GZ-JRB', section: '资本市场科', role: 'liaison' },
  { unit: 'GZ-JYJ', section: '职成科', role: 'liaison' },
  { unit: 'GZ-KJJ', section: '赋能办', role: 'liaison' },
  { unit: 'GZ-KX', section: '科技服务中心', role: 'liaison' },
  { unit: 'GZ-LYJ', section: '科技合作科', role: 'liaison' },
  { unit: 'GZ-NYNCJ', section: '科教科', role: 'liaison' },
  { unit: 'GZ-RCB', workplace: 'GZ-ZZB', section: '市人才服务中心人才服务一科', role: 'liaison' },
  { unit: 'GZ-RCJT', section: '党群工作部', role: 'liaison' },
  { unit: 'GZ-RSJ', section: '专技科', role: 'liaison' },
  { unit: 'GZ-STHJJ', section: '大气科', role: 'liaison' },
  { unit: 'GZ-SWJU', section: '国内外投资管理科', role: 'liaison' },
  { unit: 'GZ-WJW', section: '人事科教科', role: 'liaison' },
  { unit: 'GZ-XFX', workplace: 'GZ-XFX-KJJ', section: '赋能办', role: 'liaison' },
  { unit: 'GZ-ZFZX', section: '', role: 'liaison' },
  { unit: 'GZ-ZGQ', workplace: 'GZ-ZGQ-KJJ', section: '科技创新中心', role: 'liaison' },
  { unit: 'GZ-ZJJ', section: '住保科', role: 'liaison' },
  { unit: 'GZ-ZJJ', section: '市政科', role: 'liaison' },
  { unit: 'GZ-ZJJ', section: '节能设计科', role: 'liaison' },
  { unit: 'GZ-ZRZYJ', section: '国土空间规划科（科技办）', role: 'liaison' },
];
