import { useMemo, useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import {
  AuditOutlined,
  BarChartOutlined,
  CheckSquareOutlined,
  CloudUploadOutlined,
  FileTextOutlined,
  LogoutOutlined,
  MailOutlined,
  MenuOutlined,
  NotificationOutlined,
  TableOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from './session';

const { Header, Sider, Content } = Layout;

type Item = Required<MenuProps>['items'][number] & { key: string };

export function AppLayout() {
  const { user, plan, hasRole, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawer, setDrawer] = useState(false);

  const items = useMemo(() => {
    const list: Item[] = [];
    if (hasRole('leader', 'office', 'admin')) list.push({ key: '/dashboard', icon: <BarChartOutlined />, label: '领导驾驶舱' });
    if (hasRole('liaison', 'admin')) list.push({ key: '/todo', icon: <CheckSquareOutlined />, label: '我的待办' });
    if (hasRole('liaison', 'office', 'admin')) list.push({ key: '/my-reports', icon: <FileTextOutlined />, label: '报送记录' });
    if (hasRole('office', 'admin')) list.push({ key: '/review', icon: <AuditOutlined />, label: '审核' });
    if (hasRole('office', 'admin', 'leader')) list.push({ key: '/completeness', icon: <TableOutlined />, label: '报送情况' });
    if (hasRole('office', 'admin')) list.push({ key: '/import', icon: <CloudUploadOutlined />, label: '任务清单导入' });
    if (hasRole('office', 'admin', 'leader')) list.push({ key: '/assessment/review', icon: <TrophyOutlined />, label: '年终考评' });
    else if (hasRole('liaison')) list.push({ key: '/assessment/self', icon: <TrophyOutlined />, label: '年终考评' });
    list.push({ key: '/bulletins', icon: <NotificationOutlined />, label: '季度通报' });
    list.push({ key: '/inbox', icon: <MailOutlined />, label: '我的消息' });
    return list;
  }, [hasRole]);

  const selected = items.filter((i) => location.pathname.startsWith(i.key)).map((i) => i.key);
  const menu = (
    <Menu
      mode="inline"
      theme={mobile ? 'light' : 'dark'}
      selectedKeys={selected}
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
          <div style={{ color: '#fff', padding: '16px 16px 8px', fontWeight: 600, lineHeight: 1.4 }}>科技创新赋能行动<br />调度与考评平台</div>
          {menu}
        </Sider>
      )}
      <Drawer open={mobile && drawer} placement="left" onClose={() => setDrawer(false)} title="科技创新赋能行动平台" size={240}>
        {menu}
      </Drawer>
      <Layout>
        <Header style={{ background: '#fff', padding: mobile ? '0 8px' : '0 24px', display: 'flex', alignItems: 'center', gap: 8, borderBottom: '1px solid #f0f0f0' }}>
          {mobile && <Button type="text" icon={<MenuOutlined />} onClick={() => setDrawer(true)} aria-label="菜单" />}
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }} strong>
            {plan ? `${plan.title}（${plan.docNumber}）` : '科技创新赋能行动调度与考评平台'}
          </Typography.Text>
          <Space size={mobile ? 4 : 12}>
            {!mobile && <Typography.Text type="secondary">{user?.displayName}</Typography.Text>}
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
