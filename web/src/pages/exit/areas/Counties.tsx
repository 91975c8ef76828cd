import { Button, Card, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { errorMessage, isApiError } from '../../../api/client';
import { areaExitApi, type CountyExitItem } from '../../../api/exit';
import { useMe } from '../../../auth/AuthContext';
import { RegionPath } from '../../../components/cadres/RegionPath';
import { RegionNotFound } from '../../../components/RegionNotFound';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState, ErrorState } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { usePhone } from '../../../lib/usePhone';
import { useCurrentRegion, useRegionLink } from '../../../lib/useRegion';
import { useToast } from '../../../lib/useToast';
import { AREA_STATUSES, AreaFilters, type AreaStatus, AreaStatusTag, Incidence, passes, statusOf, useAreaFilters } from './shared';

const exitedIn = (c: CountyExitItem) => (c.exitState === 'announced' ? c.exitFor : null);

/**
 * 贫困县退出: the provincial poverty counties of the region (the candidates) with their incidence against the threshold
 * and where each stands; a county under the threshold applies for exit here (city pre-check, province verification).
 */
export default function ExitCounties() {
  const { t, lang } = useI18n();
  const me = useMe();
  const link = useRegionLink();
  const { code: region } = useCurrentRegion();
  const { state, q } = useAreaFilters();
  const list = useAsync(() => areaExitApi.counties(region), [region, lang]);
  const [applying, setApplying] = useState<CountyExitItem | null>(null);
  if (list.error && isApiError(list.error) && (list.error.status === 404 || list.error.status === 400) && region !== me.scope.code) {
    return <RegionNotFound code={region} />;
  }
  const data = list.data;
  const needle = q.toLowerCase();
  const found = (data?.items ?? []).filter((c) => !needle || c.name.toLowerCase().includes(needle));
  const rows = found.filter((c) => passes(state, c, exitedIn(c)));
  const counts = Object.fromEntries([
    ['all', found.length],
    ...AREA_STATUSES.map((s) => [s, found.filter((c) => passes(s, c, exitedIn(c))).length]),
  ]) as Record<AreaStatus | 'all', number>;
  // The county's own operator applies (the procedure opens at county level); the server has the last word.
  const mayApply = (c: CountyExitItem) =>
    me.permissions.includes('data.write') && me.scope.code === c.code && statusOf(c, exitedIn(c)) === 'meets';
  const name = (c: CountyExitItem) =>
    c.exitId ? (
      <Link to={link(`/exit/counties/${c.exitId}`)} data-testid="exa-county-link" data-code={c.code}>
        {c.name}
      </Link>
    ) : (
      <span>{c.name}</span>
    );
  const apply = (c: CountyExitItem) =>
    mayApply(c) ? (
      <Button size="small" type="primary" ghost onClick={() => setApplying(c)} data-testid="exa-apply">
        {t('exa.k.apply')}
      </Button>
    ) : null;

  return (
    <Card
      data-testid="exa-counties-page"
      title={
        <Space size={8} wrap>
          <span>{t('exa.k.title')}</span>
          <RegionPath region={region} />
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('exa.k.caption', { threshold: data?.threshold ?? '—' })}
      </Typography.Paragraph>
      <AreaFilters counts={counts} searchLabel={t('exa.k.search')} prefix="exa-counties" />
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : (
        <ResponsiveTable<CountyExitItem>
          rowKey="code"
          size="middle"
          loading={list.loading}
          dataSource={rows}
          pagination={false}
          data-testid="exa-counties"
          locale={{ emptyText: list.loading ? ' ' : <EmptyState description={t('exa.k.empty')} /> }}
          card={(c) => (
            <div data-testid="exa-county-card" data-code={c.code}>
              <div className="fp-pcard-top">
                <span className="fp-pcard-name">{name(c)}</span>
                <AreaStatusTag r={c} exitedIn={exitedIn(c)} />
              </div>
              <div className="fp-pcard-top">
                <Incidence value={c.incidence} threshold={data?.threshold ?? 0} poor={c.poorPersons} population={c.ruralPopulation} />
                {apply(c)}
              </div>
            </div>
          )}
          columns={[
            { title: t('exa.c.county'), key: 'name', render: (_, c) => name(c) },
            {
              title: t('exa.c.incidence'),
              key: 'incidence',
              width: 200,
              sorter: (a, b) => a.incidence - b.incidence,
              render: (_, c) => (
                <Incidence value={c.incidence} threshold={data?.threshold ?? 0} poor={c.poorPersons} population={c.ruralPopulation} />
              ),
            },
            { title: t('exa.c.status'), key: 'status', width: 220, render: (_, c) => <AreaStatusTag r={c} exitedIn={exitedIn(c)} /> },
            {
              title: t('exa.c.announcedOn'),
              dataIndex: 'announcedOn',
              width: 120,
              responsive: ['md'],
              render: (v: string | null) => v ?? '—',
            },
            { title: '', key: 'act', width: 120, render: (_, c) => apply(c) },
          ]}
        />
      )}
      {applying && <ApplyModal county={applying} onClose={() => setApplying(null)} />}
    </Card>
  );
}

function ApplyModal({ county, onClose }: { county: CountyExitItem; onClose: () => void }) {
  const { t } = useI18n();
  const message = useToast();
  const phone = usePhone();
  const navigate = useNavigate();
  const link = useRegionLink();
  const [form] = Form.useForm<{ year: number; note?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { year: number; note?: string }) => {
    setBusy(true);
    try {
      const r = await areaExitApi.proposeCounty({ countyCode: county.code, year: v.year, note: v.note || undefined });
      message.success(t('exa.k.applied', { name: county.name }));
      onClose();
      void navigate(link(`/exit/counties/${r.id}`));
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('exa.k.applyTitle', { name: county.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('exa.k.apply')}
      okButtonProps={{ loading: busy }}
      width={phone ? '100%' : 480}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ year: new Date().getFullYear() }} onFinish={submit}>
        <Form.Item name="year" label={t('exa.c.year')} rules={[{ required: true }]}>
          <InputNumber min={2000} max={2100} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="note" label={t('exa.note')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
