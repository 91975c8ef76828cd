import { Alert, Button, Card, Col, Modal, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessage, isApiError } from '../../api/client';
import { command } from '../../api/command';
import { points, type VillagePoint } from '../../api/points';
import { useAuth, useMe } from '../../auth/AuthContext';
import { PointsMap } from '../../components/cadres/PointsMap';
import { RegionPath } from '../../components/cadres/RegionPath';
import { SmallImportCard } from '../../components/cadres/SmallImportCard';
import { RegionNotFound } from '../../components/RegionNotFound';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { ErrorState } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { usePhone } from '../../lib/usePhone';
import { useCurrentRegion } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';

const SOURCE_COLOUR: Record<string, string> = { imported: 'blue', edited: 'green', approximate: 'orange' };

/**
 * 村点位: the villages of a county with their reference points on the county's map. A county user selects a village
 * (in the list or on the map), clicks the map, confirms, and the point is saved (WGS-84, source "placed on the map").
 * Below, the uploads of a points file and of another app's check-ins, each with preview and commit.
 */
export default function Points() {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useAuth();
  const phone = usePhone();
  const toast = useToast();
  const { code: region } = useCurrentRegion();
  const countyOrBelow = region.length >= 6;
  const mayEdit = can('data.write') && me.scope.code.length <= 6;
  const list = useAsync(() => (countyOrBelow ? points.all(region) : Promise.resolve([] as VillagePoint[])), [region]);
  const geo = useAsync(() => command.geo(), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [pending, setPending] = useState<{ lon: number; lat: number } | null>(null);
  const [saving, setSaving] = useState(false);

  const villages = list.data ?? [];
  const byCode = useMemo(() => new Map(villages.map((v) => [v.villageCode, v])), [villages]);
  const chosen = selected ? byCode.get(selected) : undefined;
  const withPoint = villages.filter((v) => v.point).length;

  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }

  async function save() {
    if (!chosen || !pending) return;
    setSaving(true);
    try {
      await points.save(chosen.villageCode, pending.lon, pending.lat);
      toast.success(t('pt.saved', { name: chosen.villageName }));
      setPending(null);
      list.reload();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  }

  const sourceTag = (v: VillagePoint) =>
    v.point ? (
      <Tag color={SOURCE_COLOUR[v.point.source]} data-testid="point-source" data-source={v.point.source}>
        {t(`pt.source.${v.point.source}` as MessageKey)}
      </Tag>
    ) : (
      <Typography.Text type="secondary" data-testid="point-none">
        {t('pt.none')}
      </Typography.Text>
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="points-page">
      <Card
        title={
          <Space size={8} wrap>
            <span>{t('pt.title')}</span>
            <RegionPath region={region} />
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {t('pt.caption')}
        </Typography.Paragraph>
        {!countyOrBelow ? (
          <Alert type="info" showIcon message={t('pt.chooseCounty')} />
        ) : list.error ? (
          <ErrorState error={list.error} onRetry={list.reload} />
        ) : (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={14}>
              {mayEdit && (
                <Alert
                  style={{ marginBottom: 8 }}
                  type={chosen ? 'success' : 'info'}
                  showIcon
                  data-testid="point-hint"
                  message={chosen ? t('pt.selected', { name: chosen.villageName }) : t('pt.pickVillage')}
                />
              )}
              {geo.data && (
                <PointsMap
                  geo={geo.data}
                  prefix={region.slice(0, 6)}
                  villages={villages}
                  selected={selected}
                  pending={pending}
                  height={phone ? 320 : 440}
                  onPointClick={(code) => {
                    setSelected(code);
                    setPending(null);
                  }}
                  onMapClick={(lon, lat) => {
                    if (!mayEdit) return;
                    if (!chosen) {
                      toast.info(t('pt.pickVillage'));
                      return;
                    }
                    setPending({ lon, lat });
                  }}
                />
              )}
            </Col>
            <Col xs={24} lg={10}>
              <Typography.Text type="secondary" data-testid="points-count">
                {t('pt.count', { total: villages.length, with: withPoint })}
              </Typography.Text>
              <ResponsiveTable<VillagePoint>
                rowKey="villageCode"
                size="small"
                loading={list.loading}
                dataSource={villages}
                pagination={{ pageSize: phone ? 8 : 12, showSizeChanger: false, size: 'small' }}
                data-testid="points-table"
                onRow={(v) => ({
                  onClick: () => {
                    setSelected(v.villageCode);
                    setPending(null);
                  },
                  style: { cursor: 'pointer', background: v.villageCode === selected ? '#e6f4ff' : undefined },
                  'data-testid': 'point-row',
                  'data-code': v.villageCode,
                })}
                columns={[
                  {
                    title: t('pt.village'),
                    dataIndex: 'villageName',
                    render: (name: string, v) => (
                      <span data-testid="point-village" data-code={v.villageCode} data-selected={String(v.villageCode === selected)}>
                        {name}
                      </span>
                    ),
                  },
                  { title: t('pt.township'), dataIndex: 'townshipName', responsive: ['md'] },
                  { title: t('pt.source'), key: 'source', render: (_: unknown, v) => sourceTag(v) },
                  {
                    title: t('pt.point'),
                    key: 'point',
                    render: (_: unknown, v) =>
                      v.point ? (
                        <span data-testid="point-coords">
                          {v.point.lon.toFixed(5)}, {v.point.lat.toFixed(5)}
                          {v.point.givenCrs === 'gcj02' && <Typography.Text type="secondary"> ({t('pt.gcj')})</Typography.Text>}
                        </span>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            </Col>
          </Row>
        )}
      </Card>
      {mayEdit && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <SmallImportCard
              title={t('pt.import.title')}
              caption={t('pt.import.caption')}
              testId="points-import"
              run={(file, commit) => points.importPoints(file, commit, region)}
              onCommitted={list.reload}
            />
          </Col>
          <Col xs={24} lg={12}>
            <SmallImportCard
              title={t('ci.import.title')}
              caption={t('ci.import.caption')}
              testId="checkins-import"
              run={(file, commit) => points.importCheckins(file, commit, region)}
            />
          </Col>
        </Row>
      )}
      <Modal
        open={Boolean(pending && chosen)}
        title={chosen ? t('pt.confirmTitle', { name: chosen.villageName }) : ''}
        onCancel={() => setPending(null)}
        footer={
          <Space>
            <Button onClick={() => setPending(null)}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={save} data-testid="point-save">
              {t('pt.confirm')}
            </Button>
          </Space>
        }
      >
        {pending && (
          <span data-testid="point-pending">{t('pt.confirmBody', { lon: pending.lon.toFixed(6), lat: pending.lat.toFixed(6) })}</span>
        )}
      </Modal>
    </Space>
  );
}
