import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Statistic, Tag, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { isApiError } from '../api/client';
import { regions } from '../api/endpoints';
import type { RegionLevel, RegionSummary } from '../api/types';
import { RegionNotFound } from '../components/RegionNotFound';
import { EmptyState, ErrorState, PageLoading } from '../components/States';
import { type MessageKey, useI18n } from '../i18n';
import { useAsync } from '../lib/useAsync';
import { useCurrentRegion } from '../lib/useRegion';

// echarts is loaded only when the chart is shown, in its own chunk.
const ChildChart = lazy(() => import('../charts/ChildChart'));

type CountKey = keyof RegionSummary['counts'];
const LEVELS: { key: CountKey; level: RegionLevel; icon: ReactNode; color: string }[] = [
  { key: 'city', level: 2, icon: <BankOutlined />, color: '#c8102e' },
  { key: 'county', level: 3, icon: <ApartmentOutlined />, color: '#d46b08' },
  { key: 'township', level: 4, icon: <EnvironmentOutlined />, color: '#1677ff' },
  { key: 'village', level: 5, icon: <HomeOutlined />, color: '#389e0d' },
];

export default function Home() {
  const { t, lang } = useI18n();
  const { code, setCode } = useCurrentRegion();
  const summary = useAsync(() => regions.summary(code), [code, lang]);

  if (summary.error) {
    if (isApiError(summary.error) && (summary.error.status === 404 || summary.error.status === 400)) {
      return <RegionNotFound code={code} />;
    }
    return <ErrorState error={summary.error} onRetry={summary.reload} />;
  }
  const s = summary.data;
  if (!s) return <PageLoading rows={8} />;

  const region = s.region;
  const shown = LEVELS.filter((l) => l.level > region.level);
  const span = shown.length ? Math.max(6, 24 / shown.length) : 24;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="home">
      <Card>
        <Typography.Title level={3} className="fp-page-title" data-testid="home-title">
          {t('home.title')}
          <span style={{ fontWeight: 400 }}> · </span>
          <span data-testid="home-region-name">{region.name}</span>
        </Typography.Title>
        <Space wrap size={[8, 8]}>
          <Tag>{region.levelLabel}</Tag>
          <Tag>{region.code}</Tag>
          {region.isPovertyCounty && <Tag color="red">{t('home.isPovertyCounty')}</Tag>}
          <Typography.Text type="secondary">{t('home.scopePath')}</Typography.Text>
          <span data-testid="home-region-path">
            {region.path.map((p, i) => (
              <span key={p.code}>
                {i > 0 && <Typography.Text type="secondary"> / </Typography.Text>}
                {p.code === region.code ? (
                  <Typography.Text strong>{p.name}</Typography.Text>
                ) : (
                  <Typography.Link onClick={() => setCode(p.code)}>{p.name}</Typography.Link>
                )}
              </span>
            ))}
          </span>
        </Space>
      </Card>

      {shown.length > 0 ? (
        <Row gutter={[16, 16]}>
          {shown.map((l) => (
            <Col key={l.key} xs={24} sm={12} lg={span}>
              <Card data-testid={`summary-card-${l.key}`}>
                <Statistic
                  title={t(`home.count.${l.key}` as MessageKey)}
                  value={s.counts[l.key]}
                  prefix={<span style={{ color: l.color, marginInlineEnd: 4 }}>{l.icon}</span>}
                  suffix={t(`home.unit.${l.key}` as MessageKey)}
                />
              </Card>
            </Col>
          ))}
        </Row>
      ) : (
        <Card>
          <EmptyState description={t('home.lowestLevel')} />
        </Card>
      )}

      {region.level <= 3 && (
        <Card
          title={t('home.povertyCounties')}
          extra={<Typography.Text type="secondary">{t('home.povertyCountiesCount', { count: s.povertyCounties.length })}</Typography.Text>}
          data-testid="poverty-counties"
        >
          {s.povertyCounties.length ? (
            <Space wrap size={[8, 8]}>
              {s.povertyCounties.map((c) => (
                <Tag
                  key={c.code}
                  color="red"
                  style={{ cursor: 'pointer', fontSize: 14, padding: '2px 10px' }}
                  onClick={() => setCode(c.code)}
                >
                  {c.name}
                </Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">{t('home.noPovertyCounties')}</Typography.Text>
          )}
        </Card>
      )}

      {region.level <= 3 && (
        <Card title={t('home.childChart')} data-testid="child-chart">
          <Suspense fallback={<PageLoading rows={4} />}>
            <ChildChart region={region} onPick={setCode} />
          </Suspense>
        </Card>
      )}
    </Space>
  );
}
