import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { comparison } from '../../api/exitMonitoring';
import { useMe } from '../../auth/AuthContext';
import { ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { DecideModal } from './DecideModal';
import { HitState } from './HitsTable';

/** 比对疑点: the department's record beside the household's members, and the county's decision. */
export default function HitDetail() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const me = useMe();
  const link = useRegionLink();
  const hit = useAsync(() => comparison.hit(id), [id]);
  const [deciding, setDeciding] = useState<'confirm' | 'dismiss' | null>(null);
  const h = hit.data;
  if (hit.error) return <ErrorState error={hit.error} onRetry={hit.reload} />;
  if (!h || String(h.id) !== id) return <PageLoading rows={6} />;
  const county = me.permissions.includes('data.write') && me.scope.code.length <= 6;
  return (
    <Card
      data-testid="cmp-hit-detail"
      title={
        <Space wrap>
          <span>
            {h.person.name} · {h.departmentLabel}
          </span>
          <HitState h={h} />
        </Space>
      }
      extra={
        <Link to={link('/comparison')}>
          <Button icon={<ArrowLeftOutlined />}>{t('cmp.title')}</Button>
        </Link>
      }
    >
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'person', label: t('cmp.c.person'), children: `${h.person.name} ${h.person.idMasked}` },
          {
            key: 'household',
            label: t('cmp.c.household'),
            children: `${h.household.no} · ${h.household.statusLabel} · ${h.village.township} ${h.village.name}`,
          },
          ...Object.entries(h.record).map(([k, v]) => ({ key: `r-${k}`, label: k, children: v })),
          ...(h.reason ? [{ key: 'reason', label: t('cmp.reason'), children: h.reason }] : []),
        ]}
      />
      <Table
        size="small"
        rowKey="personId"
        pagination={false}
        title={() => t('cmp.members')}
        dataSource={h.members}
        style={{ marginTop: 16 }}
        columns={[
          { title: t('cmp.c.person'), dataIndex: 'name' },
          { title: 'ID', dataIndex: 'idMasked' },
          { title: '', dataIndex: 'relation' },
        ]}
      />
      {county && h.state === 'open' && (
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" onClick={() => setDeciding('confirm')} data-testid="cmp-confirm">
            {t('cmp.confirm')}
          </Button>
          <Button onClick={() => setDeciding('dismiss')} data-testid="cmp-dismiss">
            {t('cmp.dismiss')}
          </Button>
        </Space>
      )}
      <DecideModal hit={deciding ? h : null} decision={deciding ?? 'confirm'} onClose={() => setDeciding(null)} onDone={hit.reload} />
    </Card>
  );
}
