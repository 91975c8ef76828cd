import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useParams } from 'react-router-dom';
import { type DecisionStep, partyDecisions } from '../../../api/partyDecisions';
import { useMe } from '../../../auth/AuthContext';
import { ErrorState, PageLoading } from '../../../components/States';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useRegionLink } from '../../../lib/useRegion';
import { QrCard } from './QrCard';
import { StepForm } from './StepForm';
import { stateColor } from './state';

/** 事项详情: the matter, the steps taken with attendance and votes, the next step's form, the history, the village's QR code. */
export default function DecisionDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const me = useMe();
  const link = useRegionLink();
  const detail = useAsync(() => partyDecisions.get(id), [id, lang]);
  const d = detail.data;

  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.id) !== id) return <PageLoading rows={8} />;

  const n = (v: number | null) => (v === null ? '—' : v);
  const columns: ColumnsType<DecisionStep> = [
    {
      key: 'step',
      title: t('pd.s.step'),
      render: (_, s) => (
        <Space size={4} wrap>
          {s.label}
          {s.joint && <Tag>{t('pd.s.joint')}</Tag>}
        </Space>
      ),
    },
    { key: 'date', title: t('pd.s.date'), dataIndex: 'heldOn' },
    { key: 'att', title: t('pd.s.attendance'), render: (_, s) => (s.present === null ? '—' : `${s.present} / ${s.total}`) },
    {
      key: 'votes',
      title: t('pd.s.votes'),
      render: (_, s) => (s.votesFor === null ? '—' : `${n(s.votesFor)} / ${n(s.votesAgainst)} / ${n(s.votesAbstain)}`),
    },
    { key: 'township', title: t('pd.s.township'), render: (_, s) => s.townshipAttendee ?? '—', responsive: ['md'] },
    {
      key: 'outcome',
      title: t('pd.s.outcome'),
      render: (_, s) => (
        <Tag color={s.outcome === 'rejected' ? 'red' : 'green'} data-outcome={s.outcome}>
          {t(`pd.outcome.${s.outcome}`)}
        </Tag>
      ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="decision-detail" data-state={d.state}>
      <Card
        title={
          <Space size={10} wrap>
            <span data-testid="decision-title">{d.title}</span>
            <Tag color={stateColor(d.state)} data-testid="decision-state" data-state={d.state}>
              {d.stateLabel}
            </Tag>
            {d.overdue && <Tag color="red">{t('pd.overdue')}</Tag>}
          </Space>
        }
        extra={
          <Link to={link('/party/decisions')}>
            <Button icon={<ArrowLeftOutlined />}>{t('pd.d.back')}</Button>
          </Link>
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'village', label: t('pd.c.village'), children: d.village.name },
            {
              key: 'org',
              label: t('pd.c.org'),
              children: (
                <Space size={4} wrap>
                  {d.orgName}
                  {d.oneShoulder && <Tag color="gold">{t('pd.oneShoulder')}</Tag>}
                </Space>
              ),
            },
            { key: 'category', label: t('pd.c.category'), children: d.categoryLabel },
            { key: 'amount', label: t('pd.c.amount'), children: d.amount === null ? '—' : d.amount.toLocaleString(lang) },
            { key: 'source', label: t('pd.c.source'), children: d.sourceLabel },
            { key: 'proposed', label: t('pd.c.proposedOn'), children: d.proposedOn },
            {
              key: 'content',
              label: t('pd.c.content'),
              span: 'filled',
              children: <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{d.content}</Typography.Text>,
            },
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('pd.d.steps')} data-testid="decision-steps">
            <Table<DecisionStep>
              rowKey="step"
              size="small"
              columns={columns}
              dataSource={d.steps}
              pagination={false}
              scroll={{ x: true }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={d.next.length ? `${t('pd.d.next')}：${d.next.map((s) => s.label).join(' / ')}` : t('pd.d.next')}
            extra={d.dueDate && !d.closed ? <Typography.Text type="secondary">{t('pd.c.due', { date: d.dueDate })}</Typography.Text> : null}
            data-testid="decision-next"
          >
            <StepForm d={d} onDone={detail.reload} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('pd.d.history')} data-testid="decision-history">
            <Timeline
              items={d.history.map((h) => ({
                key: h.seq,
                children: (
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>{lang === 'en' ? h.actionLabel.en : h.actionLabel.zh}</Typography.Text>
                    <Typography.Text type="secondary">
                      {h.effectiveDate} · {h.actor}
                      {h.note ? ` · ${h.note}` : ''}
                      {h.reason ? ` · ${h.reason}` : ''}
                    </Typography.Text>
                  </Space>
                ),
              }))}
            />
          </Card>
        </Col>
        {me.scope.code.length <= 9 && (
          <Col xs={24} xl={10}>
            <QrCard village={d.village.code} />
          </Col>
        )}
      </Row>
    </Space>
  );
}
