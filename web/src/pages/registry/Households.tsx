import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { regions } from '../../api/endpoints';
import { registry } from '../../api/registry';
import { useAuth, useMe } from '../../auth/AuthContext';
import { RegionNotFound } from '../../components/RegionNotFound';
import { CoverageCards } from '../../components/registry/CoverageCards';
import { HouseholdBrowser } from '../../components/registry/HouseholdBrowser';
import { ErrorState } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useCurrentRegion, useRegionLink } from '../../lib/useRegion';

/** 贫困户: coverage of the current region (?region=) on top, then the filterable list. */
export default function Households() {
  const { t, lang } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const coverage = useAsync(() => registry.coverage(region), [region]);
  const place = useAsync(() => regions.get(region), [region, lang]);

  if (
    coverage.error &&
    isApiError(coverage.error) &&
    (coverage.error.status === 404 || coverage.error.status === 400) &&
    region !== me.scope.code
  ) {
    return <RegionNotFound code={region} />;
  }

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="households-page">
      <Card
        title={
          <Space size={8}>
            <span data-testid="households-title">{t('reg.h.title')}</span>
            {place.data && (
              <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                · {place.data.path.map((p) => p.name).join(' / ')}
              </Typography.Text>
            )}
          </Space>
        }
        extra={
          can('data.write') && (
            <Space>
              <Link to={link('/registry/import')}>
                <Button icon={<ImportOutlined />}>{t('reg.import.title')}</Button>
              </Link>
              <Link to={link('/registry/households/new')}>
                <Button type="primary" icon={<PlusOutlined />} data-testid="household-create">
                  {t('reg.h.create')}
                </Button>
              </Link>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('reg.cov.caption')}
        </Typography.Paragraph>
        {coverage.error ? (
          <ErrorState error={coverage.error} onRetry={coverage.reload} />
        ) : (
          <CoverageCards coverage={coverage.data} loading={coverage.loading} />
        )}
      </Card>
      <Card>
        <HouseholdBrowser region={region} />
      </Card>
    </Space>
  );
}
