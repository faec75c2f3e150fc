import { answer, client } from '../api/client';
import { useState } from 'react';
import { App, Button, Card, Collapse, Descriptions, Empty, Popconfirm, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { messageOf } from '../api';
import { ErrorPage, Loading } from '../components';
import { formatDate, formatDateTime } from '../format';
import { AssignmentsDrawer } from '../plans/AssignmentsDrawer';
import { NewTaskModal } from '../plans/NewTaskModal';
import { PlanFormModal } from '../plans/PlanFormModal';
import { SectionModal } from '../plans/SectionModal';
import { TaskDrawer } from '../plans/TaskDrawer';
import { TaskTable } from '../plans/TaskTable';
import { keys } from '../queries';
import { planStatusColors, planStatusLabels, sectionLabel } from '../plans/types';
import type { PlanSection, TaskView } from '../api/types';
import { useSession } from '../session';
import { useUnits } from '../units';

/** One plan: its document data, then sections → tasks → assignments and liaisons; the office edits them. */
export default function PlanDetailPage() {
  const { id = '' } = useParams();
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const structure = useQuery({
    queryKey: keys.planStructure(id),
    queryFn: () => answer(client.GET('/api/plans/{id}/structure', { params: { path: { id: id! } } })),
  });
  const invalidate = (queryKey: readonly unknown[]) => queryClient.invalidateQueries({ queryKey });
  /** The plan's document data: this page and the plan list. */
  const planChanged = () => Promise.all([invalidate(keys.planStructure(id)), invalidate(keys.planList())]);
  /**
   * Publishing or archiving: everything read of the plan (publishing creates its monthly periods) and what
   * each unit has to report, which only a published plan asks for.
   */
  const statusChanged = () =>
    Promise.all([invalidate(keys.plan(id)), invalidate(keys.planList()), invalidate(keys.reporting())]);
  /** Sections and tasks: this page only. */
  const tasksChanged = () => invalidate(keys.planStructure(id));
  const canEdit = hasRole('office', 'admin') && structure.data?.plan.status !== 'archived';
  const units = useUnits(canEdit);
  const [editingPlan, setEditingPlan] = useState(false);
  const [task, setTask] = useState<TaskView | null>(null);
  const [assigning, setAssigning] = useState<TaskView | null>(null);
  /** Sections the user folded; every other one (new ones too) stays open. */
  const [folded, setFolded] = useState<string[]>([]);
  /** undefined: closed; null: a new section; a section: renaming it. */
  const [sectionEdit, setSectionEdit] = useState<PlanSection | null | undefined>(undefined);
  /** undefined: closed; otherwise the section the new task goes into (null: none). */
  const [newTaskIn, setNewTaskIn] = useState<string | null | undefined>(undefined);

  if (structure.error) return <ErrorPage error={structure.error} />;
  if (!structure.data) return <Loading />;
  const { plan, sections, unsectioned } = structure.data;
  const published = plan.status === 'published';
  const draft = plan.status === 'draft';
  const taskCount = sections.reduce((n, s) => n + s.tasks.length, unsectioned.length);

  async function archive() {
    try {
      await answer(client.POST('/api/plans/{id}/archive', { params: { path: { id: plan.id } } }));
      message.success('方案已归档');
      await statusChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function publish() {
    try {
      await answer(client.POST('/api/plans/{id}/publish', { params: { path: { id: plan.id } } }));
      message.success('方案已发布，已生成各月报送期');
      await statusChanged();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  const table = (tasks: TaskView[]) => (
    <TaskTable tasks={tasks} canEdit={canEdit} onEditTask={setTask} onEditAssignments={setAssigning} />
  );
  const groups = [
    ...sections.map((s) => ({
      key: s.id,
      label: `${sectionLabel(s)}（${s.tasks.length}项）`,
      children: table(s.tasks),
      extra: canEdit && (
        // Inside the header: a click must not fold the panel.
        <Space size={4} onClick={(e) => e.stopPropagation()}>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setNewTaskIn(s.id)}
            data-testid={`add-task-in-${s.number}`}
          >
            任务
          </Button>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setSectionEdit(s)}
            data-testid={`edit-section-${s.number}`}
          >
            改名
          </Button>
        </Space>
      ),
    })),
    ...(unsectioned.length
      ? [{ key: 'none', label: `未分组任务（${unsectioned.length}项）`, children: table(unsectioned) }]
      : []),
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={
          <Space wrap>
            <Link to="/plans" aria-label="返回方案列表">
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="plan-title">{plan.title}</span>
            <Tag color={planStatusColors[plan.status]}>{planStatusLabels[plan.status] ?? plan.status}</Tag>
          </Space>
        }
        extra={
          canEdit && (
            <Space>
              {draft && (
                <Popconfirm
                  title="发布后各单位开始按月报送，修改须填写原因。确定发布？"
                  onConfirm={() => void publish()}
                  okText="发布"
                  cancelText="取消"
                >
                  <Button type="primary" icon={<SendOutlined />} data-testid="publish-plan">
                    发布
                  </Button>
                </Popconfirm>
              )}
              <Button icon={<EditOutlined />} onClick={() => setEditingPlan(true)} data-testid="edit-plan">
                修改方案信息
              </Button>
              {published && (
                <Popconfirm
                  title="归档后方案不能再修改，确定归档？"
                  onConfirm={() => void archive()}
                  okText="归档"
                  cancelText="取消"
                >
                  <Button>归档</Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'doc', label: '文号', children: plan.docNumber || '—' },
            { key: 'body', label: '发文单位', children: plan.issuingBody || '—' },
            { key: 'date', label: '印发日期', children: formatDate(plan.issueDate) },
            {
              key: 'years',
              label: '年度',
              children: plan.startYear === plan.endYear ? `${plan.startYear}年` : `${plan.startYear}—${plan.endYear}年`,
            },
            { key: 'pub', label: '发布时间', children: formatDateTime(plan.publishedAt) },
            { key: 'count', label: '任务数', children: `${taskCount} 项` },
          ]}
        />
        {published && canEdit && (
          <Typography.Text type="secondary">方案已发布：修改任务和分工须填写修改原因，记入审计日志。</Typography.Text>
        )}
      </Card>
      <Card
        title="重点任务"
        extra={
          canEdit && (
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => setSectionEdit(null)} data-testid="add-section">
                新增分组
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewTaskIn(null)} data-testid="add-task">
                新增任务
              </Button>
            </Space>
          )
        }
      >
        {groups.length === 0 ? (
          <Empty
            description={
              canEdit ? '该方案还没有任务：可新增分组和任务，或通过“任务清单导入”导入附件1' : '该方案还没有任务'
            }
          />
        ) : (
          <Collapse
            activeKey={groups.map((g) => g.key).filter((k) => !folded.includes(k))}
            onChange={(keys) =>
              setFolded(groups.map((g) => g.key).filter((k) => !(Array.isArray(keys) ? keys : [keys]).includes(k)))
            }
            items={groups}
            data-testid="plan-sections"
          />
        )}
      </Card>
      <PlanFormModal
        open={editingPlan}
        plan={plan}
        onClose={() => setEditingPlan(false)}
        onReload={() => void invalidate(keys.planStructure(id))}
        onSaved={() => {
          setEditingPlan(false);
          void planChanged();
        }}
      />
      <TaskDrawer
        task={task}
        published={published}
        onClose={() => setTask(null)}
        onSaved={() => {
          setTask(null);
          void tasksChanged();
        }}
      />
      <SectionModal
        open={sectionEdit !== undefined}
        planId={plan.id}
        section={sectionEdit ?? null}
        published={published}
        onClose={() => setSectionEdit(undefined)}
        onSaved={() => {
          setSectionEdit(undefined);
          void tasksChanged();
        }}
      />
      <NewTaskModal
        open={newTaskIn !== undefined}
        planId={plan.id}
        sections={sections}
        defaultSectionId={newTaskIn}
        published={published}
        onClose={() => setNewTaskIn(undefined)}
        onSaved={() => {
          setNewTaskIn(undefined);
          void tasksChanged();
        }}
      />
      <AssignmentsDrawer
        task={assigning}
        units={units.data ?? []}
        published={published}
        onClose={() => setAssigning(null)}
        onSaved={() => {
          setAssigning(null);
          // Who reports on the task changes the to-do lists and the completeness expected of each unit.
          void Promise.all([tasksChanged(), invalidate(keys.reporting())]);
        }}
      />
    </Space>
  );
}
