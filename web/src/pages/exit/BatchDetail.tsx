import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { BATCH_STEPS, type ExitHousehold, exitApi } from '../../api/exit';
import { useMe } from '../../auth/AuthContext';
import { ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { STATE_COLOR } from './Households';

/** Who may take a batch step (the server decides; this only hides buttons a user's level can never use). */
const LEVEL: Record<string, number> = { appraise: 12, verify: 12, agree: 12, publish: 12, announce: 9, close: 6 };

/** A village's exit batch of a year: its households where they stand, and the steps the batch takes together. */
export default function ExitBatchDetail() {
  const { t } = useI18n();
  const me = useMe();
  const message = useToast();
  const link = useRegionLink();
  const { id = '' } = useParams();
  const batch = useAsync(() => exitApi.batch(id), [id]);
  const [busy, setBusy] = useState<string | null>(null);
  const b = batch.data;
  if (batch.error) return <ErrorState error={batch.error} onRetry={batch.reload} />;
  if (!b || String(b.id) !== id) return <PageLoading rows={6} />;
  const canWrite = me.permissions.includes('data.write');

  const run = async (action: string) => {
    setBusy(action);
    try {
      const r = await exitApi.batchStep(id, { action });
      message.success(t('ex.batchDone', { n: r.moved }));
      batch.reload();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const steps = BATCH_STEPS.map(([action, from]) => ({ action, n: b.items.filter((h) => h.state === from).length })).filter(
    (s) => s.n > 0 && canWrite && me.scope.code.length <= (LEVEL[s.action] ?? 0),
  );

  return (
    <Card
      data-testid="exit-batch"
      title={
        <span data-testid="exit-batch-title">
          {b.village.township} · {b.village.name} · {b.year}
        </span>
      }
      extra={
        <Link to={link('/exit/households')}>
          <Button icon={<ArrowLeftOutlined />}>{t('ex.back')}</Button>
        </Link>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {steps.map((s) => (
          <Button
            key={s.action}
            type="primary"
            loading={busy === s.action}
            disabled={busy !== null}
            onClick={() => run(s.action)}
            data-testid={`exit-batch-step-${s.action}`}
          >
            {t('ex.batchStep', { action: t(`ex.action.${s.action}` as MessageKey), n: s.n })}
          </Button>
        ))}
      </Space>
      <Table<ExitHousehold>
        rowKey="id"
        size="small"
        dataSource={b.items}
        pagination={false}
        scroll={{ x: 720 }}
        data-testid="exit-batch-households"
        columns={[
          {
            title: t('ex.c.householdNo'),
            key: 'no',
            render: (_, h) => <Link to={link(`/exit/households/${h.id}`)}>{h.householdNo}</Link>,
          },
          { title: t('ex.c.head'), dataIndex: 'head' },
          { title: t('ex.c.income'), dataIndex: 'incomePerCapita', responsive: ['md'] },
          {
            title: t('ex.c.state'),
            key: 'state',
            render: (_, h) => (
              <Tag color={STATE_COLOR[h.state]} data-testid={`exit-state-${h.householdNo}`}>
                {h.stateLabel}
              </Tag>
            ),
          },
          { title: t('ex.c.notice'), key: 'n', render: (_, h) => (h.noticeFrom ? `${h.noticeFrom} ~ ${h.noticeUntil}` : '—') },
          {
            title: t('ex.c.objections'),
            dataIndex: 'objectionsOpen',
            width: 90,
            render: (n: number) => (n ? <Tag color="red">{n}</Tag> : 0),
          },
        ]}
      />
    </Card>
  );
}
