// Server state: one query cache for the app, its defaults, and the keys that reads and saves share.
import { QueryClient, useQuery } from '@tanstack/react-query';
import { ApiError } from './api';
import { answer, client } from './api/client';

/**
 * A failed read is tried again only when trying again can help: a lost connection or a server
 * error (5xx), at most twice. A 4xx (no access, not found, signed out) is the answer itself.
 */
export function retryRead(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  return !(error instanceof ApiError) || error.statusCode >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Going back to a page within half a minute shows what it showed; a save invalidates what it changed.
        staleTime: 30_000,
        // The forms copy what they read into their fields: a silent refetch on returning to the window would
        // overwrite what someone is typing. A concurrent change is caught by the version check (409 → 刷新).
        refetchOnWindowFocus: false,
        retry: retryRead,
      },
      mutations: { retry: false },
    },
  });
}

type Query = Record<string, string | number | boolean | undefined | null>;

/**
 * Query keys, from the aggregate down, so that invalidating a prefix reaches every view of what changed:
 * ['plans', planId] is everything read of one plan, ['reporting'] every figure computed from reports.
 */
export const keys = {
  planList: () => ['plans', 'list'] as const,
  plan: (planId: string) => ['plans', planId] as const,
  planStructure: (planId: string) => ['plans', planId, 'structure'] as const,
  planBreakdown: (planId: string) => ['plans', planId, 'breakdown'] as const,
  planPeriods: (planId: string) => ['plans', planId, 'periods'] as const,
  reminderRule: (planId: string) => ['plans', planId, 'reminder-rule'] as const,
  bulletins: (planId: string) => ['plans', planId, 'bulletins'] as const,
  bulletin: (bulletinId: string) => ['bulletins', bulletinId] as const,

  reportLists: () => ['reports', 'list'] as const,
  reportList: (query: Query) => ['reports', 'list', query] as const,
  reportDetails: () => ['reports', 'detail'] as const,
  report: (reportId: string) => ['reports', 'detail', reportId] as const,
  reportEditor: (periodId: string, subjectType: string, subjectId: string) =>
    ['reports', 'editor', periodId, subjectType, subjectId] as const,
  /** What is computed from the reports: the to-do list, completeness, a unit's history, the dashboard. */
  reporting: () => ['reporting'] as const,
  todo: () => ['reporting', 'todo'] as const,
  completeness: (planId: string, year: number) => ['reporting', 'completeness', planId, year] as const,
  unitHistory: (planId: string, unitId: string) => ['reporting', 'history', planId, unitId] as const,
  dashboard: (planId: string, year: number) => ['reporting', 'dashboard', planId, year] as const,
  lagging: (planId: string, filter: Query) => ['reporting', 'lagging', planId, filter] as const,

  assessments: () => ['assessments'] as const,
  assessmentsOfPlan: (planId: string) => ['assessments', 'of-plan', planId] as const,
  assessmentScope: (assessmentId: string) => ['assessments', assessmentId, 'scope'] as const,
  assessmentResults: (assessmentId: string) => ['assessments', assessmentId, 'results'] as const,
  /** Every unit's self-assessment state and scores (the office's review list). */
  assessmentProgress: (assessmentId: string) => ['assessments', assessmentId, 'progress'] as const,
  /** One unit's entries and explanation in one assessment. */
  assessedUnit: (assessmentId: string, unitId: string) => ['assessments', assessmentId, 'units', unitId] as const,
  entries: (assessmentId: string, unitId: string) => ['assessments', assessmentId, 'units', unitId, 'entries'] as const,
  explanation: (assessmentId: string, unitId: string) =>
    ['assessments', assessmentId, 'units', unitId, 'explanation'] as const,

  schemes: () => ['schemes'] as const,
  schemeList: () => ['schemes', 'list'] as const,
  scheme: (schemeId: string) => ['schemes', schemeId] as const,

  /** 交办事项: every list, item and to-do of them (one prefix, so an action refreshes them all). */
  assignedWork: () => ['assigned-work'] as const,
  assignedWorkList: (query: Query) => ['assigned-work', 'list', query] as const,
  assignedWorkTodo: () => ['assigned-work', 'todo'] as const,

  funds: () => ['funds'] as const,
  fundLists: () => ['funds', 'list'] as const,
  /** 专项资金执行填报 to-do of the signed-in user's units. */
  fundTodo: () => ['funds', 'todo'] as const,
  fundList: (year: number | undefined) => ['funds', 'list', { year }] as const,
  /** Everything read of one fund: its detail and every tab. */
  fund: (fundId: string) => ['funds', fundId] as const,
  fundDetail: (fundId: string) => ['funds', fundId, 'detail'] as const,
  fundIndicators: (fundId: string) => ['funds', fundId, 'indicators'] as const,
  fundExecutions: (fundId: string) => ['funds', fundId, 'executions'] as const,
  fundExecutionSummaries: (fundId: string) => ['funds', fundId, 'execution-summary'] as const,
  fundExecutionSummary: (fundId: string, asOf: string | undefined) =>
    ['funds', fundId, 'execution-summary', { asOf }] as const,
  fundSurveys: (fundId: string) => ['funds', fundId, 'surveys'] as const,
  surveyResults: (fundId: string, surveyId: string) => ['funds', fundId, 'surveys', surveyId, 'results'] as const,
  fundEvaluation: (fundId: string) => ['funds', fundId, 'evaluation'] as const,

  units: () => ['units'] as const,
  unitTree: () => ['units', 'tree'] as const,
  unit: (unitId: string) => ['units', unitId] as const,
  contacts: () => ['contacts'] as const,
  contactsOf: (unitId: string | null) => ['contacts', unitId ?? 'all'] as const,
  users: () => ['users'] as const,
  userList: (query: Query) => ['users', 'list', query] as const,
  allUsers: () => ['users', 'all'] as const,

  notifications: () => ['notifications'] as const,
  channels: () => ['channels'] as const,
  channelPosts: (query: Query) => ['channels', 'posts', query] as const,
  notificationList: (query: Query) => ['notifications', query] as const,
  inbox: () => ['inbox'] as const,
  preferences: () => ['me', 'preferences'] as const,
  audit: (query: Query) => ['audit', query] as const,
};

