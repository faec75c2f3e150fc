import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Drawer, Input, Space, Tabs, Typography } from 'antd';
import { ApiError, messageOf, type ErrorDetail } from '../api';
import { answer, client } from '../api/client';
import type { SchemeDefinition, SchemeRecord } from '../api/types';
import { criterionAt } from './describe';
import { SchemeTree } from './SchemeTree';

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 };

function parse(text: string, what: string): { value?: Record<string, unknown>; error?: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: `${what}必须是 JSON 对象` };
    return { value: value as Record<string, unknown> };
  } catch (e) {
    return { error: `${what}不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Where a validation problem is, in the office's terms: the criterion's id and name when the path points into one. */
function locate(definition: unknown, d: ErrorDetail): string | null {
  if (d.field.startsWith('inputMap.')) return `数据来源 ${d.field.slice('inputMap.'.length)}`;
  const c = criterionAt(definition, d.field);
  return c ? `${c.id} ${c.name}` : null;
}

/**
 * JSON editing of a scheme: saved as a new version (a new draft with the same code), or, for a
 * draft, in place. The API validates; each of its problems is listed with its path.
 */
export function SchemeEditor({
  scheme,
  onClose,
  onSaved,
}: {
  scheme: SchemeRecord | null;
  onClose: () => void;
  onSaved: (s: SchemeRecord) => void;
}) {
  const { message } = App.useApp();
  const [name, setName] = useState('');
  const [definitionText, setDefinitionText] = useState('');
  const [inputMapText, setInputMapText] = useState('');
  const [problems, setProblems] = useState<{ title: string; details: ErrorDetail[] } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!scheme) return;
    setName(scheme.name);
    setDefinitionText(JSON.stringify(scheme.definition, null, 2));
    setInputMapText(JSON.stringify(scheme.inputMap ?? {}, null, 2));
    setProblems(null);
  }, [scheme]);

  const definition = useMemo(() => parse(definitionText, '指标体系'), [definitionText]);
  const inputMap = useMemo(() => parse(inputMapText, '数据来源'), [inputMapText]);
  const syntax = definition.error ?? inputMap.error ?? null;

  async function save(asNewVersion: boolean) {
    if (!scheme || syntax) return;
    setSaving(true);
    setProblems(null);
    try {
      const saved = asNewVersion
        ? await answer(
            client.POST('/api/schemes', {
              body: {
                code: scheme.code,
                name,
                kind: scheme.kind,
                year: scheme.year,
                // Not saving without a definition is what the syntax check above makes sure of.
                definition: definition.value ?? {},
                inputMap: inputMap.value,
              },
            }),
          )
        : await answer(
            client.PATCH('/api/schemes/{id}', {
              params: { path: { id: scheme.id } },
              body: { name, definition: definition.value, inputMap: inputMap.value },
            }),
          );
      message.success(asNewVersion ? `已保存为第 ${saved.version} 版（草稿）` : '草稿已保存');
      onSaved(saved);
    } catch (e) {
      setProblems({
        title: e instanceof ApiError ? e.message : messageOf(e),
        details: e instanceof ApiError ? e.details : [],
      });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Drawer
      title={scheme ? `编辑考评方案：${scheme.name}（第 ${scheme.version} 版）` : ''}
      open={!!scheme}
      onClose={onClose}
      size={960}
      extra={
        <Space>
          {scheme?.status === 'draft' && (
            <Button disabled={!!syntax} loading={saving} onClick={() => void save(false)}>
              保存草稿
            </Button>
          )}
          <Button
            type="primary"
            disabled={!!syntax}
            loading={saving}
            onClick={() => void save(true)}
            data-testid="scheme-save-version"
          >
            保存为新版本
          </Button>
        </Space>
      }
    >
      {problems && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setProblems(null)}
          style={{ marginBottom: 12 }}
          title={problems.title}
          description={
            <ol style={{ margin: 0, paddingLeft: 20 }} data-testid="scheme-errors">
              {problems.details.map((d) => (
                <li key={`${d.field}:${d.reason}`}>
                  {locate(definition.value, d) && (
                    <Typography.Text strong>{locate(definition.value, d)}</Typography.Text>
                  )}
                  <Typography.Text type="secondary" style={{ margin: '0 6px' }}>
                    {d.field}
                  </Typography.Text>
                  {d.reason}
                </li>
              ))}
            </ol>
          }
        />
      )}
      {syntax && (
        <Alert type="warning" showIcon title={syntax} style={{ marginBottom: 12 }} data-testid="scheme-syntax" />
      )}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input prefix="方案名称：" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
        <Tabs
          items={[
            {
              key: 'def',
              label: '指标体系（JSON）',
              children: (
                <Input.TextArea
                  value={definitionText}
                  onChange={(e) => setDefinitionText(e.target.value)}
                  autoSize={{ minRows: 18, maxRows: 28 }}
                  style={MONO}
                  spellCheck={false}
                  data-testid="scheme-json"
                />
              ),
            },
            {
              key: 'map',
              label: '数据来源（JSON）',
              children: (
                <Input.TextArea
                  value={inputMapText}
                  onChange={(e) => setInputMapText(e.target.value)}
                  autoSize={{ minRows: 10, maxRows: 28 }}
                  style={MONO}
                  spellCheck={false}
                />
              ),
            },
            {
              key: 'preview',
              label: '预览',
              children: definition.value ? (
                <SchemeTree
                  // A preview of what was typed: the API validates it only on saving, the tree reads it defensively.
                  definition={definition.value as SchemeDefinition}
                  inputMap={(inputMap.value ?? {}) as SchemeRecord['inputMap']}
                />
              ) : (
                <Typography.Text type="secondary">JSON 有误，无法预览</Typography.Text>
              ),
            },
          ]}
        />
        <Typography.Text type="secondary">
          {'规则写法见平台说明（rate、threshold、checklist、shortfall、perEvent、linear、ratioToTarget、manual、likert）；' +
            '下级分值之和须等于上级分值，一级指标之和须等于总分。'}
        </Typography.Text>
      </Space>
    </Drawer>
  );
}
