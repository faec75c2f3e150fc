import { Button, Card } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { api } from '../api';
import { ErrorPage, Loading } from '../components';
import { ReportDetail } from '../ReportDetail';
import { useSession } from '../session';
import type { Report } from '../types';
import { useLoad } from '../useLoad';

export default function ReportViewPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const { data, error, loading, reload } = useLoad(() => api<Report>(`/api/reports/${id}`), [id]);
  if (error) return <ErrorPage error={error} />;
  if (loading && !data) return <Loading />;
  const report = data!;
  const editable = hasRole('liaison') && (report.status === 'draft' || report.status === 'returned');
  return (
    <Card
      title="报告详情"
      extra={
        editable ? (
          <Button
            type="primary"
            onClick={() => navigate(`/reports/${report.periodId}/${report.subjectType}/${report.subjectId}`)}
          >
            修改
          </Button>
        ) : undefined
      }
    >
      <ReportDetail report={report} canReview={hasRole('office', 'admin')} onChanged={() => void reload()} />
    </Card>
  );
}
