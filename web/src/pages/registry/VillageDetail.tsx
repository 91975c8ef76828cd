import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { registry } from '../../api/registry';
import { CoverageCards } from '../../components/registry/CoverageCards';
import { HouseholdBrowser } from '../../components/registry/HouseholdBrowser';
import { Incidence } from '../../components/registry/Incidence';
import { ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';

/** One poor village: its figures, coverage and households (the households list with region = the village). */
export default function VillageDetail() {
  const { t, lang } = useI18n();
  const { code = '' } = useParams();
  const link = useRegionLink();
  const village = useAsync(() => registry.village(code), [code, lang]);

  const back = (
    <Link to={link('/registry/villages')}>
      <Button icon={<ArrowLeftOutlined />}>{t('reg.v.backToList')}</Button>
    </Link>
  );
  if (village.error) {
    if (isApiError(village.error) && (village.error.status === 404 || village.error.status === 400)) {
      return (
        <Result
          status="404"
          title={t('reg.v.notFound')}
          subTitle={t('reg.v.notFoundSub', { code })}
          data-testid="village-not-found"
          extra={back}
        />
      );
    }
    return <ErrorState error={village.error} onRetry={village.reload} />;
  }
  const v = village.data;
  if (!v || v.villageCode !== code) return <PageLoading rows={8} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="village-detail">
      <Card
        title={
          <Space size={10} wrap>
            <span data-testid="village-name">{v.villageName}</span>
            {v.exitYear ? (
              <Tag color="green">{t('reg.v.exitedIn', { year: v.exitYear })}</Tag>
            ) : (
              <Tag color="red">{t('reg.v.notExited')}</Tag>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={`/villages/${v.villageCode}`} data-testid="village-profile-link">
              <Button>{t('vil.title')}</Button>
            </Link>
            {back}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {[v.countyName, v.townshipName, v.villageName].join(' / ')}
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {v.villageCode}
          </Typography.Text>
        </Typography.Paragraph>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, lg: 4 }}
          data-testid="village-figures"
          items={[
            { key: 'listed', label: t('reg.v.yearListed'), children: v.yearListed },
            { key: 'planned', label: t('reg.v.plannedExit'), children: v.plannedExitYear ?? '—' },
            { key: 'exit', label: t('reg.v.exitYear'), children: v.exitYear ?? t('reg.v.notExited') },
            { key: 'rural', label: t('reg.v.rural'), children: formatNumber(v.ruralPopulation, lang) },
            { key: 'households', label: t('reg.v.households'), children: formatNumber(v.households, lang) },
            { key: 'poor', label: t('reg.v.poorPersons'), children: formatNumber(v.poorPersons, lang) },
            { key: 'incidence', label: t('reg.v.incidence'), children: <Incidence value={v.incidence} /> },
          ]}
        />
      </Card>
      <Card title={t('reg.cov.title')}>
        <CoverageCards coverage={v.coverage} />
      </Card>
      <Card>
        <HouseholdBrowser region={v.villageCode} showVillage={false} title={t('reg.v.householdsOf', { name: v.villageName })} />
      </Card>
    </Space>
  );
}
