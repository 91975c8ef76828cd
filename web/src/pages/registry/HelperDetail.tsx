import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { type HelperPairing, helpers } from '../../api/helpers';
import { useAuth } from '../../auth/AuthContext';
import { HelperDrawer } from '../../components/helpers/HelperDrawer';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';

/** One helper: who they are (masked), the cadre posting when they are also a resident cadre, their households. */
export default function HelperDetail() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const link = useRegionLink();
  const h = useAsync(() => helpers.get(id), [id]);
  const [editing, setEditing] = useState(false);

  if (h.error) {
    if (isApiError(h.error) && h.error.status === 404)
      return (
        <Card>
          <EmptyState description={t('hlp.notFound')} />
        </Card>
      );
    return <ErrorState error={h.error} onRetry={h.reload} />;
  }
  const d = h.data;
  const household = (p: HelperPairing) => link(`/registry/households/${p.householdId}`);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="helper-detail">
      <Card
        loading={h.loading}
        title={
          <Space size={8} wrap>
            <span data-testid="helper-title">{d?.name}</span>
            {d?.cadrePostingId != null && (
              <Link to={link(`/cadres/postings/${d.cadrePostingId}`)}>
                <Tag color="purple">{t('hlp.cadre')}</Tag>
              </Link>
            )}
          </Space>
        }
        extra={
          can('data.write') &&
          d && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="helper-edit">
              {t('hlp.edit')}
            </Button>
          )
        }
      >
        {d && (
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, md: 3 }}
            items={[
              { key: 'unit', label: t('hlp.unit'), children: d.workUnit ?? '—' },
              { key: 'phone', label: t('hlp.phone'), children: <span data-testid="helper-phone-masked">{d.phoneMasked ?? '—'}</span> },
              { key: 'id', label: t('hlp.idNumber'), children: d.idMasked ?? '—' },
              { key: 'n', label: t('hlp.households'), children: d.households },
            ]}
          />
        )}
      </Card>
      <Card title={t('hlp.pairings')}>
        <ResponsiveTable<HelperPairing>
          rowKey="pairingId"
          size="small"
          loading={h.loading}
          dataSource={d?.pairings ?? []}
          pagination={false}
          data-testid="helper-pairings"
          locale={{ emptyText: h.loading ? ' ' : <EmptyState description={t('hlp.noPairings')} /> }}
          columns={[
            {
              title: t('hlp.householdNo'),
              dataIndex: 'householdNo',
              render: (v: string, p) => (
                <Link to={household(p)} data-testid="helper-household">
                  {v}
                </Link>
              ),
            },
            { title: t('hlp.head'), dataIndex: 'headName', render: (v: string | null) => v ?? '—' },
            { title: t('hlp.village'), dataIndex: 'villageName' },
            { title: t('hlp.start'), dataIndex: 'startDate', width: 120 },
            {
              title: t('hlp.end'),
              dataIndex: 'endDate',
              width: 120,
              render: (v: string | null) => v ?? <Tag color="green">{t('hlp.current')}</Tag>,
            },
          ]}
        />
        {d && d.pairings.length > 0 && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            {d.households} / {d.pairings.length}
          </Typography.Text>
        )}
      </Card>
      {d && (
        <HelperDrawer
          open={editing}
          helper={d}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            h.reload();
          }}
        />
      )}
    </Space>
  );
}
