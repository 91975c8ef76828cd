import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Space, Typography } from 'antd';
import { useRef } from 'react';
import { api } from '../../api/client';
import { SmallImportCard, type SmallImportResult } from '../../components/cadres/SmallImportCard';
import { useI18n } from '../../i18n';
import { useCurrentRegion } from '../../lib/useRegion';

type Kind = 'orgs' | 'members' | 'ledger';
const KINDS: Kind[] = ['orgs', 'members', 'ledger'];
interface Batch {
  id: number;
  status: string;
  summary: {
    rows?: number;
    rowsWithProblems?: number;
    records?: { new: number; updated?: number; unchanged: number; rejected: number };
    error?: string;
  } | null;
}

interface LedgerRow {
  row: number;
  outcome: 'new' | 'update' | 'unchanged' | 'rejected' | null;
  village: { code: string; name: string | null } | null;
  year: number | null;
  changes: { text: string } | null;
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * 党建表格导入: the organisations', members' and rectification ledger's spreadsheets through the register's batch routes —
 * upload, the preview's counts and per-row problems, commit — and the exports of the region (ID numbers masked).
 */
export default function PartyImport() {
  const { t } = useI18n();
  const { code: region } = useCurrentRegion();
  const batches = useRef<Record<Kind, number | null>>({ orgs: null, members: null, ledger: null });

  const run =
    (kind: Kind) =>
    async (file: File, commit: boolean): Promise<SmallImportResult> => {
      const base = `/api/party/imports/${kind}`;
      let batch: Batch;
      if (commit && batches.current[kind]) {
        await api.post(`${base}/${batches.current[kind]}/commit`);
        batch = await api.get<Batch>(`${base}/${batches.current[kind]}`);
      } else {
        const up = await api.upload<{ id: number }>(base, file);
        batches.current[kind] = up.id;
        for (;;) {
          batch = await api.get<Batch>(`${base}/${up.id}`);
          if (batch.status !== 'staging') break;
          await wait(500);
        }
        if (batch.status === 'failed') throw new Error(batch.summary?.error ?? 'failed');
      }
      const problems =
        batch.status === 'previewed'
          ? (await api.get<{ items: { row: number; message: string }[] }>(`${base}/${batch.id}/problems`)).items
          : [];
      // The ledger's preview per row: a new case, an update of the case on file (what changes), unchanged.
      const rowOutcomes =
        kind === 'ledger' && batch.status === 'previewed'
          ? (await api.get<{ items: LedgerRow[] }>(`${base}/${batch.id}/rows`)).items
              .filter((x) => x.outcome && x.outcome !== 'rejected')
              .map((x) => ({
                row: x.row,
                outcome: x.outcome === 'update' ? 'updated' : (x.outcome as string),
                text: [x.village?.name, x.year ? `${x.year}` : null, x.changes?.text].filter(Boolean).join(' · '),
              }))
          : undefined;
      const r = batch.summary?.records ?? { new: 0, unchanged: 0, rejected: 0 };
      return {
        rows: batch.summary?.rows ?? 0,
        counts: { new: r.new, updated: r.updated ?? 0, unchanged: r.unchanged, rejected: r.rejected },
        rowsWithProblems: batch.summary?.rowsWithProblems ?? 0,
        problems,
        rowOutcomes,
        committed: batch.status === 'committed',
      };
    };

  const exportLink = (kind: Kind) =>
    `/api/party/${kind === 'ledger' ? 'rectifications' : kind}/export?region=${encodeURIComponent(region)}`;
  const words = {
    orgs: ['pty.imp.orgs', 'pty.imp.orgsCaption', 'pty.imp.export'],
    members: ['pty.imp.members', 'pty.imp.membersCaption', 'pty.imp.export'],
    ledger: ['pl.imp.title', 'pl.imp.caption', 'pl.imp.export'],
  } as const;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="party-import-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('nav.party.import')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        {KINDS.map((kind) => (
          <Col key={kind} xs={24} lg={12}>
            <SmallImportCard title={t(words[kind][0])} caption={t(words[kind][1])} testId={`party-import-${kind}`} run={run(kind)} />
            <Card size="small" style={{ marginTop: 8 }}>
              <a href={exportLink(kind)} data-testid={`party-export-${kind}`}>
                <Button icon={<DownloadOutlined />}>{t(words[kind][2])}</Button>
              </a>
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
