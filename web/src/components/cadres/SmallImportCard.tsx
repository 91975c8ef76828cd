// A small import (village points, another app's check-ins): choose a file, preview its counts and per-row problems,
// commit when there is none. The server writes all or nothing, so a failed commit changed nothing.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { type MessageKey, useI18n } from '../../i18n';

export interface SmallImportResult {
  rows: number;
  counts: Record<string, number>;
  rowsWithProblems: number;
  problems: { row: number; message: string }[];
  /** What the commit does row by row (an import that updates records on file says what changes), when it says so. */
  rowOutcomes?: { row: number; outcome: string; text: string }[];
  committed: boolean;
}

export interface SmallImportCardProps {
  title: string;
  caption: string;
  testId: string;
  run: (file: File, commit: boolean) => Promise<SmallImportResult>;
  onCommitted?: () => void;
}

export function SmallImportCard({ title, caption, testId, run, onCommitted }: SmallImportCardProps) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<SmallImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function go(f: File, commit: boolean) {
    setBusy(true);
    setError(null);
    try {
      const r = await run(f, commit);
      setResult(r);
      if (r.committed) onCommitted?.();
    } catch (e) {
      setResult(null);
      setError(isApiError(e) ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const counts = result ? Object.entries(result.counts).filter(([, n]) => n > 0) : [];
  return (
    <Card size="small" title={title} data-testid={testId}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {caption}
      </Typography.Paragraph>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv"
        style={{ display: 'none' }}
        data-testid={`${testId}-file`}
        onChange={(e) => {
          const f = e.target.files?.[0] ?? null;
          e.target.value = '';
          setFile(f);
          setResult(null);
          if (f) void go(f, false);
        }}
      />
      <Space wrap>
        <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} loading={busy && !result}>
          {t('imp.choose')}
        </Button>
        {file && (
          <Typography.Text ellipsis style={{ maxWidth: 200 }}>
            {file.name}
          </Typography.Text>
        )}
        {file && result && !result.committed && result.rowsWithProblems === 0 && (
          <Button type="primary" loading={busy} onClick={() => go(file, true)} data-testid={`${testId}-commit`}>
            {t('imp.commit')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon style={{ marginTop: 12 }} message={error} />}
      {result && (
        <div style={{ marginTop: 12 }} data-testid={`${testId}-result`} data-committed={String(result.committed)}>
          <Space wrap size={[4, 4]}>
            <Tag>{t('imp.rows', { rows: result.rows })}</Tag>
            {counts.map(([k, n]) => (
              <Tag key={k} color={k === 'rejected' ? 'red' : k === 'new' ? 'blue' : k === 'updated' ? 'gold' : undefined}>
                {t(`imp.outcome.${k}` as MessageKey)} {n}
              </Tag>
            ))}
          </Space>
          {result.rowOutcomes && result.rowOutcomes.length > 0 && (
            <List
              size="small"
              style={{ maxHeight: 240, overflow: 'auto', marginTop: 8 }}
              dataSource={result.rowOutcomes.slice(0, 200)}
              renderItem={(r) => (
                <List.Item data-testid={`${testId}-row`} data-outcome={r.outcome}>
                  <Typography.Text strong>{t('imp.row', { row: r.row })}</Typography.Text>&nbsp;
                  <Tag color={r.outcome === 'new' ? 'blue' : r.outcome === 'updated' ? 'gold' : undefined}>
                    {t(`imp.outcome.${r.outcome}` as MessageKey)}
                  </Tag>
                  {r.text}
                </List.Item>
              )}
            />
          )}
          {result.committed && (
            <Alert type="success" showIcon style={{ marginTop: 8 }} message={t('imp.committed')} data-testid={`${testId}-done`} />
          )}
          {result.problems.length > 0 && (
            <>
              <Alert type="warning" showIcon style={{ marginTop: 8 }} message={t('imp.problems', { count: result.rowsWithProblems })} />
              <List
                size="small"
                style={{ maxHeight: 240, overflow: 'auto' }}
                dataSource={result.problems.slice(0, 200)}
                renderItem={(p) => (
                  <List.Item data-testid={`${testId}-problem`}>
                    <Typography.Text strong>{t('imp.row', { row: p.row })}</Typography.Text>&nbsp;{p.message}
                  </List.Item>
                )}
              />
            </>
          )}
        </div>
      )}
    </Card>
  );
}
