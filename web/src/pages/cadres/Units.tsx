import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { useState } from 'react';
import { type CadreUnit, cadres } from '../../api/cadres';
import { isApiError } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthContext';
import { RegionPath } from '../../components/cadres/RegionPath';
import { UnitModal } from '../../components/cadres/UnitModal';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useCurrentRegion } from '../../lib/useRegion';

/** 派出单位: the units of the regions above the region (?region=) and inside it, and a form to add one. */
export default function Units() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const { code: region } = useCurrentRegion();
  const units = useAsync(() => cadres.units(region), [region, lang]);
  const [adding, setAdding] = useState(false);

  if (units.error && isApiError(units.error) && (units.error.status === 404 || units.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  return (
    <Card
      data-testid="units-page"
      title={
        <Space size={8} wrap>
          <span>{t('cad.u.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
      extra={
        can('data.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="unit-add">
            {t('cad.u.add')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('cad.u.caption')}
      </Typography.Paragraph>
      {units.error ? (
        <ErrorState error={units.error} onRetry={units.reload} />
      ) : (
        <ResponsiveTable<CadreUnit>
          rowKey="id"
          size="middle"
          loading={units.loading}
          dataSource={units.data ?? []}
          pagination={false}
          data-testid="units-table"
          locale={{ emptyText: units.loading ? ' ' : <EmptyState description={t('cad.u.empty')} /> }}
          columns={[
            { title: t('cad.u.name'), dataIndex: 'name', render: (v: string) => <span data-testid="unit-row-name">{v}</span> },
            { title: t('cad.u.level'), dataIndex: 'level', width: 120, render: (v: string) => t(`proc.level.${v}` as MessageKey) },
            { title: t('cad.u.region'), dataIndex: 'regionName', width: 200 },
          ]}
        />
      )}
      <UnitModal
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={() => {
          setAdding(false);
          units.reload();
        }}
      />
    </Card>
  );
}
