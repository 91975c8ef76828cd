import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { isApiError } from '../../../api/client';
import { LEDGER_STATES, type LedgerItem, type LedgerState, partyLedger } from '../../../api/partyLedger';
import { useMe } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { LoadMore } from '../../../components/LoadMore';
import { RegionNotFound } from '../../../components/RegionNotFound';
import { ErrorState } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { useKeysetList } from '../../../lib/useKeysetList';
import { useCurrentRegion } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';
import { LedgerTable } from './LedgerTable';
import { NewCaseModal } from './NewCaseModal';
import '../../../components/cadres/cadres.css';

const PAGE = 50;

/** 软弱涣散整顿台账: the region's cases (?state=, ?year=, ?overdue=1), identification and the spreadsheet. */
export default function Ledger() {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const { code: region } = useCurrentRegion();
  const [params, setParams] = useSearchParams();
  const state = (params.get('state') ?? undefined) as LedgerState | undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const overdue = params.get('overdue') === '1';
  const [creating, setCreating] = useState(false);
  const set = (k: string, v: string | undefined) =>
    setParams(
      (p) => {
        if (v) p.set(k, v);
        else p.delete(k);
        return p;
      },
      { replace: true },
    );
  const list = useKeysetList<LedgerItem>(
    (cursor, signal) => partyLedger.list({ region, state, year, overdue: overdue ? '1' : undefined, cursor, limit: PAGE }, signal),
    [region, state, year, overdue, lang],
  );
  const canWrite = me.permissions.includes('data.write') && me.scope.code.length <= 9;

  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  const exportFile = async () => {
    try {
      await partyLedger.export({ region, year, format: 'xlsx' });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card
      data-testid="ledger-page"
      title={
        <Space size={8} wrap>
          <span data-testid="ledger-title">{t('pl.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} onClick={exportFile} data-testid="ledger-export">
            {t('pl.export')}
          </Button>
          {canWrite && (
            <Link to="/party/import" data-testid="ledger-import">
              <Button icon={<UploadOutlined />}>{t('pl.import')}</Button>
            </Link>
          )}
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="ledger-new">
              {t('pl.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('pl.caption')}
      </Typography.Paragraph>
      <div className="fp-cad-filters">
        <Select
          value={state ?? 'all'}
          onChange={(v) => set('state', v === 'all' ? undefined : v)}
          options={[
            { value: 'all', label: t('pl.state.all') },
            ...LEDGER_STATES.map((s) => ({ value: s, label: t(`pl.state.${s}` as MessageKey) })),
          ]}
          popupMatchSelectWidth={false}
          data-testid="filter-ledger-state"
        />
        <InputNumber
          min={2000}
          max={2100}
          value={year ?? null}
          placeholder={t('pl.allYears')}
          onChange={(v) => set('year', v ? String(v) : undefined)}
          style={{ width: 120 }}
          data-testid="filter-ledger-year"
        />
        <Checkbox
          checked={overdue}
          onChange={(e) => set('overdue', e.target.checked ? '1' : undefined)}
          data-testid="filter-ledger-overdue"
        >
          {t('pl.overdueOnly')}
        </Checkbox>
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <LedgerTable rows={list.rows} loading={list.loading} />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="ledger-load-more"
              countTestId="ledger-count"
            />
          </div>
        </>
      )}
      <NewCaseModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
