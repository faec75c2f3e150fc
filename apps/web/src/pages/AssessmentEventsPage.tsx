import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, messageOf } from '../api';
import { answer, client } from '../api/client';
import type { AssessmentEventView, EntryFile, SchemeRecord } from '../api/types';
import { AssessmentHeading, AssessmentSelect, NoAssessment } from '../assessment-picker';
import { ErrorPage, Loading } from '../components';
import { formatDateTime } from '../format';
import { keys, useAssessmentsOfPlan, useScheme } from '../queries';
import { useSession } from '../session';
import { FileLinks, uploadEvidence } from '../assessment';

type EventKind = 'bonus' | 'penalty' | 'veto';

const kindLabels: Record<EventKind, string> = { bonus: '加分', penalty: '扣分', veto: '一票否决' };
const kindColors: Record<EventKind, string> = { bonus: 'success', penalty: 'warning', veto: 'error' };

interface Item {
  id: string;
  name: string;
  /** Points per event; none for a veto. */
  points: number | null;
  cap: number | null;
}

/** The scheme's items of one kind, with the table's own cap (加分合计不超过 15 分). */
function itemsOf(scheme: SchemeRecord | undefined, kind: EventKind): { items: Item[]; tableCap: number | null } {
  const d = scheme?.definition;
  if (!d) return { items: [], tableCap: null };
  if (kind === 'veto')
    return {
      items: (d.vetoItems ?? []).map((v) => ({ id: v.id, name: v.name, points: null, cap: null })),
      tableCap: null,
    };
  const table = kind === 'bonus' ? d.bonus : d.penalties;
  return {
    items: (table?.items ?? []).map((i) => ({
      id: i.id,
      name: i.name,
      points: Number(i.points),
      cap: i.cap === undefined ? null : Number(i.cap),
    })),
    tableCap: table?.cap === undefined ? null : Number(table.cap),
  };
}

