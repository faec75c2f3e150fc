import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  Popconfirm,
  Row,
  Space,
  Tag,
  Tree,
  Typography,
} from 'antd';
import { ApartmentOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { client } from '../api/client';
import { ContactsPanel } from '../admin/ContactsPanel';
import { UnitFormModal, type UnitDialog } from '../admin/UnitFormModal';
import { ErrorPage, Loading } from '../components';
import { keys } from '../queries';
import { useSession } from '../session';
import { buildUnitTree, unitKindLabels, useUnits, type Unit, type UnitNode } from '../units';

interface TreeItem {
  key: string;
  title: string;
  children: TreeItem[];
}

function matches(u: Unit, q: string): boolean {
  return [u.name, u.shortName, u.code, ...u.aliases].some((s) => s.toLowerCase().includes(q));
}

/** The tree for antd's Tree; with a search text, only matching units and their ancestors. */
function toTree(nodes: UnitNode[], q: string): TreeItem[] {
  const out: TreeItem[] = [];
  for (const n of nodes) {
    const children = toTree(n.children, q);
    if (!q || matches(n.unit, q) || children.length) {
      out.push({ key: n.unit.id, title: `${n.unit.shortName}${n.unit.active ? '' : '（已停用）'}`, children });
    }
  }
  return out;
}

function UnitDetail({
  unit,
  units,
  canEdit,
  isAdmin,
  onDialog,
  onRemoved,
}: {
  unit: Unit;
  units: Unit[];
  canEdit: boolean;
  isAdmin: boolean;
  onDialog: (d: UnitDialog) => void;
  onRemoved: () => void;
}) {
  const { message } = App.useApp();
  const parent = units.find((u) => u.id === unit.parentId);

  async function remove() {
    try {
      await client.DELETE('/api/units/{id}', { params: { path: { id: unit.id } } });
      message.success('单位已删除');
      onRemoved();
    } catch (e) {
      message.error(messageOf(e));
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card
        size="small"
        title={
          <Space>
            <span data-testid="unit-title">{unit.name}</span>
            <Tag>{unitKindLabels[unit.kind] ?? unit.kind}</Tag>
            {!unit.active && <Tag color="default">已停用</Tag>}
          </Space>
        }
        extra={
          canEdit && (
            <Space size={4} wrap>
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => onDialog({ mode: 'edit', unit })}
                data-testid="edit-unit"
              >
                修改
              </Button>
              {unit.parentId && (
                <Button
                  size="small"
                  icon={<ApartmentOutlined />}
                  onClick={() => onDialog({ mode: 'move', unit })}
                  data-testid="move-unit"
                >
                  移动
                </Button>
              )}
              <Button
                size="small"
                icon={<PlusOutlined />}
                onClick={() => onDialog({ mode: 'create', parent: unit })}
                data-testid="create-child-unit"
              >
                新建下级
              </Button>
              {isAdmin && unit.parentId && (
                <Popconfirm
                  title="删除后可由管理员恢复；有关联数据的单位不能删除，可改为停用。确定删除？"
                  onConfirm={() => void remove()}
                  okText="删除"
                  cancelText="取消"
                >
                  <Button size="small" danger icon={<DeleteOutlined />}>
                    删除
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Descriptions
          size="small"
          column={2}
          items={[
            { key: 'short', label: '简称', children: unit.shortName },
            { key: 'code', label: '编码', children: unit.code },
            { key: 'parent', label: '上级单位', children: parent?.shortName ?? '—' },
            { key: 'sort', label: '排序', children: unit.sortOrder },
            {
              key: 'aliases',
              label: '别名',
              span: 2,
              children: unit.aliases.length ? unit.aliases.map((a) => <Tag key={a}>{a}</Tag>) : '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title="联系人（联络员、分管领导）">
        <ContactsPanel unit={unit} units={units} canEdit={canEdit} />
      </Card>
    </Space>
  );
}

/** 单位与联系人: the organisation tree (any depth), each unit's data, moves and its contacts. */
export default function UnitsPage() {
  const { hasRole } = useSession();
  const queryClient = useQueryClient();
  const units = useUnits();
  /** The tree here and in every unit picker, and any unit read on its own. */
  const unitsChanged = () => queryClient.invalidateQueries({ queryKey: keys.units() });
  const [query, setQuery] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dialog, setDialog] = useState<UnitDialog | null>(null);
  const [expandedKeys, setExpandedKeys] = useState<string[] | null>(null);
  const list = useMemo(() => units.data ?? [], [units.data]);
  const roots = useMemo(() => buildUnitTree(list), [list]);
  const q = query.trim().toLowerCase();
  const tree = useMemo(() => toTree(roots, q), [roots, q]);
  const canEdit = hasRole('office', 'admin');

  if (units.error) return <ErrorPage error={units.error} />;
  if (!units.data) return <Loading />;
  const selected = list.find((u) => u.id === selectedId) ?? roots[0]?.unit;
  const expanded = expandedKeys ?? (q ? list.map((u) => u.id) : roots.map((r) => r.unit.id));
  /** Shows a unit in the tree: the search is cleared and its ancestors opened. */
  const reveal = (u: Unit) => {
    setQuery('');
    setExpandedKeys([
      ...new Set([...roots.map((r) => r.unit.id), ...u.path.split('/').filter((id) => id && id !== u.id)]),
    ]);
    setSelectedId(u.id);
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Card title="组织机构" size="small">
          <Input.Search
            allowClear
            placeholder="按名称、简称、编码或别名查找"
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setExpandedKeys(null);
            }}
            style={{ marginBottom: 8 }}
            data-testid="unit-search"
          />
          <Tree
            treeData={tree}
            height={560}
            expandedKeys={expanded}
            onExpand={(keys) => setExpandedKeys(keys.map(String))}
            selectedKeys={selected ? [selected.id] : []}
            onSelect={(keys) => keys[0] && setSelectedId(String(keys[0]))}
            data-testid="unit-tree"
          />
          <Typography.Text type="secondary">共 {list.length} 个单位</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={16}>
        {selected ? (
          <UnitDetail
            key={selected.id}
            unit={selected}
            units={list}
            canEdit={canEdit}
            isAdmin={hasRole('admin')}
            onDialog={setDialog}
            onRemoved={() => {
              setSelectedId(selected.parentId);
              void unitsChanged();
            }}
          />
        ) : (
          <Empty description="请选择单位" />
        )}
      </Col>
      <UnitFormModal
        dialog={dialog}
        units={list}
        onClose={() => setDialog(null)}
        onSaved={(u) => {
          setDialog(null);
          reveal(u);
          void unitsChanged();
        }}
      />
    </Row>
  );
}
