import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  FundOutlined,
  HistoryOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  MoneyCollectOutlined,
  NotificationOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SendOutlined,
  SettingOutlined,
  TableOutlined,
  TeamOutlined,
  TrophyOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { unitIdOf, useSession } from './session';
import { useUnit } from './units';

const { Header, Sider, Content } = Layout;

type Item = Required<MenuProps>['items'][number] & { key: string };
interface Leaf {
  key: string;
  icon: ReactNode;
  label: string;
}
interface Group {
  key: string;
  icon: ReactNode;
  label: string;
  children: Leaf[];
}

/** A group with no page the user may open is left out. */
function grouped(entries: (Leaf | Group)[]): Item[] {
  return entries.flatMap((e): Item[] => {
    if (!('children' in e)) return [{ key: e.key, icon: e.icon, label: e.label }];
    if (e.children.length === 0) return [];
    return [
      {
        key: e.key,
        icon: e.icon,
        label: e.label,
        children: e.children.map((c) => ({ key: c.key, icon: c.icon, label: c.label })),
      },
    ];
  });
}

function leavesOf(entries: (Leaf | Group)[]): Leaf[] {
  return entries.flatMap((e) => ('children' in e ? e.children : [e]));
}

export function AppLayout() {
  const { user, plan, hasRole, signOut } = useSession();
  // A platform administrator belongs to no unit.
  const unit = useUnit(unitIdOf(user));
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawer, setDrawer] = useState(false);

  const entries = useMemo(() => {
    const list: (Leaf | Group)[] = [];
    if (hasRole('leader', 'office', 'admin'))
      list.push({ key: '/dashboard', icon: <BarChartOutlined />, label: '领导驾驶舱' });
    if (hasRole('liaison', 'admin')) list.push({ key: '/todo', icon: <CheckSquareOutlined />, label: '我的待办' });
    if (hasRole('liaison', 'office', 'admin'))
      list.push({ key: '/my-reports', icon: <FileTextOutlined />, label: '报送记录' });
    if (hasRole('office', 'admin')) list.push({ key: '/review', icon: <AuditOutlined />, label: '审核' });
    if (hasRole('office', 'admin', 'leader'))
      list.push({ key: '/completeness', icon: <TableOutlined />, label: '报送情况' });
    if (hasRole('office', 'admin', 'leader'))
      list.push({ key: '/lagging', icon: <WarningOutlined />, label: '滞后清单' });
    if (hasRole('office', 'admin')) list.push({ key: '/import', icon: <CloudUploadOutlined />, label: '任务清单导入' });
    if (hasRole('office', 'admin', 'leader')) {
      list.push({ key: '/assessment/review', icon: <TrophyOutlined />, label: '年终考评' });
      list.push({ key: '/assessment/revisions', icon: <HistoryOutlined />, label: '考评版本' });
    } else if (hasRole('liaison')) list.push({ key: '/assessment/self', icon: <TrophyOutlined />, label: '年终考评' });
    if (hasRole('office', 'admin', 'leader'))
      list.push({ key: '/assessment/events', icon: <TrophyOutlined />, label: '加减分事项' });
    if (hasRole('office', 'admin', 'leader', 'liaison'))
      list.push({ key: '/assessment/appeals', icon: <TrophyOutlined />, label: '考评申诉' });
    // Every role: the office assigns and follows, leaders read, a unit sees what was assigned to it.
    list.push({ key: '/assigned-work', icon: <ScheduleOutlined />, label: '交办事项' });
    list.push({ key: '/bulletins', icon: <NotificationOutlined />, label: '季度通报' });
    // Every role: the API shows the office and leaders the city's funds, a department the ones it owns.
    list.push({ key: '/funds', icon: <MoneyCollectOutlined />, label: '专项资金' });
    list.push({ key: '/inbox', icon: <MailOutlined />, label: '我的消息' });
    const plans: Leaf[] = [];
    if (hasRole('office', 'admin', 'leader')) {
      plans.push({ key: '/plans', icon: <ProfileOutlined />, label: '工作方案' });
      plans.push({ key: '/breakdown', icon: <FundOutlined />, label: '目标分解' });
      plans.push({ key: '/schemes', icon: <TrophyOutlined />, label: '考评方案' });
    }
    list.push({ key: 'group:plans', icon: <ProfileOutlined />, label: '方案与目标', children: plans });
    const admin: Leaf[] = [];
    if (hasRole('office', 'admin'))
      admin.push({ key: '/admin/units', icon: <ApartmentOutlined />, label: '单位与联系人' });
    if (hasRole('admin')) admin.push({ key: '/admin/users', icon: <TeamOutlined />, label: '用户管理' });
    if (hasRole('office', 'admin')) admin.push({ key: '/notifications', icon: <SendOutlined />, label: '通知日志' });
    if (hasRole('admin')) admin.push({ key: '/admin/audit', icon: <FileSearchOutlined />, label: '审计日志' });
    list.push({ key: 'group:admin', icon: <SettingOutlined />, label: '系统管理', children: admin });
    list.push({ key: '/settings', icon: <BellOutlined />, label: '提醒设置' });
    return list;
  }, [hasRole]);
  const items = useMemo(() => grouped(entries), [entries]);
  const leaves = useMemo(() => leavesOf(entries), [entries]);
  const selected = leaves
    .filter((i) => location.pathname === i.key || location.pathname.startsWith(`${i.key}/`))
    .map((i) => i.key);
  const groupOfPage = entries.find((e) => 'children' in e && e.children.some((c) => selected.includes(c.key)))?.key;
  const [openKeys, setOpenKeys] = useState<string[]>(groupOfPage ? [groupOfPage] : []);
  // A page reached by a link (not the menu) opens its group, so the highlighted entry is visible.
  useEffect(() => {
    if (groupOfPage) setOpenKeys((keys) => (keys.includes(groupOfPage) ? keys : [...keys, groupOfPage]));
  }, [groupOfPage]);

  const menu = (
    <Menu
      mode="inline"
      theme={mobile ? 'light' : 'dark'}
      selectedKeys={selected}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      items={items}
      onClick={({ key }) => {
        setDrawer(false);
        navigate(key);
      }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!mobile && (
        <Sider width={200} breakpoint="lg">
          <div style={{ color: '#fff', padding: '16px 16px 8px', fontWeight: 600, lineHeight: 1.4 }}>
            科技创新赋能行动
            <br />
            调度与考评平台
          </div>
          {menu}
        </Sider>
      )}
      <Drawer
        open={mobile && drawer}
        placement="left"
        onClose={() => setDrawer(false)}
        title="科技创新赋能行动平台"
        size={240}
      >
        {menu}
      </Drawer>
      <Layout>
        <Header
          style={{
            background: '#fff',
            padding: mobile ? '0 8px' : '0 24px',
            display: 'flex',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          {mobile && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label="菜单" />}
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }} strong>
            {plan ? `${plan.title}（${plan.docNumber}）` : '科技创新赋能行动调度与考评平台'}
          </Typography.Text>
          <Space size={mobile ? 4 : 12}>
            {!mobile && <Typography.Text type="secondary">{user?.displayName}</Typography.Text>}
            {!mobile && (user?.scope === 'platform' || unit.data) && (
              <Tag data-testid="signed-in-unit">{user?.scope === 'platform' ? '平台管理员' : unit.data?.shortName}</Tag>
            )}
            <Button
              icon={<LogoutOutlined />}
              size="small"
              onClick={async () => {
                await signOut();
                navigate('/login');
              }}
            >
              退出
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: mobile ? 8 : 24 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
