import { Button, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, messageOf } from './api';
import { useSession } from './session';

export function Forbidden({ message }: { message?: string }) {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={message ?? '您没有访问此页面或数据的权限，如有疑问请联系领导小组办公室。'}
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
      data-testid="forbidden"
    />
  );
}

export function NotFound({ message }: { message?: string }) {
  return (
    <Result
      status="404"
      title="页面或数据不存在"
      subTitle={message ?? '您访问的内容不存在，或您无权查看。'}
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
    />
  );
}

/** An error from the API as a page: 403 → 无权访问, 404 → 不存在, otherwise the message. */
export function ErrorPage({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.statusCode === 403)
    return <Forbidden message={`无权访问：${error.message}`} />;
  if (error instanceof ApiError && error.statusCode === 404)
    return <NotFound message={`${error.message}（或您无权访问该数据）`} />;
  return <Result status="error" title="加载失败" subTitle={messageOf(error)} />;
}

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

export function RequireRole({ roles, children }: { roles: string[]; children: ReactNode }) {
  const { hasRole } = useSession();
  if (!hasRole(...roles)) return <Forbidden />;
  return <>{children}</>;
}

export function NeedPlan({ children }: { children: ReactNode }) {
  const { plan } = useSession();
  if (!plan)
    return <Result status="info" title="暂无已发布的工作方案" subTitle="请联系领导小组办公室发布本年度工作方案。" />;
  return <>{children}</>;
}
