// Showing the API's refusals on forms: 400 field errors on their fields, the rest (and 409) above the form; and the
// numeric fields, which say what is wrong with what was typed instead of changing it.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Form, Input, Typography } from 'antd';
import type { FormInstance, FormItemProps } from 'antd';
import type { Rule } from 'antd/es/form';
import { FULL_WIDTH_NOTE, readTypedNumber, toHalfWidth, type NumberRule } from '@app/domain';
import { ApiError, messageOf, type ErrorDetail } from './api';
import { detailText } from './field-labels';

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
  const lines = failure.details.map((d) => detailText(d, labels));
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

export type { NumberRule };

/** 万元, two decimals, never negative: every amount of money the forms take. */
export const MONEY: NumberRule = { kind: 'money', min: '0', max: '999999999999.99', decimals: 2 };
/** A share in %, 0–100 with two decimals. */
export const PERCENT: NumberRule = { kind: 'percent', min: '0', max: '100', decimals: 2 };
/** A year of a plan or budget. */
export const YEAR: NumberRule = { min: '2000', max: '2100', decimals: 0, unit: '年' };
/** A whole number in [min, max]. */
export const wholeNumber = (min: number, max?: number, unit?: string): NumberRule => ({
  min: String(min),
  max: max === undefined ? undefined : String(max),
  decimals: 0,
  unit,
});

/**
 * Form rules that read a numeric field with the shared parser: anything it refuses is a message on the
 * field (超过100%、请输入数字、金额不能为负数), never a silently clamped, rounded or blanked value; what it
 * reads differently from how it was typed (grouping commas) is a warning that does not block saving.
 */
export function numberRules(rule: NumberRule, required?: string): Rule[] {
  return [
    ...(required ? [{ required: true, message: required }] : []),
    {
      validator: (_: unknown, value: unknown) => {
        const read = readTypedNumber(value as string | number | null | undefined, rule);
        return read.ok ? Promise.resolve() : Promise.reject(new Error(read.reason));
      },
    },
    {
      warningOnly: true,
      validator: (_: unknown, value: unknown) => {
        const read = readTypedNumber(value as string | number | null | undefined, rule);
        return read.ok && read.notes.length ? Promise.reject(new Error(read.notes.join('；'))) : Promise.resolve();
      },
    },
  ];
}

/** A numeric field's value as the API takes it: decimal text, or null when empty (validation has refused the rest). */
export function numberText(value: string | number | null | undefined, rule: NumberRule): string | null {
  const read = readTypedNumber(value, rule);
  return read.ok ? read.text : null;
}

/** The same as a JS number, for fields the API takes as numbers (years, counts, whole percentages). */
export function numberValue(value: string | number | null | undefined, rule: NumberRule): number | null {
  const text = numberText(value, rule);
  return text === null ? null : Number(text);
}

/**
 * A number typed as text. Full-width digits (３０．５) are turned into half-width as they are typed and the
 * field says so below itself; nothing else is changed. With `rule`, the control also shows the parser's
 * refusal itself (for inputs outside a Form.Item, such as the evaluation leaves).
 */
export function NumberInput({
  id,
  value,
  onChange,
  rule,
  suffix,
  prefix,
  width,
  placeholder,
  disabled,
  testId,
  ariaLabel,
}: {
  /** Set by a Form.Item, so that its label points at the control. */
  id?: string;
  value?: string | number | null;
  onChange?: (text: string) => void;
  rule?: NumberRule;
  suffix?: ReactNode;
  prefix?: ReactNode;
  width?: number | string;
  placeholder?: string;
  disabled?: boolean;
  testId?: string;
  ariaLabel?: string;
}) {
  const text = value === null || value === undefined ? '' : String(value);
  const [note, setNote] = useState<string | null>(null);
  const emitted = useRef<string | null>(null);
  // A value set from outside (a reset, a loaded record) is not the user's typing: its note goes.
  useEffect(() => {
    if (text !== emitted.current) setNote(null);
  }, [text]);
  const refusal = rule && text ? readTypedNumber(text, rule) : null;
  return (
    <div style={{ display: 'inline-block', width: width ?? 200, maxWidth: '100%' }}>
      <Input
        id={id}
        value={text}
        inputMode="decimal"
        autoComplete="off"
        suffix={suffix}
        prefix={prefix}
        placeholder={placeholder}
        disabled={disabled}
        status={refusal && !refusal.ok ? 'error' : undefined}
        aria-label={ariaLabel}
        data-testid={testId}
        onChange={(e) => {
          const typed = e.target.value;
          const half = toHalfWidth(typed);
          if (half !== typed) setNote(FULL_WIDTH_NOTE);
          else if (half.trim() === '') setNote(null);
          emitted.current = half;
          onChange?.(half);
        }}
      />
      {note && (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="number-note">
          {note}
        </Typography.Text>
      )}
      {refusal && !refusal.ok && (
        <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }} data-testid="number-refusal">
          {refusal.reason}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * A Form.Item for a number: the text control above with the parser's rules. Every numeric field of the app
 * goes through here (or through NumberInput with a rule), so none changes what was typed without saying so.
 */
export function NumberItem({
  rule,
  required,
  input,
  ...item
}: Omit<FormItemProps, 'rules' | 'children' | 'required'> & {
  rule: NumberRule;
  /** The message when the field is left empty; unset: the field may stay empty. */
  required?: string;
  input?: Omit<Parameters<typeof NumberInput>[0], 'value' | 'onChange' | 'rule'>;
}) {
  return (
    <Form.Item {...item} rules={numberRules(rule, required)}>
      <NumberInput {...input} />
    </Form.Item>
  );
}
