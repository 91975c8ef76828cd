import { Card, Col, Result, Row, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { party } from '../../api/party';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { SECTIONS } from './sections';

/** 一村一档: everything Fupin knows about one village on one screen, section by section, with links into each record. */
export default function VillageProfile() {
  const { t, lang } = useI18n();
  const { code = '' } = useParams();
  const profile = useAsync(() => party.villageProfile(code), [code, lang]);
  if (profile.error) {
    if (isApiError(profile.error) && (profile.error.status === 404 || profile.error.status === 400))
      return <Result status="404" title={t('vil.notFound')} data-testid="village-profile-not-found" />;
    return <ErrorState error={profile.error} onRetry={profile.reload} />;
  }
  const p = profile.data;
  if (!p) return <PageLoading />;
  const village = { code: p.code, name: p.name };
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="village-profile">
      <Card>
        <Space wrap size={8} align="baseline">
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="village-profile-name">
            {p.name}
          </Typography.Title>
          <Typography.Text type="secondary">
            {p.countyName} / {p.townshipName} · {p.code}
          </Typography.Text>
          <Tag color={p.sections.poorVillage ? 'orange' : 'default'}>
            {t(p.sections.poorVillage ? 'vil.poorVillage' : 'vil.notPoorVillage')}
          </Tag>
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {SECTIONS.map((s) => (
          <Col key={s.id} xs={24} lg={s.wide ? 24 : 12}>
            <Card title={t(s.title)} size="small" data-testid={`village-section-${s.id}`} style={{ height: '100%' }}>
              {p.sections[s.id] === undefined ? (
                <EmptyState description={s.id === 'party' ? t('vil.noParty') : undefined} />
              ) : (
                s.render({ data: p.sections[s.id], village })
              )}
            </Card>
          </Col>
        ))}
      </Row>
    </Space>
  );
}
