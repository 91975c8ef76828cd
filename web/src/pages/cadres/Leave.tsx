import { Card, Select, Space, Typography } from 'antd';
import { cadres, LEAVE_STATES, type LeaveItem } from '../../api/cadres';
import { isApiError } from '../../api/client';
import { useMe } from '../../auth/AuthContext';
import { useLeaveState } from '../../components/cadres/cadreFilters';
import { LeaveTable } from '../../components/cadres/LeaveTable';
import { RegionPath } from '../../components/cadres/RegionPath';
import { LoadMore } from '../../components/LoadMore';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useKeysetList } from '../../lib/useKeysetList';
import { useCurrentRegion } from '../../lib/useRegion';
import '../../components/cadres/cadres.css';

const PAGE = 50;

/** 请假审批: the leave requests of the region (?region=), those awaiting approval first (?state=, `all` for every state). */
export default function Leave() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { code: region } = useCurrentRegion();
  const [state, setState] = useLeaveState();
  const list = useKeysetList<LeaveItem>(
    (cursor, signal) => cadres.leaves({ region, state: state === 'all' ? undefined : state, cursor, limit: PAGE }, signal),
    [region, state, lang],
  );

  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  return (
    <Card
      data-testid="leave-page"
      title={
        <Space size={8} wrap>
          <span data-testid="leave-title">{t('cad.l.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('cad.l.caption')}
      </Typography.Paragraph>
      <div className="fp-cad-filters">
        <Select
          value={state}
          onChange={setState}
          options={[
            ...LEAVE_STATES.map((s) => ({ value: s, label: t(`cad.leaveState.${s}` as MessageKey) })),
            { value: 'all' as const, label: t('cad.leaveState.all') },
          ]}
          popupMatchSelectWidth={false}
          data-testid="filter-leave-state"
        />
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <>
          <LeaveTable rows={list.rows} loading={list.loading} showCadre empty={t('cad.l.empty')} />
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            <LoadMore
              count={list.rows.length}
              hasMore={list.hasMore}
              loading={list.loadingMore}
              onMore={list.more}
              testId="leave-load-more"
              countTestId="leave-count"
            />
          </div>
        </>
      )}
    </Card>
  );
}
