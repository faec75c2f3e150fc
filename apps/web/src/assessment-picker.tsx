import { Card, Empty, Select, Space, Tag } from 'antd';
import type { Assessment } from './api/types';
import { assessmentStatusColors, assessmentStatusLabels, assessmentTitle } from './assessment';

/** A year-end page's card title: the page's name and the chosen assessment's stage. */
export function AssessmentHeading({
  label,
  assessment,
  tagTestId,
}: {
  label: string;
  assessment: Assessment;
  tagTestId?: string;
}) {
  return (
    <Space wrap>
      {label}
      <Tag color={assessmentStatusColors[assessment.status]} data-testid={tagTestId}>
        {assessmentStatusLabels[assessment.status] ?? assessment.status}
      </Tag>
    </Space>
  );
}

/** Which of the plan's year-end assessments (county or department) a page shows. */
export function AssessmentSelect({
  assessments,
  value,
  onChange,
  testId,
}: {
  assessments: Assessment[];
  value: string;
  onChange: (id: string) => void;
  testId: string;
}) {
  return (
    <Select
      value={value}
      style={{ width: 240 }}
      onChange={onChange}
      options={assessments.map((a) => ({ value: a.id, label: assessmentTitle(a) }))}
      data-testid={testId}
    />
  );
}

/** What a year-end page shows when the plan has no year-end assessment yet. */
export function NoAssessment({ title }: { title: string }) {
  return (
    <Card title={title}>
      <Empty description="本方案暂无年终考评" />
    </Card>
  );
}
