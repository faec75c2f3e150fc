import { useEffect, useMemo } from 'react';
import { Form, Input, Modal, Select, Space, Switch, TreeSelect } from 'antd';
import { answer, client } from '../api/client';
import { ApiErrorAlert, NumberInput, numberRules, numberValue, useFormSubmit, validated, wholeNumber } from '../forms';
import { unitKindLabels, unitOptions, type Unit } from '../units';

export type UnitDialog = { mode: 'create'; parent: Unit } | { mode: 'edit'; unit: Unit } | { mode: 'move'; unit: Unit };

interface Values {
  code: string;
  name: string;
  shortName?: string;
  kind: Unit['kind'];
  aliases?: string[];
  sortOrder?: number | string;
  active?: boolean;
  parentId?: string;
}

const SORT_ORDER = wholeNumber(0, 1000000);

/** The sort order as the API takes it: a number, or left out when the field is empty. */
function sortOrderOf(v: { sortOrder?: number | string }): { sortOrder: number | undefined } {
  const sortOrder = numberValue(v.sortOrder, SORT_ORDER);
  return { sortOrder: sortOrder ?? undefined };
}

const FIELDS = ['code', 'name', 'shortName', 'kind', 'aliases', 'sortOrder', 'active', 'parentId'] as const;
const LABELS: Record<string, string> = {
  code: '编码',
  name: '全称',
  shortName: '简称',
  kind: '类型',
  aliases: '别名',
  sortOrder: '排序',
  parentId: '上级单位',
};
const KIND_OPTIONS = Object.entries(unitKindLabels)
  .filter(([k]) => k !== 'province')
  .map(([value, label]) => ({ value, label }));

function titleOf(d: UnitDialog): string {
  if (d.mode === 'create') return `在“${d.parent.shortName}”下新建单位`;
  if (d.mode === 'move') return `移动“${d.unit.shortName}”`;
  return `修改“${d.unit.shortName}”`;
}

/** Creates a unit under a parent, edits one (code, names, kind, aliases …), or moves it under another parent with its whole subtree. */
export function UnitFormModal({
  dialog,
  units,
  onClose,
  onSaved,
}: {
  dialog: UnitDialog | null;
  units: Unit[];
  onClose: () => void;
  onSaved: (u: Unit) => void;
}) {
  const [form] = Form.useForm<Values>();
  const { saving, failure, clearFailure, submit } = useFormSubmit(form, FIELDS);
  const moving = dialog?.mode === 'move' ? dialog.unit : null;
  const parents = useMemo(
    () => (moving ? unitOptions(units, (u) => u.path.startsWith(moving.path)) : []),
    [units, moving],
  );

  useEffect(() => {
    if (!dialog) return;
    clearFailure();
    form.resetFields();
    if (dialog.mode === 'create') form.setFieldsValue({ kind: 'sub_unit', active: true, sortOrder: 0, aliases: [] });
    else if (dialog.mode === 'edit') {
      const u = dialog.unit;
      form.setFieldsValue({
        code: u.code,
        name: u.name,
        shortName: u.shortName,
        kind: u.kind,
        aliases: u.aliases,
        sortOrder: u.sortOrder,
        active: u.active,
      });
    } else form.setFieldsValue({ parentId: dialog.unit.parentId ?? undefined });
  }, [dialog, form]);

  async function save() {
    if (!dialog) return;
    const v = await validated(form);
    if (!v) return;
    await submit(
      () => {
        if (dialog.mode === 'create')
          return answer(
            client.POST('/api/units', {
              body: { ...v, ...sortOrderOf(v), shortName: v.shortName || undefined, parentId: dialog.parent.id },
            }),
          );
        const path = { id: dialog.unit.id };
        if (dialog.mode === 'move')
          return answer(client.PATCH('/api/units/{id}', { params: { path }, body: { parentId: v.parentId } }));
        return answer(
          client.PATCH('/api/units/{id}', {
            params: { path },
            body: { ...v, ...sortOrderOf(v), shortName: v.shortName || undefined },
          }),
        );
      },
      dialog.mode === 'create' ? '单位已创建' : dialog.mode === 'move' ? '单位已移动' : '单位已保存',
      onSaved,
    );
  }

  return (
    <Modal
      title={dialog ? titleOf(dialog) : ''}
      open={!!dialog}
      onCancel={onClose}
      onOk={() => void save()}
      okText="保存"
      confirmLoading={saving}
      width={620}
      forceRender
    >
      <ApiErrorAlert failure={failure} labels={LABELS} onClose={clearFailure} />
      <Form form={form} layout="vertical" data-testid="unit-form">
        {moving ? (
          <Form.Item
            label="新的上级单位"
            name="parentId"
            rules={[{ required: true, message: '请选择上级单位' }]}
            extra="其下级单位随之移动；不能移到它自己或其下级单位之下。"
          >
            <TreeSelect
              treeData={parents}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandAll={false}
              style={{ width: '100%' }}
            />
          </Form.Item>
        ) : (
          <>
            <Space wrap size={16}>
              <Form.Item
                label="编码"
                name="code"
                rules={[{ required: true, pattern: /^[A-Za-z0-9_-]{1,64}$/, message: '字母、数字、-、_，最多 64 位' }]}
              >
                <Input style={{ width: 200 }} placeholder="如 GZ-KJJ" />
              </Form.Item>
              <Form.Item label="类型" name="kind" rules={[{ required: true, message: '请选择类型' }]}>
                <Select style={{ width: 200 }} options={KIND_OPTIONS} />
              </Form.Item>
            </Space>
            <Form.Item
              label="全称"
              name="name"
              rules={[{ required: true, whitespace: true, message: '请填写单位全称' }]}
            >
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item label="简称" name="shortName" extra="不填则与全称相同">
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item label="别名" name="aliases" extra="文件中的其他称呼，如“章贡区人民政府”；输入后回车">
              <Select mode="tags" open={false} tokenSeparators={['，', ',']} />
            </Form.Item>
            <Space wrap size={16}>
              <Form.Item label="排序" name="sortOrder" rules={numberRules(SORT_ORDER)}>
                <NumberInput width={120} />
              </Form.Item>
              <Form.Item label="启用" name="active" valuePropName="checked">
                <Switch />
              </Form.Item>
            </Space>
          </>
        )}
      </Form>
    </Modal>
  );
}
