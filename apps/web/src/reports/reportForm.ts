import { useQuery, type QueryClient } from '@tanstack/react-query';
import { answer, client, type Schema } from '../api/client';
import { parseTypedNumber } from './typed-number';

export type ReportFormData = Schema<'ReportForm'>;
export type SubjectType = Schema<'SubjectType'>;

export function isSubjectType(value: string): value is SubjectType {
  return value === 'assignment' || value === 'indicators' || value === 'project';
}

/** Not under the report lists' keys: a save need not read the form again. */
const formKey = (periodId: string, subjectType: string, subjectId: string) =>
  ['report-form', periodId, subjectType, subjectId] as const;

function readForm(periodId: string, subjectType: SubjectType, subjectId: string): Promise<ReportFormData> {
  return answer(client.GET('/api/reports/form', { params: { query: { periodId, subjectType, subjectId } } }));
}

/** What the monthly form shows beside the report: targets, last month, the annual plan, 序时进度, the deadline. */
export function useReportForm(periodId: string, subjectType: string, subjectId: string) {
  return useQuery({
    queryKey: formKey(periodId, subjectType, subjectId),
    queryFn: () => readForm(periodId, isSubjectType(subjectType) ? subjectType : 'assignment', subjectId),
    enabled: isSubjectType(subjectType),
    staleTime: Infinity,
  });
}

/** The form read now, not from the cache: whether a submission at this moment would be late. */
export function readFormNow(
  queryClient: QueryClient,
  periodId: string,
  subjectType: string,
  subjectId: string,
): Promise<ReportFormData> {
  return queryClient.fetchQuery({
    queryKey: formKey(periodId, subjectType, subjectId),
    queryFn: () => readForm(periodId, isSubjectType(subjectType) ? subjectType : 'assignment', subjectId),
    staleTime: 0,
  });
}

/** The county's figures as the form holds them: typed text per indicator, investment to date in 万元. */
export interface CountyFigureValues {
  values?: Record<string, string | undefined>;
  investmentToDate?: string;
}

/**
 * The figures part of a draft. Only numbers that pass the field's checks are sent; a field showing a message keeps
 * its stored value until corrected, and submitting is blocked by the field's own validation.
 */
export function countyFiguresBody(
  subjectType: string,
  form: CountyFigureValues,
): Pick<Schema<'SaveDraftDto'>, 'values' | 'investmentToDate'> {
  if (subjectType === 'indicators') {
    const values = Object.entries(form.values ?? {}).flatMap(([indicatorId, typed]) => {
      const parsed = parseTypedNumber(typed, { decimals: 6 });
      return parsed.kind === 'number' ? [{ indicatorId, value: parsed.value }] : [];
    });
    return values.length ? { values } : {};
  }
  if (subjectType === 'project') {
    const parsed = parseTypedNumber(form.investmentToDate, { decimals: 2 });
    return parsed.kind === 'number' ? { investmentToDate: parsed.value } : {};
  }
  return {};
}
