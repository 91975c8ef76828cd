import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { cadres, type PostingDetail as Detail, END_REASONS, type EndReason } from '../../api/cadres';
import { useAuth } from '../../auth/AuthContext';
import { DevicesCard } from '../../components/cadres/DevicesCard';
import { FieldRecordsCard } from '../../components/cadres/FieldRecordsCard';
import { LeaveModal } from '../../components/cadres/LeaveModal';
import { LeaveTable } from '../../components/cadres/LeaveTable';
import { ReviewCard } from '../../components/cadres/ReviewCard';
import { postingColor, StateTag } from '../../components/cadres/tags';
import { ProcedurePanel, type StepFields } from '../../components/procedure/ProcedurePanel';
import { useStepSender } from '../../components/procedure/useStepSender';
import { ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, type Translate, useI18n } from '../../i18n';
import { today } from '../../lib/dates';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import '../../components/cadres/cadres.css';

const TONE = { confirm: 'primary', finish: 'primary', withdraw: 'danger', replace: 'danger' } as const;

/** What the posting's steps ask for beyond a reason: the day in post, the last day, why a cadre was replaced. */
function postingFields(p: Detail, t: Translate): Record<string, StepFields> {
  const end = { label: t('proc.date.end'), initial: today(), min: p.startDate, max: today() };
  return {
    confirm: { date: { label: t('proc.date.confirm'), initial: p.startDate } },
    finish: { date: end },
    rotate: { date: end },
    replace: { date: end, reasonCodes: END_REASONS.map((r) => ({ value: r, label: t(`cad.reason.${r}` as MessageKey) })) },
  };
}