/** 加减分事项: the office records bonus, penalty and veto events with evidence; leaders and units read them. */
export default function AssessmentEventsPage() {
  const { plan, hasRole } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useAssessmentsOfPlan(plan!.id);
  const [selected, setSelected] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [kind, setKind] = useState<EventKind>('bonus');
  const [itemId, setItemId] = useState<string | undefined>();
  const [count, setCount] = useState<number>(1);
  const [note, setNote] = useState('');
  const [files, setFiles] = useState<EntryFile[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const assessments = list.data ?? [];
  const current =
    assessments.find((a) => a.id === selected) ?? assessments.find((a) => a.subjectKind === 'county') ?? assessments[0];
  const scheme = useScheme(current?.schemeId);
  const scope = useQuery({
    queryKey: keys.assessmentScope(current?.id ?? ''),
    queryFn: () => answer(client.GET('/api/assessments/{id}/units', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const events = useQuery({
    queryKey: ['assessments', current?.id ?? '', 'events'],
    queryFn: () => answer(client.GET('/api/assessments/{id}/events', { params: { path: { id: current?.id ?? '' } } })),
    enabled: !!current,
  });
  const office = hasRole('office', 'admin');

  if (list.error) return <ErrorPage error={list.error} />;
  if (!list.data) return <Loading />;
  if (!current) return <NoAssessment title="加减分事项" />;

  const open_ = current.status === 'self_assessment' || current.status === 'review';
  const nameOf = new Map((scope.data ?? []).map((u) => [u.id, u.shortName]));
  const { items, tableCap } = itemsOf(scheme.data, kind);
  const item = items.find((i) => i.id === itemId);
  const allItems = (['bonus', 'penalty', 'veto'] as const).flatMap((k) => itemsOf(scheme.data, k).items);

  function start() {
    setUnitId(undefined);
    setKind('bonus');
    setItemId(undefined);
    setCount(1);
    setNote('');
    setFiles([]);
    setErrors({});
    setOpen(true);
  }

  async function attach(file: File) {
    if (!current || !unitId) {
      message.warning('请先选择单位');
      return;
    }
    try {
      const added = await uploadEvidence(`/api/assessments/${current.id}/units/${unitId}/events/evidence`, file);
      const mine = added.find((f) => f.filename === file.name) ?? added[added.length - 1];
      if (mine) setFiles((fs) => [...fs.filter((f) => f.sha256 !== mine.sha256), mine]);
      message.success(`已上传：${file.name}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function record() {
    if (!current) return;
    const local: Record<string, string> = {};
    if (!unitId) local.unitId = '请选择单位';
    if (!itemId) local.itemId = '请选择事项';
    if (!note.trim()) local.note = '请填写事由';
    if (files.length === 0) local.evidence = '请上传佐证材料';
    setErrors(local);
    if (Object.keys(local).length) return;
    try {
      await answer(
        client.POST('/api/assessments/{id}/events', {
          params: { path: { id: current.id } },
          body: {
            unitId: unitId!,
            kind,
            itemId: itemId!,
            count: kind === 'veto' ? 1 : count,
            note,
            evidence: files.map((f) => f.sha256),
          },
        }),
      );
      message.success('已登记');
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: ['assessments', current.id] });
    } catch (e) {
      if (e instanceof ApiError && e.details.length)
        setErrors(Object.fromEntries(e.details.map((d) => [d.field.split('.')[0]!, d.reason])));
      message.error(messageOf(e));
    }
  }

  const fieldError = (field: string) =>
    errors[field] ? (
      <Typography.Text type="danger" data-testid={`event-error-${field}`}>
        {errors[field]}
      </Typography.Text>
    ) : null;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={<AssessmentHeading label="加减分事项" assessment={current} />}
        extra={
          <AssessmentSelect
            assessments={assessments}
            value={current.id}
            onChange={setSelected}
            testId="events-assessment-select"
          />
        }
      >
        {office && (
          <Space style={{ marginBottom: 12 }} wrap>
            <Button type="primary" disabled={!open_} onClick={start} data-testid="new-event">
              登记事项
            </Button>
            {!open_ && <Typography.Text type="secondary">考评已审定，不能再登记加减分事项</Typography.Text>}
          </Space>
        )}
        <Table<AssessmentEventView>
          rowKey="id"
          size="small"
          loading={events.isFetching}
          dataSource={events.data ?? []}
          pagination={false}
          scroll={{ x: 800 }}
          data-testid="events"
          locale={{ emptyText: '暂无加减分事项' }}
          columns={[
            { title: '单位', key: 'unit', width: 110, render: (_, e) => nameOf.get(e.unitId) ?? '—' },
            {
              title: '类型',
              key: 'kind',
              width: 90,
              render: (_, e) => <Tag color={kindColors[e.kind]}>{kindLabels[e.kind]}</Tag>,
            },
            { title: '事项', key: 'item', render: (_, e) => allItems.find((i) => i.id === e.itemId)?.name ?? e.itemId },
            {
              title: '分值',
              key: 'points',
              width: 110,
              render: (_, e) => {
                const i = allItems.find((x) => x.id === e.itemId);
                return e.kind === 'veto' || !i?.points ? '—' : `${i.points} 分 × ${e.count} 次`;
              },
            },
            { title: '事由', dataIndex: 'note' },
            {
              title: '佐证材料',
              key: 'files',
              width: 220,
              render: (_, e) => <FileLinks files={e.files} testId={`event-files-${e.id}`} />,
            },
            { title: '登记时间', key: 'at', width: 150, render: (_, e) => formatDateTime(e.createdAt) },
          ]}
        />
      </Card>
      <Modal
        title="登记加减分事项"
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void record()}
        okText="确认登记"
        destroyOnHidden
      >
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="单位"
            style={{ width: '100%' }}
            value={unitId}
            onChange={(v) => {
              setUnitId(v);
              setFiles([]);
            }}
            options={(scope.data ?? []).map((u) => ({ value: u.id, label: u.shortName }))}
            data-testid="event-unit"
          />
          {fieldError('unitId')}
          <Radio.Group
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as EventKind);
              setItemId(undefined);
            }}
            data-testid="event-kind"
          >
            {(['bonus', 'penalty', 'veto'] as const).map((k) => (
              <Radio.Button key={k} value={k} disabled={itemsOf(scheme.data, k).items.length === 0}>
                {kindLabels[k]}
              </Radio.Button>
            ))}
          </Radio.Group>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="方案中的事项"
            style={{ width: '100%' }}
            value={itemId}
            onChange={setItemId}
            options={items.map((i) => ({
              value: i.id,
              label:
                i.points === null ? i.name : `${i.name}（每次 ${i.points} 分${i.cap ? `，最多 ${i.cap} 分` : ''}）`,
            }))}
            virtual={false}
            data-testid="event-item"
          />
          {fieldError('itemId')}
          {kind !== 'veto' && (
            <Space>
              <InputNumber min={1} max={1000} precision={0} value={count} onChange={(v) => setCount(v ?? 1)} />
              <Typography.Text type="secondary">
                次{item?.points ? `，计 ${item.points * count} 分` : ''}
                {tableCap ? `（${kindLabels[kind]}合计不超过 ${tableCap} 分，超出部分不计）` : ''}
              </Typography.Text>
            </Space>
          )}
          {kind === 'veto' && <Typography.Text type="warning">一票否决：取消该单位本年度评先评优资格</Typography.Text>}
          <Input.TextArea
            rows={3}
            maxLength={1000}
            placeholder="事由（必填），如批复文号、通报文号"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            data-testid="event-note"
          />
          {fieldError('note')}
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void attach(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} disabled={!unitId} data-testid="event-upload">
              上传佐证材料
            </Button>
          </Upload>
          <FileLinks files={files} testId="event-new-files" />
          {fieldError('evidence')}
        </Space>
      </Modal>
    </Space>
  );
}
