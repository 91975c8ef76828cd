import { ArrowLeftOutlined, CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Button, Card, Checkbox, Col, Descriptions, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { areaExitApi } from '../../../api/exit';
import { ProcedurePanel } from '../../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useRegionLink } from '../../../lib/useRegion';
import { AREA_COLOR } from './shared';

const TONE = { return: 'danger', withdraw: 'danger', check: 'primary', publish: 'primary', announce: 'primary' } as const;

export function Mark({ ok }: { ok: boolean | null }) {
  const { t } = useI18n();
  if (ok === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return ok ? (
    <Typography.Text type="success">
      <CheckCircleFilled /> {t('exa.checklist.met')}
    </Typography.Text>
  ) : (
    <Typography.Text type="danger">
      <CloseCircleFilled /> {t('exa.checklist.notMet')}
    </Typography.Text>
  );
}

/** The notice and announcement dates of an area's exit. */
export function noticeItems(
  d: { noticeFrom: string | null; noticeUntil: string | null; announcedOn: string | null },
  t: ReturnType<typeof useI18n>['t'],
) {
  return [
    { key: 'n', label: t('exa.c.notice'), children: d.noticeFrom ? `${d.noticeFrom} ~ ${d.noticeUntil}` : '—' },
    { key: 'a', label: t('exa.c.announcedOn'), children: d.announcedOn ?? '—' },
  ];
}

/**
 * A village's exit: the figures as proposed, the checklist the township filled and the county verifies (ticked here
 * before the county's check step), the notice, and the procedure (steps by role and level, dated history).
 */
export default function VillageExitDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const link = useRegionLink();
  const detail = useAsync(() => areaExitApi.village(id), [id]);
  const d = detail.data;
  const [verified, setVerified] = useState<string[]>([]);
  useEffect(() => setVerified(d ? d.verified.filter((c) => c.ok).map((c) => c.code) : []), [d]);
  const onStep = useStepSender(
    ({ reasonCode: _none, ...b }) =>
      areaExitApi.villageStep(id, {
        ...b,
        ...(b.action === 'check' ? { verified: Object.fromEntries(verified.map((c) => [c, true])) } : {}),
      }),
    d?.case.version,
    detail.reload,
  );
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.id) !== id) return <PageLoading rows={8} />;
  const today = dayjs().format('YYYY-MM-DD');
  const dateStep = { date: { label: t('exa.date'), max: today, initial: today } };
  const checking = d.case.steps.some((s) => s.action === 'check' && s.allowed);
  const wasChecked = d.case.history.some((h) => h.action === 'check');

  return (
    <Row gutter={[16, 16]} data-testid="exa-village-detail">
      <Col xs={24} xl={14}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card
            title={
              <Space wrap>
                <span data-testid="exa-detail-title">
                  {d.village.name} · {t('exa.yearOf', { year: d.year })}
                </span>
                <Tag color={AREA_COLOR[d.case.state]}>{lang === 'en' ? d.case.stateLabel.en : d.case.stateLabel.zh}</Tag>
              </Space>
            }
            extra={
              <Link to={link('/exit/villages')}>
                <Button icon={<ArrowLeftOutlined />}>{t('exa.back')}</Button>
              </Link>
            }
          >
            <Descriptions
              size="small"
              bordered
              column={{ xs: 1, sm: 2 }}
              items={[
                { key: 'y', label: t('exa.c.year'), children: d.year },
                { key: 'i', label: t('exa.c.incidenceProposed'), children: `${d.incidence.toFixed(2)}%` },
                { key: 'p', label: t('exa.c.poor'), children: d.poorPersons.toLocaleString() },
                { key: 'r', label: t('exa.c.population'), children: d.ruralPopulation.toLocaleString() },
                ...noticeItems(d, t),
              ]}
            />
          </Card>
          <Card title={t('exa.checklist')} data-testid="exa-checklist">
            <Typography.Paragraph type="secondary">
              {t(checking ? 'exa.checklist.verifyHint' : 'exa.checklist.caption')}
            </Typography.Paragraph>
            <Table
              rowKey="code"
              size="small"
              pagination={false}
              dataSource={d.checklist.map((c) => ({ ...c, verified: d.verified.find((v) => v.code === c.code)?.ok ?? false }))}
              columns={[
                { title: t('exa.checklist.item'), dataIndex: 'label' },
                { title: t('exa.checklist.township'), key: 'town', width: 110, render: (_, c) => <Mark ok={c.ok} /> },
                {
                  title: t('exa.checklist.county'),
                  key: 'county',
                  width: 110,
                  render: (_, c) =>
                    checking ? (
                      <Checkbox
                        checked={verified.includes(c.code)}
                        onChange={(e) => setVerified((v) => (e.target.checked ? [...v, c.code] : v.filter((x) => x !== c.code)))}
                        data-testid={`exa-verify-${c.code}`}
                      >
                        {t('exa.checklist.met')}
                      </Checkbox>
                    ) : (
                      <Mark ok={wasChecked ? c.verified : null} />
                    ),
                },
              ]}
            />
          </Card>
        </Space>
      </Col>
      <Col xs={24} xl={10}>
        <ProcedurePanel
          case={d.case}
          onStep={onStep}
          stateColor={(s) => AREA_COLOR[s] ?? 'blue'}
          tone={TONE}
          fields={{ check: dateStep, publish: dateStep, announce: dateStep }}
        />
      </Col>
    </Row>
  );
}
