import { Col, Row, Space, Tag, Typography } from 'antd';
import type { AuditRow } from '../api/types';
import { hasMessage, type Translate, useI18n } from '../i18n';

// The before/after view of an audit row: the audit page and the registry's household history share it.

/** A server code's label ("audit.action.login" → 登录), or the code itself when unknown. */
export function codeLabel(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

export const ACTION_COLORS: Record<string, string> = {
  create: 'green',
  reset_password: 'gold',
  change_password: 'gold',
  lock: 'red',
  update: 'blue',
  delete: 'red',
  disable: 'volcano',
  enable: 'cyan',
  login: 'geekblue',
  logout: 'default',
  import_create: 'green',
  import_update: 'blue',
  unmask_id: 'purple',
  export_unmasked: 'purple',
};

function Json({ value, testId }: { value: unknown; testId: string }) {
  const { t } = useI18n();
  if (value === null || value === undefined) {
    return (
      <pre className="fp-json" data-testid={testId}>
        <Typography.Text type="secondary">{t('audit.nullValue')}</Typography.Text>
      </pre>
    );
  }
  return (
    <pre className="fp-json" data-testid={testId}>
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

/** Keys whose value differs between before and after, to highlight what changed. */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return Array.from(new Set([...Object.keys(b), ...Object.keys(a)])).filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
}

export function RowDetail({ row }: { row: AuditRow }) {
  const { t } = useI18n();
  const changed = changedKeys(row.before, row.after);
  return (
    <div data-testid="audit-row-detail">
      {changed.length > 0 && (
        <Space wrap size={[4, 4]} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('audit.changed')}</Typography.Text>
          {changed.map((k) => (
            <Tag key={k} color="blue">
              {k}
            </Tag>
          ))}
        </Space>
      )}
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.before')}</Typography.Text>
          <Json value={row.before} testId="audit-before" />
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text strong>{t('audit.after')}</Typography.Text>
          <Json value={row.after} testId="audit-after" />
        </Col>
      </Row>
    </div>
  );
}
