import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Typography,
  Upload,
} from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useSearchParams } from 'react-router-dom';
import { api, messageOf } from '../api';
import { answer, client, type Schema } from '../api/client';
import { ErrorPage, Loading } from '../components';
import { formatDate, formatDateTime } from '../format';
import { ApiErrorAlert, useFormSubmit, validated } from '../forms';
import { keys } from '../queries';
import { useSession } from '../session';
import { useUnits } from '../units';
import { type AssignedWorkPart, DueTag, PartFiles, PartStatus } from '../assigned-work/parts';

type Filter = 'open' | 'closed' | 'overdue';
const filterOptions: { value: Filter; label: string }[] = [
  { value: 'open', label: '办理中' },
  { value: 'closed', label: '已办结' },
  { value: 'overdue', label: '逾期' },
];

interface NewValues {
  content: string;
  unitIds: string[];
  dueDate: Dayjs | null;
  basis?: string;
}
const NEW_FIELDS = ['content', 'unitIds', 'dueDate', 'basis'] as const;
const NEW_LABELS: Record<string, string> = {
  content: '事项内容',
  unitIds: '交办单位',
  dueDate: '办理时限',
  basis: '交办依据',
};
/** Units work can be assigned to: the city's departments, counties and the like, not the city itself. */
const ASSIGNABLE = new Set(['department', 'county', 'institution', 'enterprise', 'sub_unit']);

