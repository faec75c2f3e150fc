import { StrictMode, Suspense, lazy, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import './format';
import { Forbidden, Loading, NeedPlan, NotFound, RequireRole } from './components';
import { createQueryClient } from './queries';
import { homeOf, SessionProvider, useSession } from './session';
import { AppLayout } from './AppLayout';
import LoginPage from './pages/LoginPage';

const TodoPage = lazy(() => import('./pages/TodoPage'));
const ReportFormPage = lazy(() => import('./pages/ReportFormPage'));
const ReportViewPage = lazy(() => import('./pages/ReportViewPage'));
const MyReportsPage = lazy(() => import('./pages/MyReportsPage'));
const InboxPage = lazy(() => import('./pages/InboxPage'));
const ReviewPage = lazy(() => import('./pages/ReviewPage'));
const CompletenessPage = lazy(() => import('./pages/CompletenessPage'));
const UnitHistoryPage = lazy(() => import('./pages/UnitHistoryPage'));
const ImportPage = lazy(() => import('./pages/ImportPage'));
const BulletinsPage = lazy(() => import('./pages/BulletinsPage'));
const DashboardPage = lazy(() => import('./pages/DashboardPage'));
const LaggingPage = lazy(() => import('./pages/LaggingPage'));
const AssessmentSelfPage = lazy(() => import('./pages/AssessmentSelfPage'));
const AssessmentReviewPage = lazy(() => import('./pages/AssessmentReviewPage'));
const AssessmentRevisionsPage = lazy(() => import('./pages/AssessmentRevisionsPage'));
const AssessmentEventsPage = lazy(() => import('./pages/AssessmentEventsPage'));
const AssessmentAppealsPage = lazy(() => import('./pages/AssessmentAppealsPage'));
const PlansPage = lazy(() => import('./pages/PlansPage'));
const PlanDetailPage = lazy(() => import('./pages/PlanDetailPage'));
const BreakdownPage = lazy(() => import('./pages/BreakdownPage'));
const SchemesPage = lazy(() => import('./pages/SchemesPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const PreferencesPage = lazy(() => import('./pages/PreferencesPage'));
const UnitsPage = lazy(() => import('./pages/UnitsPage'));
const UsersPage = lazy(() => import('./pages/UsersPage'));
const AuditPage = lazy(() => import('./pages/AuditPage'));
const FundsPage = lazy(() => import('./pages/FundsPage'));
const AssignedWorkPage = lazy(() => import('./pages/AssignedWorkPage'));
const FundDetailPage = lazy(() => import('./pages/FundDetailPage'));
const PublicSurveyPage = lazy(() => import('./pages/PublicSurveyPage'));

const LIAISON = ['liaison', 'admin', 'office'];
const OFFICE = ['office', 'admin'];
const READERS = ['office', 'admin', 'leader'];
const ADMIN = ['admin'];
const EVERYONE = ['liaison', 'office', 'admin', 'leader'];

function Home() {
  const { user } = useSession();
  return <Navigate to={homeOf(user)} replace />;
}

function Protected() {
  const { user, loading, lastUsername } = useSession();
  if (loading) return <Loading />;
  // Back to the exact page after signing in: a link from an email keeps its query (?period=…&unit=…).
  if (!user) {
    const from = `${window.location.pathname}${window.location.search}`;
    return <Navigate to="/login" replace state={{ from, username: lastUsername }} />;
  }
  return <AppLayout />;
}

function guard(roles: string[], element: ReactElement, plan = true) {
  return (
    <RequireRole roles={roles}>
      <Suspense fallback={<Loading />}>{plan ? <NeedPlan>{element}</NeedPlan> : element}</Suspense>
    </RequireRole>
  );
}

function Root() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      {/* The questionnaire behind a one-use link: no account, no menu, outside the signed-in app. */}
      <Route
        path="/survey/:token"
        element={
          <Suspense fallback={<Loading />}>
            <PublicSurveyPage />
          </Suspense>
        }
      />
      <Route element={<Protected />}>
        <Route index element={<Home />} />
        <Route path="/todo" element={guard(['liaison', 'admin'], <TodoPage />, false)} />
        <Route path="/reports/view/:id" element={guard([...LIAISON, 'leader'], <ReportViewPage />, false)} />
        <Route path="/reports/:periodId/:subjectType/:subjectId" element={guard(LIAISON, <ReportFormPage />, false)} />
        <Route path="/my-reports" element={guard(LIAISON, <MyReportsPage />, false)} />
        <Route path="/inbox" element={guard(EVERYONE, <InboxPage />, false)} />
        <Route path="/review" element={guard(OFFICE, <ReviewPage />)} />
        <Route path="/completeness" element={guard(READERS, <CompletenessPage />)} />
        <Route path="/completeness/:unitId" element={guard(READERS, <UnitHistoryPage />)} />
        <Route path="/import" element={guard(OFFICE, <ImportPage />)} />
        <Route path="/bulletins" element={guard([...READERS, 'liaison'], <BulletinsPage />)} />
        <Route path="/dashboard" element={guard(READERS, <DashboardPage />)} />
        <Route path="/lagging" element={guard(READERS, <LaggingPage />)} />
        <Route path="/assessment/self" element={guard(LIAISON, <AssessmentSelfPage />)} />
        <Route path="/assessment/review" element={guard(READERS, <AssessmentReviewPage />)} />
        <Route path="/assessment/revisions" element={guard(READERS, <AssessmentRevisionsPage />)} />
        <Route path="/assessment/events" element={guard(READERS, <AssessmentEventsPage />)} />
        <Route path="/assessment/appeals" element={guard([...LIAISON, 'leader'], <AssessmentAppealsPage />)} />
        <Route path="/plans" element={guard(READERS, <PlansPage />, false)} />
        <Route path="/plans/:id" element={guard(READERS, <PlanDetailPage />, false)} />
        <Route path="/breakdown" element={guard(READERS, <BreakdownPage />, false)} />
        <Route path="/schemes" element={guard(READERS, <SchemesPage />, false)} />
        <Route path="/assigned-work" element={guard(EVERYONE, <AssignedWorkPage />, false)} />
        <Route path="/funds" element={guard(EVERYONE, <FundsPage />, false)} />
        <Route path="/funds/:id" element={guard(EVERYONE, <FundDetailPage />, false)} />
        <Route path="/notifications" element={guard(OFFICE, <NotificationsPage />, false)} />
        <Route path="/settings" element={guard(EVERYONE, <PreferencesPage />, false)} />
        <Route path="/admin/units" element={guard(OFFICE, <UnitsPage />, false)} />
        <Route path="/admin/users" element={guard(ADMIN, <UsersPage />, false)} />
        <Route path="/admin/audit" element={guard(ADMIN, <AuditPage />, false)} />
        <Route path="/forbidden" element={<Forbidden />} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

const queryClient = createQueryClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={{ token: { colorPrimary: '#1d5fbf' } }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <SessionProvider>
              <Root />
            </SessionProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
