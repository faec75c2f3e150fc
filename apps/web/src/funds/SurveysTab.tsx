import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Drawer,
  Popconfirm,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { BarChartOutlined, LinkOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { allPages, answer, client } from '../api/client';
import { ErrorPage, Loading } from '../components';
import { formatDateTime, formatPercent } from '../format';
import { keys } from '../queries';
import { CreateSurveyModal, IssueLinksModal } from './SurveyModals';
import { surveyStatusColors, surveyStatusLabels } from './types';
import type { FundDetail, SatisfactionSummary, Survey } from '../api/types';

type ResultRow = SatisfactionSummary & { key: string; label: string };

function share(count: number, value: string | null): string {
  return value === null ? String(count) : `${count}（${value}%）`;
}

/** Per-question and overall answers: counts per option with their share, 不了解, N and satisfaction. */
function Results({ projectId, survey }: { projectId: string; survey: Survey }) {
  const results = useQuery({
    queryKey: keys.surveyResults(projectId, survey.id),
    queryFn: () =>
      answer(
        client.GET('/api/fund-projects/{projectId}/surveys/{surveyId}/results', {
          params: { path: { projectId, surveyId: survey.id } },
        }),
      ),
  });
  if (results.error) return <ErrorPage error={results.error} />;
  if (!results.data) return <Loading />;
  const r = results.data;
  const rows: ResultRow[] = [
    ...r.questions.map((q) => ({ ...q, key: q.questionId, label: `${q.position}. ${q.text}` })),
    { ...r.overall, key: 'overall', label: '总体（全部问题）' },
  ];
  const labels = r.overall.options.map((o) => o.label);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Row gutter={16}>
        <Col span={6}>
          <Statistic
            title="总体满意度"
            value={formatPercent(r.overall.satisfactionRounded)}
            data-testid="survey-overall"
          />
        </Col>
        <Col span={6}>
          <Statistic title="已收答卷" value={r.responses} suffix="份" />
        </Col>
        <Col span={6}>
          <Statistic title="已发放链接" value={r.tokens.issued} suffix="个" />
        </Col>
        <Col span={6}>
          <Statistic title="状态" value={surveyStatusLabels[r.status] ?? r.status} />
        </Col>
      </Row>
      <Table<ResultRow>
        rowKey="key"
        size="small"
        bordered
        pagination={false}
        dataSource={rows}
        scroll={{ x: 900 }}
        data-testid="survey-results"
        onRow={(row) => (row.key === 'overall' ? { style: { fontWeight: 600, background: '#fafafa' } } : {})}
        columns={[
          { title: '问题', dataIndex: 'label', width: 240, fixed: 'left' },
          ...labels.map((label, i) => ({
            title: `${label}（${r.overall.options[i]?.weight ?? ''}%）`,
            key: `o${i}`,
            width: 110,
            align: 'right' as const,
            render: (_: unknown, row: ResultRow) => share(row.options[i]?.count ?? 0, row.options[i]?.share ?? null),
          })),
          {
            title: '不了解',
            key: 'dk',
            width: 100,
            align: 'right',
            render: (_, row) => share(row.dontKnow, row.dontKnowShare),
          },
          { title: '样本数', dataIndex: 'n', width: 80, align: 'right' },
          {
            title: '满意度',
            key: 's',
            width: 90,
            align: 'right',
            render: (_, row) => formatPercent(row.satisfactionRounded),
          },
        ]}
      />
      <Typography.Text type="secondary">
        满意度 = Σ(选择人数 × 选项权重) ÷ 样本数；“不了解”不计入样本数。百分比按四舍五入保留两位小数。
      </Typography.Text>
    </Space>
  );
}

