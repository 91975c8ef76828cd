import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { errorMessage } from '../../../api/client';
import { type PayItem, partyFunds, yuan } from '../../../api/party-funds';
import { useAuth } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useCurrentRegion } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';
import { PayModal } from './PayModal';
import { useYear, YearSelect } from './YearSelect';

/** 村干部报酬: monthly pay records, late ones first; an alert's link opens the late record (?late=1&id=). */
export default function Pay() {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const toast = useToast();
  const { code: region } = useCurrentRegion();
  const [year] = useYear();
  const [params, setParams] = useSearchParams();
  const late = params.get('late') === '1';
  const focus = Number(params.get('id')) || null;
  const list = useAsync(() => partyFunds.pay({ region, year, late: late ? '1' : undefined }), [region, year, late, lang]);
  const [adding, setAdding] = useState(false);

  const markPaid = (r: PayItem) =>
    partyFunds.setPaid(r.id, dayjs().format('YYYY-MM-DD'), r.version).then(list.reload, (e: unknown) => toast.error(errorMessage(e)));

  return (
    <Card
      data-testid="pay-page"
      title={
        <Space size={8} wrap>
          <span>{t('pf.pay.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        <Space wrap>
          <Switch
            checked={late}
            onChange={(on) =>
              setParams((p) => {
                const n = new URLSearchParams(p);
                if (on) n.set('late', '1');
                else n.delete('late');
                return n;
              })
            }
          />
          <span>{t('pf.pay.lateOnly')}</span>
          <YearSelect />
          {can('data.write') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="pay-add">
              {t('pf.pay.add')}
            </Button>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('pf.pay.caption')}</Typography.Paragraph>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<PayItem>
          rowKey="id"
          size="small"
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          data-testid="pay-table"
          rowClassName={(r) => (r.id === focus ? 'ant-table-row-selected' : '')}
          locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('pf.pay.empty')} /> }}
          columns={[
            { title: t('pf.pay.month'), dataIndex: 'month', width: 90 },
            { title: t('pf.village'), dataIndex: 'villageName' },
            { title: t('pf.pay.name'), dataIndex: 'name' },
            { title: t('pf.pay.post'), dataIndex: 'post' },
            { title: t('pf.pay.due'), dataIndex: 'amountDueFen', render: (v: number) => yuan(v, lang) },
            { title: t('pf.pay.dueOn'), dataIndex: 'dueOn', width: 110 },
            {
              title: t('pf.pay.paidOn'),
              dataIndex: 'paidOn',
              width: 150,
              render: (v: string | null, r) =>
                v ??
                (can('data.write') ? (
                  <Button size="small" onClick={() => markPaid(r)}>
                    {t('pf.pay.markPaid')}
                  </Button>
                ) : (
                  t('pf.pay.unpaid')
                )),
            },
            {
              title: '',
              dataIndex: 'late',
              width: 70,
              render: (v: boolean) => (v ? <Tag color="red">{t('pf.pay.late')}</Tag> : <Tag color="green">{t('pf.pay.onTime')}</Tag>),
            },
          ]}
        />
      )}
      <PayModal
        open={adding}
        village={region.length === 12 ? region : null}
        onClose={() => setAdding(false)}
        onSaved={() => {
          setAdding(false);
          list.reload();
        }}
      />
    </Card>
  );
}
