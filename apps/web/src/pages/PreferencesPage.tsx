import { useState } from 'react';
import { Alert, App, Card, Radio, Space, Typography } from 'antd';
import { api, messageOf } from '../api';
import { ErrorPage, Loading } from '../components';
import { ReminderRuleCard } from '../notifications/ReminderRuleCard';
import { useSession } from '../session';
import { useLoad } from '../useLoad';

type DigestMode = 'immediate' | 'daily';

interface Preferences {
  digestMode: DigestMode;
}

/** 提醒设置: the user's own choice between immediate emails and one daily digest, and the plan's reminder rule. */
export default function PreferencesPage() {
  const { plan, hasRole } = useSession();
  const { message } = App.useApp();
  const prefs = useLoad(() => api<Preferences>('/api/me/preferences'), []);
  const [saving, setSaving] = useState(false);
  if (prefs.error) return <ErrorPage error={prefs.error} />;
  if (!prefs.data) return <Loading />;

  async function change(digestMode: DigestMode) {
    setSaving(true);
    try {
      await api<Preferences>('/api/me/preferences', { method: 'PUT', body: { digestMode } });
      message.success('提醒设置已保存');
      await prefs.reload();
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={16}>
      <Card title="我的邮件提醒方式">
        <Radio.Group
          value={prefs.data.digestMode}
          disabled={saving}
          onChange={(e) => void change(e.target.value as DigestMode)}
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
