import { Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { AuditChange, AuditRow } from '../api/types';
import { hasMessage, type Lang, type Translate, useI18n } from '../i18n';
import { formatDateTime } from '../lib/format';

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

/** The first columns of every audit table: when, and who (the system when no user). */
export function whenAndWho(t: Translate, lang: Lang): ColumnsType<AuditRow> {
  return [
    { title: t('audit.at'), dataIndex: 'at', width: 190, render: (v: string) => formatDateTime(v, lang) },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 160,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
  ];
}

export function ActionTag({ action }: { action: string }) {
  const { t } = useI18n();
  return (
    <Tag color={ACTION_COLORS[action] ?? 'default'} title={action}>
      {codeLabel(t, 'audit.action', action)}
    </Tag>
  );
}

/** The record a row is about by its own name (a household's number), its id on hover. */
export function RecordName({ row }: { row: AuditRow }) {
  return <WithCode text={row.entityName ?? row.entityId} code={row.entityName ? row.entityId : null} testId="audit-record" />;
}

/** A text with the stored code on hover (a region's code, a code list's id); none shows as （无）. */
export function WithCode({ text, code, testId }: { text: string | null; code?: string | null; testId?: string }) {
  const { t } = useI18n();
  if (text === null || text === '') {
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('audit.nullValue')}
      </Typography.Text>
    );
  }
  if (!code || code === text) return <span data-testid={testId}>{text}</span>;
  return (
    <Tooltip title={code}>
      <span className="fp-coded" data-testid={testId} data-code={code}>
        {text}
      </span>
    </Tooltip>
  );
}

/**
 * The fields a row changed, one line each: label, before, after. A column that is empty throughout (before of a
 * created record, after of a deleted one) is left out.
 */
export function RowDetail({ row }: { row: AuditRow }) {
  const { t } = useI18n();
  const changes = row.changes ?? [];
  if (changes.length === 0) {
    return (
      <Typography.Text type="secondary" data-testid="audit-row-detail">
        {t('audit.noChanges')}
      </Typography.Text>
    );
  }
  const anyBefore = changes.some((c) => c.before !== null);
  const anyAfter = changes.some((c) => c.after !== null);
  const both = anyBefore && anyAfter;
  return (
    <Table<AuditChange>
      data-testid="audit-row-detail"
      className="fp-audit-changes"
      rowKey="path"
      size="small"
      pagination={false}
      dataSource={changes}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'label',
          width: both ? '30%' : '40%',
          render: (v: string, c) => (
            <span data-testid="audit-change-label" data-path={c.path}>
              {v}
            </span>
          ),
        },
        ...(anyBefore
          ? [
              {
                title: both ? t('audit.before') : t('audit.value'),
                key: 'before',
                render: (_: unknown, c: AuditChange) => <WithCode text={c.before} code={c.beforeCode} testId="audit-change-before" />,
              },
            ]
          : []),
        ...(anyAfter
          ? [
              {
                title: both ? t('audit.after') : t('audit.value'),
                key: 'after',
                render: (_: unknown, c: AuditChange) => <WithCode text={c.after} code={c.afterCode} testId="audit-change-after" />,
              },
            ]
          : []),
      ]}
    />
  );
}
