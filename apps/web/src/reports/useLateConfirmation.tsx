import { useCallback } from 'react';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { formatDateTime } from '../format';
import { readFormNow } from './reportForm';

/**
 * Before a submission: when the platform says it would be stamped 迟报 (after the deadline, and not a resubmission of
 * a report first submitted on time), the user is told and asked to confirm. Resolves to whether to go on.
 */
export function useLateConfirmation(periodId: string, subjectType: string, subjectId: string): () => Promise<boolean> {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const form = await readFormNow(queryClient, periodId, subjectType, subjectId);
    if (!form.lateIfSubmittedNow) return true;
    return new Promise<boolean>((resolve) =>
      modal.confirm({
      title: '已过报送截止时间，提交后将记为迟报',
      content: (
        <span data-testid="late-confirmation">
          {form.period.year}年{form.period.month}月的报送截止时间为 {formatDateTime(form.period.deadline)}
          ，现在提交将被标记为“迟报”，并计入按时报送情况。是否确认提交？
        </span>
      ),
      okText: '确认提交（迟报）',
      cancelText: '暂不提交',
      onOk: () => resolve(true),
      onCancel: () => resolve(false),
      }),
    );
  }, [modal, queryClient, periodId, subjectType, subjectId]);
}