/** 交办: what, to which units, by when, on what grounds. The API refuses a past date or another city's unit. */
function NewItemModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<NewValues>();
  const queryClient = useQueryClient();
  const { data: units } = useUnits(open);
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, NEW_FIELDS);

  useEffect(() => {
    if (!open) return;
    clearFailure();
    form.resetFields();
  }, [open, form]);

  async function save() {
    const v = await validated(form);
    if (!v) return;
    const body: Schema<'CreateAssignedWorkDto'> = {
      content: v.content.trim(),
      unitIds: v.unitIds,
      dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : '',
      basis: v.basis?.trim() || null,
    };
    await submit(
      () => answer(client.POST('/api/assigned-work', { body })),
      (saved) => `已交办 ${saved.units.length} 个单位`,
      async () => {
        await queryClient.invalidateQueries({ queryKey: keys.assignedWork() });
        onClose();
      },
    );
  }

  return (
    <Modal
      title="交办事项"
      open={open}
      onCancel={onClose}
      onOk={() => void save()}
      okText="交办"
      confirmLoading={saving}
      width={680}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={NEW_LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="aw-new-form">
        <Form.Item
          label="事项内容"
          name="content"
          rules={[{ required: true, whitespace: true, message: '请填写事项内容' }]}
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="aw-new-content" />
        </Form.Item>
        <Form.Item label="交办单位" name="unitIds" rules={[{ required: true, message: '请选择交办单位' }]}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="可选择多个单位"
            options={(units ?? [])
              .filter((u) => ASSIGNABLE.has(u.kind) && u.active)
              .map((u) => ({ value: u.id, label: u.shortName }))}
            data-testid="aw-new-units"
          />
        </Form.Item>
        <Form.Item
          label="办理时限"
          name="dueDate"
          extra={
            '当日办结不算逾期；超过时限未办结或超过时限办结的，' +
            '计入年终考评“按要求及时报送有关材料，完成交办的工作任务”'
          }
          rules={[{ required: true, message: '请选择办理时限' }]}
        >
          <DatePicker format="YYYY-MM-DD" style={{ width: 180 }} data-testid="aw-new-due" />
        </Form.Item>
        <Form.Item label="交办依据 / 备注" name="basis">
          <Input.TextArea rows={2} maxLength={1000} data-testid="aw-new-basis" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 办结: the unit attaches its files, then closes with a note; the office then confirms or returns it. */
function CloseModal({ part, onClose }: { part: AssignedWorkPart | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  useEffect(() => setNote(''), [part?.itemId, part?.unitId]);
  if (!part) return null;

  async function upload(file: File) {
    if (!part) return;
    const fd = new FormData();
    fd.append('file', file, file.name);
    try {
      // Multipart: the API document types the file part as a string, so the typed client cannot carry a File.
      await api(`/api/assigned-work/${part.itemId}/units/${part.unitId}/evidence`, { method: 'POST', form: fd });
      message.success(`已上传：${file.name}`);
      await queryClient.invalidateQueries({ queryKey: keys.assignedWork() });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  async function close() {
    if (!part) return;
    if (!note.trim()) {
      message.error('请填写办结情况');
      return;
    }
    setSaving(true);
    try {
      await answer(
        client.POST('/api/assigned-work/{id}/units/{unitId}/close', {
          params: { path: { id: part.itemId, unitId: part.unitId } },
          body: { note: note.trim() },
        }),
      );
      message.success('已办结，待办公室确认');
      await queryClient.invalidateQueries({ queryKey: keys.assignedWork() });
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title="办结交办事项"
      open
      onCancel={onClose}
      onOk={() => void close()}
      okText="办结"
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'aw-close-submit' }}
      width={640}
    >
      <Space orientation="vertical" style={{ width: '100%' }} size={12} data-testid="aw-close-form">
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          <Typography.Text strong>{part.content}</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            {part.unitName} · 办理时限 {formatDate(part.dueDate)}
          </Typography.Text>
        </Typography.Paragraph>
        {part.returnReason && <Alert type="warning" showIcon title={`办公室退回：${part.returnReason}`} />}
        <div>
          <Typography.Text>佐证材料：</Typography.Text>
          <PartFiles part={part} />
        </div>
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="aw-upload">
            上传佐证材料
          </Button>
        </Upload>
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder="办结情况说明"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="aw-close-note"
        />
      </Space>
    </Modal>
  );
}

function ReturnModal({ part, onClose }: { part: AssignedWorkPart | null; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  useEffect(() => setReason(''), [part?.itemId, part?.unitId]);
  if (!part) return null;
  async function send() {
    if (!part) return;
    try {
      await answer(
        client.POST('/api/assigned-work/{id}/units/{unitId}/return', {
          params: { path: { id: part.itemId, unitId: part.unitId } },
          body: { reason: reason.trim() },
        }),
      );
      message.success('已退回，承办单位须重新办结');
      await queryClient.invalidateQueries({ queryKey: keys.assignedWork() });
      onClose();
    } catch (e) {
      message.error(messageOf(e));
    }
  }
  return (
    <Modal title="退回办结" open onCancel={onClose} onOk={() => void send()} okText="退回">
      <Input.TextArea
        rows={3}
        maxLength={1000}
        placeholder="退回原因"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="aw-return-reason"
      />
    </Modal>
  );
}

/**
 * 交办事项: the office assigns, follows and confirms; a unit sees and closes only what was assigned to it.
 * ?item=… (from the to-do list) shows one item's parts.
 */
export default function AssignedWorkPage() {
  const { hasRole } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const itemId = params.get('item');
  const status = (params.get('status') as Filter | null) ?? undefined;
  const unitId = params.get('unit') ?? undefined;
  const isOffice = hasRole('office', 'admin');
  const readsCity = hasRole('office', 'admin', 'leader');
  const [creating, setCreating] = useState(false);
  const [closing, setClosing] = useState<{ itemId: string; unitId: string } | null>(null);
  const [returning, setReturning] = useState<AssignedWorkPart | null>(null);
  const { data: units } = useUnits(readsCity);

  const query = { status, unitId, pageSize: 200 };
  const list = useQuery({
    queryKey: itemId ? [...keys.assignedWork(), 'item', itemId] : keys.assignedWorkList(query),
    queryFn: async (): Promise<{ items: AssignedWorkPart[]; total: number }> => {
      if (!itemId) return answer(client.GET('/api/assigned-work', { params: { query } }));
      const item = await answer(client.GET('/api/assigned-work/{id}', { params: { path: { id: itemId } } }));
      return { items: item.units, total: item.units.length };
    },
  });
  if (list.error) return <ErrorPage error={list.error} />;
  if (!list.data) return <Loading />;
  const rows = list.data.items;
  const closingPart = closing
    ? (rows.find((r) => r.itemId === closing.itemId && r.unitId === closing.unitId) ?? null)
    : null;

  function setFilter(key: string, value: string | undefined) {
    const next = new URLSearchParams(params);
    next.delete('item');
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next);
  }

  async function confirm(part: AssignedWorkPart) {
    try {
      await answer(
        client.POST('/api/assigned-work/{id}/units/{unitId}/confirm', {
          params: { path: { id: part.itemId, unitId: part.unitId } },
        }),
      );
      message.success('已确认办结');
      await queryClient.invalidateQueries({ queryKey: keys.assignedWork() });
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Card
      title="交办事项"
      extra={
        isOffice && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="aw-new">
            交办事项
          </Button>
        )
      }
    >
      {itemId ? (
        <Alert
          type="info"
          showIcon
          title="仅显示所选事项"
          action={
            <Button size="small" onClick={() => setParams({})}>
              查看全部
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      ) : (
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            allowClear
            placeholder="状态：全部"
            style={{ width: 160 }}
            value={status}
            options={filterOptions}
            onChange={(v?: Filter) => setFilter('status', v)}
            data-testid="aw-filter-status"
          />
          {readsCity && (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="承办单位：全部"
              style={{ width: 220 }}
              value={unitId}
              options={(units ?? [])
                .filter((u) => ASSIGNABLE.has(u.kind))
                .map((u) => ({ value: u.id, label: u.shortName }))}
              onChange={(v?: string) => setFilter('unit', v)}
              data-testid="aw-filter-unit"
            />
          )}
          <Typography.Text type="secondary">共 {list.data.total} 项</Typography.Text>
        </Space>
      )}
      <Table<AssignedWorkPart>
        rowKey={(r) => `${r.itemId}-${r.unitId}`}
        dataSource={rows}
        pagination={false}
        size="middle"
        data-testid="aw-table"
        locale={{ emptyText: '暂无交办事项' }}
        columns={[
          {
            title: '事项内容',
            key: 'content',
            render: (_, r) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{r.content}</Typography.Text>
                {r.basis && <Typography.Text type="secondary">依据：{r.basis}</Typography.Text>}
                {r.taskTitle && <Typography.Text type="secondary">关联任务：{r.taskTitle}</Typography.Text>}
              </Space>
            ),
          },
          { title: '承办单位', dataIndex: 'unitName', width: 140 },
          {
            title: '办理时限',
            key: 'due',
            width: 150,
            render: (_, r) => (
              <Space orientation="vertical" size={2}>
                <span>{formatDate(r.dueDate)}</span>
                <DueTag part={r} />
              </Space>
            ),
          },
          { title: '状态', key: 'status', width: 170, render: (_, r) => <PartStatus part={r} /> },
          {
            title: '办结情况',
            key: 'closure',
            render: (_, r) => (
              <Space orientation="vertical" size={2}>
                {r.closedAt && (
                  <Typography.Text type="secondary">办结时间：{formatDateTime(r.closedAt)}</Typography.Text>
                )}
                {r.closeNote && <Typography.Text data-testid="aw-close-note-text">{r.closeNote}</Typography.Text>}
                {r.status === 'open' && r.returnReason && (
                  <Typography.Text type="danger">退回原因：{r.returnReason}</Typography.Text>
                )}
                <PartFiles part={r} />
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_, r) => (
              <Space wrap size={4}>
                {r.canClose && (
                  <Button
                    type="primary"
                    size="small"
                    onClick={() => setClosing({ itemId: r.itemId, unitId: r.unitId })}
                    data-testid="aw-close"
                  >
                    办结
                  </Button>
                )}
                {r.canConfirm && (
                  <>
                    <Button type="primary" size="small" onClick={() => void confirm(r)} data-testid="aw-confirm">
                      确认办结
                    </Button>
                    <Button size="small" danger onClick={() => setReturning(r)} data-testid="aw-return">
                      退回
                    </Button>
                  </>
                )}
              </Space>
            ),
          },
        ]}
      />
      <NewItemModal open={creating} onClose={() => setCreating(false)} />
      <CloseModal part={closingPart} onClose={() => setClosing(null)} />
      <ReturnModal part={returning} onClose={() => setReturning(null)} />
    </Card>
  );
}
