import { useState } from 'react';
import { Alert, App, Button, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { messageOf } from '../api';
import { answer, client } from '../api/client';
import type { Schema } from '../api/client';

interface Props {
  /** The month's reporting period, when the plan has one for it. */
  period: { id: string; year: number; month: number } | undefined;
  /** The units the matrix shows missing that month. */
  units: { unitId: string; unitName: string }[];
}

/** 一键催报: after a confirmation, a reminder now to the liaisons of the units shown missing, and what was queued. */
export function ChaseMissingButton({ period, units }: Props) {
  const { modal } = App.useApp();
  const [result, setResult] = useState<Schema<'ChaseResult'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  function confirm() {
    if (!period) return;
    modal.confirm({
      title: `向${period.month}月未报的 ${units.length} 个单位催报？`,
      content: (
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          将立即以邮件和站内消息提醒以下单位的联络员（同一单位每天只催报一次）：
          {units.map((u) => u.unitName).join('、')}
        </Typography.Paragraph>
      ),
      okText: '确认催报',
      cancelText: '取消',
      onOk: async () => {
        setError(null);
        try {
          setResult(
            await answer(
              client.POST('/api/notifications/chase', {
                body: { periodId: period.id, unitIds: units.map((u) => u.unitId) },
              }),
            ),
          );
        } catch (e) {
          setResult(null);
          setError(messageOf(e));
        }
      },
    });
  }

  return (
    <>
      <Button
        icon={<BellOutlined />}
        danger
        disabled={!period || units.length === 0}
        onClick={confirm}
        data-testid="chase-missing"
      >
        一键催报{period && units.length > 0 ? `（${period.month}月未报 ${units.length} 个单位）` : ''}
      </Button>
      {(result || error) && (
        <Alert
          data-testid="chase-result"
          style={{ marginTop: 12 }}
          type={error ? 'error' : result!.unreachableUnits.length ? 'warning' : 'success'}
          showIcon
          closable
          onClose={() => {
            setResult(null);
            setError(null);
          }}
          title={
            error ??
            `已催报：邮件 ${result!.notifications} 封、站内消息 ${result!.inbox} 条已加入发送队列` +
              (result!.notifications + result!.inbox === 0 ? '（无需发送：今日已催报过，或已无未报事项）' : '')
          }
          description={
            result && result.unreachableUnits.length > 0
              ? `以下单位没有可联系的联络员，请电话联系：${result.unreachableUnits.join('、')}`
              : undefined
          }
        />
      )}
    </>
  );
}