/** 满意度调查: the fund's surveys; the office creates them, issues one-use links and closes them; everyone reads the results. */
export function SurveysTab({ fund, canManage }: { fund: FundDetail; canManage: boolean }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const surveys = useQuery({
    queryKey: keys.fundSurveys(fund.id),
    queryFn: () =>
      allPages((page, pageSize) =>
        answer(
          client.GET('/api/fund-projects/{projectId}/surveys', {
            params: { path: { projectId: fund.id }, query: { page, pageSize } },
          }),
        ),
      ),
  });
  /** The list shows each survey's status and links issued; its results are read afresh as well. */
  const surveysChanged = () => queryClient.invalidateQueries({ queryKey: keys.fundSurveys(fund.id) });
  const [creating, setCreating] = useState(false);
  const [issuing, setIssuing] = useState<Survey | null>(null);
  const [viewing, setViewing] = useState<Survey | null>(null);
  if (surveys.error) return <ErrorPage error={surveys.error} />;

  async function close(s: Survey) {
    try {
      await answer(
        client.POST('/api/fund-projects/{projectId}/surveys/{surveyId}/close', {
          params: { path: { projectId: fund.id, surveyId: s.id } },
        }),
      );
      message.success('调查已结束，不再接受答卷');
      await surveysChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Card
      size="small"
      title="满意度调查"
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-survey">
            新建调查
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        {'调查对象通过一次性链接匿名填写问卷，无需登录；链接提交后或过期后即失效。' +
          '绩效评价的“服务对象满意度”取最近一次调查的结果。'}
      </Typography.Paragraph>
      <Table<Survey>
        rowKey="id"
        size="small"
        loading={surveys.isFetching}
        dataSource={surveys.data ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: '暂无满意度调查' }}
        data-testid="survey-list"
        expandable={{
          expandedRowRender: (s) => (
            <Descriptions
              size="small"
              column={1}
              items={[
                ...(s.intro ? [{ key: 'intro', label: '问卷说明', children: s.intro }] : []),
                {
                  key: 'q',
                  label: '问题',
                  children: s.questions.map((q) => <div key={q.id}>{`${q.position}. ${q.text}`}</div>),
                },
                {
                  key: 'o',
                  label: '选项与权重',
                  children:
                    s.options.map((o) => `${o.label} ${o.weight}%`).join('、') +
                    (s.allowDontKnow ? '、不了解（不计入样本）' : ''),
                },
              ]}
            />
          ),
        }}
        columns={[
          { title: '调查标题', dataIndex: 'title' },
          {
            title: '状态',
            key: 'status',
            width: 90,
            render: (_, s) => (
              <Tag color={surveyStatusColors[s.status]}>{surveyStatusLabels[s.status] ?? s.status}</Tag>
            ),
          },
          { title: '问题数', key: 'q', width: 70, render: (_, s) => s.questions.length },
          { title: '已发放 / 已提交', key: 't', width: 130, render: (_, s) => `${s.tokens.issued} / ${s.tokens.used}` },
          {
            title: '截止时间',
            key: 'c',
            width: 170,
            render: (_, s) =>
              s.closedAt
                ? `已于 ${formatDateTime(s.closedAt)} 结束`
                : s.closesAt
                  ? formatDateTime(s.closesAt)
                  : '未设定',
          },
          { title: '创建时间', key: 'created', width: 160, render: (_, s) => formatDateTime(s.createdAt) },
          {
            title: '操作',
            key: 'op',
            width: canManage ? 270 : 90,
            render: (_, s) => (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<BarChartOutlined />}
                  onClick={() => setViewing(s)}
                  data-testid={`survey-results-${s.id}`}
                >
                  结果
                </Button>
                {canManage && s.status === 'open' && (
                  <>
                    <Button
                      size="small"
                      icon={<LinkOutlined />}
                      onClick={() => setIssuing(s)}
                      data-testid="issue-links"
                    >
                      发放链接
                    </Button>
                    <Popconfirm
                      title="结束后不再接受答卷，已发放的链接全部失效。确定结束？"
                      onConfirm={() => void close(s)}
                      okText="结束调查"
                      cancelText="取消"
                    >
                      <Button size="small" danger icon={<StopOutlined />}>
                        结束
                      </Button>
                    </Popconfirm>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateSurveyModal
        open={creating}
        fund={fund}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          void surveysChanged();
        }}
      />
      <IssueLinksModal
        projectId={fund.id}
        year={fund.year}
        survey={issuing}
        onClose={() => setIssuing(null)}
        onIssued={() => void surveysChanged()}
      />
      <Drawer
        title={viewing ? `调查结果：${viewing.title}` : ''}
        open={!!viewing}
        onClose={() => setViewing(null)}
        size={1120}
        destroyOnHidden
      >
        {viewing && <Results projectId={fund.id} survey={viewing} />}
      </Drawer>
    </Card>
  );
}
