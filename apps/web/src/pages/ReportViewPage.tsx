import { answer, client } from '../api/client';
import { Button, Card } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router-dom';
import { ErrorPage, Loading } from '../components';
import { keys } from '../queries';
import { ReportDetail } from '../ReportDetail';
import { useSession } from '../session';

export default function ReportViewPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { hasRole } = useSession();
  const { data: report, error } = useQuery({
    queryKey: keys.report(id),
    queryFn: () => answer(client.GET('/api/reports/{id}', { params: { path: { id: id! } } })),
  });
  if (error) return <ErrorPage error={error} />;
  if (!report) return <Loading />;
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
      <ReportDetail report={report} canReview={hasRole('office', 'admin')} />
    </Card>
  );
}
