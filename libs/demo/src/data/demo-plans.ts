import type { ImportKind } from '@app/plans';

/** The plans the demo loads, each through the same spreadsheet import offices use. */
export interface DemoPlan {
  city: string;
  title: string;
  issuingBody: string;
  docNumber: string;
  issueDate: string;
  startYear: number;
  endYear: number;
  imports: { kind: ImportKind; file: string }[];
}

export const demoPlans: DemoPlan[] = [
  {
    city: 'GZ',
    title: '2023年赣州市科技创新赋能行动工作方案',
    issuingBody: '赣州市科技创新赋能行动领导小组',
    docNumber: '赣市科赋字〔2023〕1号',
    issueDate: '2023-02-21',
    startYear: 2023,
    endYear: 2023,
    imports: [
      { kind: 'tasks', file: 'ganzhou-2023-tasks.xlsx' },
      { kind: 'projects', file: 'ganzhou-2023-projects.xlsx' },
    ],
  },
  {
    city: 'NC',
    title: '关于建设区域科创中心推动经济高质量发展的实施方案',
    issuingBody: '中共南昌市委、南昌市人民政府',
    docNumber: '洪发〔2023〕10号',
    issueDate: '2023-07-17',
    startYear: 2023,
    endYear: 2025,
    imports: [
      { kind: 'goals', file: 'nanchang-2023-goals.xlsx' },
      { kind: 'breakdown', file: 'nanchang-2023-breakdown.xlsx' },
      { kind: 'tasks', file: 'nanchang-2023-tasks.xlsx' },
    ],
  },
];
