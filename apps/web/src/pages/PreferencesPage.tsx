import { Alert, App, Card, Radio, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { messageOf } from '../api';
import { answer, client } from '../api/client';
import { ErrorPage, Loading } from '../components';
import { ReminderRuleCard } from '../notifications/ReminderRuleCard';
import { keys } from '../queries';
import { useSession } from '../session';
import type { Preferences } from '../api/types';

type DigestMode = Preferences['digestMode'];

/** 提醒设置: the user's own choice between immediate emails and one daily digest, and the plan's reminder rule. */
export default function PreferencesPage() {
  const { plan, hasRole } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const prefs = useQuery({ queryKey: keys.preferences(), queryFn: () => answer(client.GET('/api/me/preferences')) });
  const change = useMutation({
    mutationFn: (digestMode: DigestMode) => answer(client.PUT('/api/me/preferences', { body: { digestMode } })),
    onSuccess: () => {
      message.success('提醒设置已保存');
      // Returned, so the choice stays disabled until the saved value is on screen.
      return queryClient.invalidateQueries({ queryKey: keys.preferences() });
    },
    onError: (e) => message.error(messageOf(e)),
  });
  if (prefs.error) return <ErrorPage error={prefs.error} />;
  if (!prefs.data) return <Loading />;

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card title="我的邮件提醒方式">
        <Radio.Group
          value={prefs.data.digestMode}
          disabled={change.isPending}
          onChange={(e) => change.mutate(e.target.value as DigestMode)}
          data-testid="digest-mode"
        >
          <Space orientation="vertical">
            <Radio value="immediate">即时邮件：每条通知单独发送一封邮件</Radio>
            <Radio value="daily">每日汇总：当天的通知合并为一封邮件</Radio>
          </Space>
        </Radio.Group>
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          title="报送提醒和逾期催报始终即时发送，不受此设置影响；所有通知同时出现在“我的消息”中。"
        />
      </Card>
      {plan && (
        <>
          <ReminderRuleCard planId={plan.id} planTitle={plan.title} editable={false} />
          {hasRole('office', 'admin') && (
            <Typography.Text type="secondary">提醒规则由办公室在“通知日志”页面修改。</Typography.Text>
          )}
        </>
      )}
    </Space>
  );
}
