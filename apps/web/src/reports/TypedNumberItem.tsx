import { useState } from 'react';
import { Form, Input } from 'antd';
import type { FormItemProps } from 'antd';
import { conversionNote, parseTypedNumber, type NumberLimits } from './typed-number';

/**
 * A number field of the report form: typed as text so nothing is changed behind the user's back. Invalid input gets a
 * message on the field; full-width digits are converted when the field is left, with a note saying so.
 */
export function TypedNumberItem({
  name,
  label,
  limits,
  required,
  placeholder,
  testId,
  ...item
}: {
  name: FormItemProps['name'];
  label?: FormItemProps['label'];
  limits: NumberLimits;
  required?: string;
  placeholder?: string;
  testId?: string;
} & Pick<FormItemProps, 'initialValue' | 'style' | 'noStyle'>) {
  const form = Form.useFormInstance();
  const [note, setNote] = useState<string | null>(null);
  return (
    <Form.Item
      {...item}
      name={name}
      label={label}
      extra={note}
      required={Boolean(required)}
      validateTrigger={['onChange', 'onBlur']}
      rules={[
        {
          validator: async (_, typed: string | undefined) => {
            const parsed = parseTypedNumber(typed, limits);
            if (parsed.kind === 'invalid') throw new Error(parsed.reason);
            if (parsed.kind === 'empty' && required) throw new Error(required);
          },
        },
      ]}
    >
      <Input
        inputMode="decimal"
        suffix={limits.unit}
        placeholder={placeholder}
        data-testid={testId}
        onChange={() => setNote(null)}
        onBlur={(e) => {
          const typed = e.target.value;
          const parsed = parseTypedNumber(typed, limits);
          if (parsed.kind === 'number' && parsed.converted) {
            form.setFieldValue(name, parsed.value);
            setNote(conversionNote(typed, parsed.value));
          }
        }}
      />
    </Form.Item>
  );
}