function CadreInfo({ p }: { p: Detail }) {
  const { t } = useI18n();
  const link = useRegionLink();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2 }}
      data-testid="posting-cadre"
      items={[
        { key: 'name', label: t('cad.c.name'), children: p.name },
        { key: 'id', label: t('cad.c.id'), children: <span className="fp-mono">{p.idMasked}</span> },
        { key: 'gender', label: t('cad.d.gender'), children: t(`cad.d.gender.${p.gender}` as MessageKey) },
        { key: 'birth', label: t('cad.d.birthYear'), children: p.birthYear },
        { key: 'phone', label: t('cad.n.phone'), children: p.phoneMasked ? <span className="fp-mono">{p.phoneMasked}</span> : '—' },
        { key: 'party', label: t('cad.d.party'), children: t(p.partyMember ? 'common.yes' : 'common.no') },
        {
          key: 'unit',
          label: t('cad.c.unit'),
          span: 'filled',
          children: `${p.unit.name} · ${t(`proc.level.${p.unit.level}` as MessageKey)}`,
        },
        { key: 'post', label: t('cad.d.postRank'), span: 'filled', children: [p.post, p.rank].filter(Boolean).join(' / ') },
        ...(p.helper
          ? [
              {
                key: 'helper',
                label: t('hlp.title'),
                span: 'filled' as const,
                children: (
                  <Link to={link(`/registry/helpers/${p.helper.id}`)} data-testid="posting-helper">
                    {t('hlp.cadreHelps', { count: p.helper.households })}
                  </Link>
                ),
              },
            ]
          : []),
        ...(p.replacementGrounds.length
          ? [
              {
                key: 'grounds',
                label: t('cad.grounds.title'),
                span: 'filled' as const,
                children: (
                  <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="posting-grounds">
                    {p.replacementGrounds.map((g) => (
                      <li key={g.flagId}>
                        <Link to={link(`/cadres/attendance/${p.id}?month=${g.month}`)}>{g.month}</Link> {g.reason}
                        {g.note ? `（${g.note}）` : ''}
                      </li>
                    ))}
                  </ul>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

function PostingInfo({ p }: { p: Detail }) {
  const { t } = useI18n();
  const link = useRegionLink();
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2 }}
      data-testid="posting-info"
      items={[
        { key: 'village', label: t('cad.c.village'), children: [p.village.township, p.village.name].filter(Boolean).join(' / ') },
        { key: 'role', label: t('cad.c.role'), children: p.roleLabel },
        { key: 'start', label: t('cad.c.start'), children: p.startDate },
        { key: 'planned', label: t('cad.c.plannedEnd'), children: p.plannedEndDate },
        ...(p.endDate ? [{ key: 'end', label: t('cad.d.end'), children: p.endDate }] : []),
        ...(p.endReasonCode
          ? [{ key: 'code', label: t('cad.d.endReasonCode'), children: t(`cad.reason.${p.endReasonCode}` as MessageKey) }]
          : []),
        ...(p.endReason ? [{ key: 'reason', label: t('cad.d.endReason'), span: 'filled' as const, children: p.endReason }] : []),
        ...(p.replacesId
          ? [
              {
                key: 'replaces',
                label: t('cad.d.replaces'),
                children: <Link to={link(`/cadres/postings/${p.replacesId}`)}>{t('cad.d.replacesLink', { id: p.replacesId })}</Link>,
              },
            ]
          : []),
      ]}
    />
  );
}

/** 任职详情: the cadre, the posting, its procedure (state, deadline, steps, history) and the cadre's leave. */
export default function PostingDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const link = useRegionLink();
  const detail = useAsync(() => cadres.posting(id), [id, lang]);
  const [asking, setAsking] = useState(false);
  const p = detail.data;
  const onStep = useStepSender(
    (b) => cadres.postingStep(id, { ...b, reasonCode: b.reasonCode as EndReason | undefined }),
    p?.case.version,
    detail.reload,
  );

  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!p || String(p.id) !== id) return <PageLoading rows={10} />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="posting-detail">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title={
              <Space size={10} wrap>
                <span data-testid="posting-title">{p.name}</span>
                <Typography.Text style={{ fontWeight: 400 }}>{p.roleLabel}</Typography.Text>
                <StateTag kind="posting" state={p.state} label={p.stateLabel} overdue={p.overdue} dueDate={p.dueDate} />
              </Space>
            }
            extra={
              <Link to={link('/cadres/postings')}>
                <Button icon={<ArrowLeftOutlined />}>{t('cad.d.back')}</Button>
              </Link>
            }
          >
            <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
              {[p.village.township, p.village.name].filter(Boolean).join(' / ')}
              <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                {p.village.code}
              </Typography.Text>
            </Typography.Paragraph>
            <Typography.Title level={5}>{t('cad.d.cadre')}</Typography.Title>
            <CadreInfo p={p} />
            <Typography.Title level={5} style={{ marginTop: 20 }}>
              {t('cad.d.posting')}
            </Typography.Title>
            <PostingInfo p={p} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ProcedurePanel case={p.case} onStep={onStep} fields={postingFields(p, t)} stateColor={postingColor} tone={TONE} />
            {p.state !== 'proposed' && p.state !== 'withdrawn' && <ReviewCard posting={p} />}
          </Space>
        </Col>
      </Row>
      <Card
        title={`${t('cad.d.leave')} (${p.leave.length})`}
        data-testid="posting-leave"
        extra={
          can('data.write') &&
          p.state === 'in_post' && (
            <Button icon={<PlusOutlined />} onClick={() => setAsking(true)} data-testid="leave-ask">
              {t('cad.d.askLeave')}
            </Button>
          )
        }
      >
        <LeaveTable rows={p.leave} empty={t('cad.d.leaveEmpty')} testId="posting-leave-table" />
      </Card>
      {p.state !== 'proposed' && p.state !== 'withdrawn' && <FieldRecordsCard postingId={p.id} />}
      {p.state !== 'proposed' && p.state !== 'withdrawn' && <DevicesCard postingId={p.id} />}
      <LeaveModal
        posting={p}
        open={asking}
        onClose={() => setAsking(false)}
        onCreated={() => {
          setAsking(false);
          detail.reload();
        }}
      />
    </Space>
  );
}
