import { Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { ComparisonHit } from '../../api/exitMonitoring';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useRegionLink } from '../../lib/useRegion';
import { DecideModal } from './DecideModal';

const STATE_COLOR: Record<string, string> = { open: 'orange', confirmed: 'red', dismissed: 'default' };
const recordText = (r: Record<string, string>) =>
  Object.entries(r)
    .map(([k, v]) => `${k}：${v}`)
    .join('；');

export function HitState({ h }: { h: Pick<ComparisonHit, 'state' | 'action'> }) {
  const { t } = useI18n();
  return (
    <Space size={4} wrap>
      <Tag color={STATE_COLOR[h.state]} data-testid="cmp-hit-state" data-state={h.state} style={{ marginInlineEnd: 0 }}>
        {t(`cmp.hitState.${h.state}` as MessageKey)}
      </Tag>
      {h.action && <Tag>{t(`cmp.action.${h.action}` as MessageKey)}</Tag>}
    </Space>
  );
}

/** Hits as a table (cards on a phone): the department's record beside the registered person; open ones can be decided. */
export function HitsTable({
  rows,
  loading,
  canDecide,
  onDecided,
}: {
  rows: ComparisonHit[];
  loading: boolean;
  canDecide: boolean;
  onDecided: () => void;
}) {
  const { t } = useI18n();
  const link = useRegionLink();
  const [deciding, setDeciding] = useState<{ hit: ComparisonHit; decision: 'confirm' | 'dismiss' } | null>(null);
  const actions = (h: ComparisonHit) =>
    canDecide && h.state === 'open' ? (
      <Space size={4}>
        <Button size="small" type="primary" onClick={() => setDeciding({ hit: h, decision: 'confirm' })} data-testid="cmp-confirm">
          {t('cmp.confirm')}
        </Button>
        <Button size="small" onClick={() => setDeciding({ hit: h, decision: 'dismiss' })} data-testid="cmp-dismiss">
          {t('cmp.dismiss')}
        </Button>
      </Space>
    ) : (
      <HitState h={h} />
    );
  return (
    <>
      <ResponsiveTable<ComparisonHit>
        card={(h) => (
          <div data-testid="cmp-hit-card" data-id={h.id}>
            <div className="fp-pcard-top">
              <Link to={link(`/comparison/hits/${h.id}`)} className="fp-pcard-name">
                {h.person.name}
              </Link>
              <Tag>{h.departmentLabel}</Tag>
            </div>
            <Typography.Text type="secondary" className="fp-pcard-line">
              {h.household.no} · {h.village.township} · {h.village.name}
            </Typography.Text>
            <Typography.Text type="secondary" className="fp-pcard-line" ellipsis>
              {recordText(h.record)}
            </Typography.Text>
            <div style={{ marginTop: 6 }}>{actions(h)}</div>
          </div>
        )}
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="cmp-hits"
        locale={{ emptyText: loading ? ' ' : <EmptyState description={t('cmp.empty')} /> }}
        columns={[
          {
            title: t('cmp.c.person'),
            key: 'person',
            width: 200,
            fixed: 'left',
            render: (_, h) => (
              <Space orientation="vertical" size={0}>
                <Link to={link(`/comparison/hits/${h.id}`)} data-testid="cmp-hit-link">
                  {h.person.name}
                </Link>
                <Typography.Text type="secondary">
                  {h.person.idMasked} {h.person.relation ? `· ${h.person.relation}` : ''}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('cmp.c.household'),
            key: 'household',
            width: 200,
            render: (_, h) => (
              <Space orientation="vertical" size={0}>
                <span>
                  {h.household.no} · {h.household.statusLabel}
                </span>
                <Typography.Text type="secondary">
                  {h.village.township} · {h.village.name}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('cmp.c.department'), dataIndex: 'departmentLabel', width: 160 },
          { title: t('cmp.c.record'), key: 'record', ellipsis: true, render: (_, h) => recordText(h.record) },
          { title: t('cmp.c.state'), key: 'state', width: 170, render: (_, h) => actions(h) },
        ]}
      />
      <DecideModal
        hit={deciding?.hit ?? null}
        decision={deciding?.decision ?? 'confirm'}
        onClose={() => setDeciding(null)}
        onDone={onDecided}
      />
    </>
  );
}