/** A report was saved, submitted, accepted or returned: its lists, its detail and every figure computed from reports. */
export function invalidateReports(client: QueryClient): Promise<unknown> {
  return Promise.all([
    client.invalidateQueries({ queryKey: keys.reportLists() }),
    client.invalidateQueries({ queryKey: keys.reportDetails() }),
    client.invalidateQueries({ queryKey: keys.reporting() }),
  ]);
}

/** Every plan the user may read (the plan list and the breakdown's plan picker). */
export function usePlanList() {
  return useQuery({
    queryKey: keys.planList(),
    queryFn: () => answer(client.GET('/api/plans', { params: { query: { pageSize: 100 } } })),
  });
}

/** A plan's monthly reporting periods; `planId` null reads nothing. */
export function usePeriods(planId: string | null | undefined) {
  return useQuery({
    queryKey: keys.planPeriods(planId ?? ''),
    queryFn: () => answer(client.GET('/api/plans/{id}/periods', { params: { path: { id: planId ?? '' } } })),
    enabled: !!planId,
  });
}

/** A plan's year-end assessments (self-assessment and review pages). */
export function useAssessmentsOfPlan(planId: string) {
  return useQuery({
    queryKey: keys.assessmentsOfPlan(planId),
    queryFn: () => answer(client.GET('/api/assessments/of-plan/{id}', { params: { path: { id: planId } } })),
  });
}

/** An assessment scheme's criteria; `schemeId` undefined reads nothing. */
export function useScheme(schemeId: string | undefined) {
  return useQuery({
    queryKey: keys.scheme(schemeId ?? ''),
    queryFn: () => answer(client.GET('/api/schemes/{id}', { params: { path: { id: schemeId ?? '' } } })),
    enabled: !!schemeId,
  });
}

/** One unit's self-assessed and reviewed entries in an assessment; nothing is read until both are known. */
export function useEntries(assessmentId: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: keys.entries(assessmentId ?? '', unitId ?? ''),
    queryFn: () =>
      answer(
        client.GET('/api/assessments/{id}/units/{unitId}/entries', {
          params: { path: { id: assessmentId ?? '', unitId: unitId ?? '' } },
        }),
      ),
    enabled: !!assessmentId && !!unitId,
  });
}
