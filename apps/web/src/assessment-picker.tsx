import { useEffect, useRef } from 'react';
import { Alert, Card, Empty, Select, Space, Spin, Tag } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, client } from './api/client';
import type { Assessment } from './api/types';
import { keys } from './queries';
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

/**
 * The worker computing an assessment's results (after the leadership's approval or an upheld appeal): while it runs
 * the page says so and asks again every second; when it ends every year-end page reads the new status and results.
 */
export function ScoringProgress({ assessment }: { assessment: Assessment }) {
  const queryClient = useQueryClient();
  const run = useQuery({
    queryKey: [...keys.assessments(), assessment.id, 'scoring'],
    queryFn: () => answer(client.GET('/api/assessments/{id}/scoring', { params: { path: { id: assessment.id } } })),
    refetchInterval: (q) => {
      const status = q.state.data?.status;
      return status === 'queued' || status === 'running' || assessment.status === 'scoring' ? 1000 : false;
    },
  });
  const status = run.data?.status;
  const ended = status === 'done' || status === 'failed';
  // A run seen ending (or found ended while the assessment still reads 审定计算中): every page reads the
  // assessment and its results again. The run's revision is part of what is seen: an appeal's run may end
  // before this page ever saw it queued.
  const seen = useRef<string | undefined>(undefined);
  const now = run.data ? `${run.data.revision}:${run.data.status}` : run.isFetched ? 'none' : undefined;
  useEffect(() => {
    const before = seen.current;
    seen.current = now;
    if (ended && ((before !== undefined && before !== now) || assessment.status === 'scoring'))
      void queryClient.invalidateQueries({ queryKey: keys.assessments() });
  }, [now, ended, assessment.status, queryClient]);
  if (!run.data) return null;
  const what = run.data.kind === 'approval' ? '审定' : '申诉更正';
  const retry = run.data.attempts > 1 ? `，第 ${run.data.attempts} 次尝试` : '';
  if (status === 'queued' || status === 'running')
    return (
      <Alert
        type="info"
        showIcon
        icon={<Spin size="small" />}
        title={`正在计算第 ${run.data.revision} 版考评结果（${what}）${retry}，完成后自动刷新`}
        style={{ marginBottom: 12 }}
        data-testid="scoring-progress"
      />
    );
  if (status === 'failed')
    return (
      <Alert
        type="error"
        showIcon
        title={`第 ${run.data.revision} 版考评结果计算失败（${what}）`}
        description={run.data.error}
        style={{ marginBottom: 12 }}
        data-testid="scoring-failed"
      />
    );
  return null;
}
