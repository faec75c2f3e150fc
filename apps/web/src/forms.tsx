// Showing the API's refusals on forms: 400 field errors on their fields, the rest (and 409) above the form.
import { useCallback, useState } from 'react';
import { Alert, App, Button } from 'antd';
import type { FormInstance } from 'antd';
import { ApiError, messageOf, type ErrorDetail } from './api';

type NamePath = (string | number)[];

/** `milestones.0.dueDate` (or `items[0].name`) → ['milestones', 0, 'dueDate'], the way antd names nested fields. */
export function namePath(field: string): NamePath {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/**
 * Puts each field error whose top-level name is one of `fields` on that field, clears the others,
 * and returns the details no field shows (they go into the alert).
 */
export function showFieldErrors(form: FormInstance, error: unknown, fields: readonly string[]): ErrorDetail[] {
  form.setFields(fields.map((f) => ({ name: f, errors: [] })));
  if (!(error instanceof ApiError)) return [];
  const rest: ErrorDetail[] = [];
  const placed: ErrorDetail[] = [];
  for (const d of error.details) (fields.includes(String(namePath(d.field)[0])) ? placed : rest).push(d);
  form.setFields(placed.map((d) => ({ name: namePath(d.field), errors: [d.reason] })));
  return rest;
}

export interface FormFailure {
  error: unknown;
  /** The details not shown on a field. */
  details: ErrorDetail[];
}

/** Records a failed save: field errors go on the form, the rest into the returned failure. */
export function failureOf(form: FormInstance, error: unknown, fields: readonly string[]): FormFailure {
  return { error, details: showFieldErrors(form, error, fields) };
}

export interface FormSubmit {
  /** A request is under way (the save button's loading). */
  saving: boolean;
  /** The last refusal, for ApiErrorAlert; it stays until cleared. */
  failure: FormFailure | null;
  clearFailure: () => void;
  /**
   * Sends `request`; on success shows `success` and runs `done` with the result. On failure (of
   * either) the field errors go on the form (`fields`) and the rest into `failure`.
   */
  submit: <T>(
    request: () => Promise<T>,
    success: string | ((result: T) => string),
    done: (result: T) => void | Promise<void>,
  ) => Promise<void>;
}

/** The saving flag and refusal of a form that saves through the API. */
/**
 * The form's values, or null when a field is invalid (the form then shows what is wrong beside the
 * field). Saves run from click handlers, where a rejected validation would be an uncaught error.
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}

export function useFormSubmit(form: FormInstance, fields: readonly string[]): FormSubmit {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<FormFailure | null>(null);
  const clearFailure = useCallback(() => setFailure(null), []);

  async function submit<T>(
    request: () => Promise<T>,
    success: string | ((result: T) => string),
    done: (result: T) => void | Promise<void>,
  ) {
    setSaving(true);
    try {
      const result = await request();
      message.success(typeof success === 'function' ? success(result) : success);
      await done(result);
    } catch (e) {
      setFailure(failureOf(form, e, fields));
    } finally {
      setSaving(false);
    }
  }

  return { saving, failure, clearFailure, submit };
}

/** A 409 about the record's version (not, say, a duplicate name on a field): someone else saved first. */
function isConflict(error: unknown): boolean {
  return error instanceof ApiError && error.statusCode === 409 && error.details.every((d) => d.field === 'version');
}

/**
 * The API's message above a form. A 409 means someone else changed the record (or the state does
 * not allow the change): it says so and offers to reload rather than overwrite.
 */
export function ApiErrorAlert({
  failure,
  onReload,
  onClose,
  labels = {},
}: {
  failure: FormFailure | null;
  onReload?: () => void;
  onClose?: () => void;
  labels?: Record<string, string>;
}) {
  if (!failure) return null;
  const conflict = isConflict(failure.error);
  const title = failure.error instanceof ApiError ? failure.error.message : messageOf(failure.error);
  const lines = failure.details.map((d) => `${labels[d.field] ?? d.field}：${d.reason}`);
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      title={conflict ? `保存失败（版本冲突）：${title}` : title}
      description={
        conflict || lines.length ? (
          <>
            {conflict && <div>其他人可能已修改了这条数据，请点击“刷新”载入最新内容后再修改。</div>}
            {lines.map((l) => (
              <div key={l}>{l}</div>
            ))}
          </>
        ) : undefined
      }
      action={
        conflict && onReload ? (
          <Button size="small" onClick={onReload} data-testid="conflict-reload">
            刷新
          </Button>
        ) : undefined
      }
      closable={!!onClose}
      onClose={onClose}
      data-testid={conflict ? 'conflict-alert' : 'error-alert'}
    />
  );
}
