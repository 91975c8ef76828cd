import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, EditOutlined, EyeOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Divider, Popconfirm, Row, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { errorMessage, isApiError } from '../../api/client';
import { type HouseholdDetail as Detail, type Member, registry } from '../../api/registry';
import type { AuditRow } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ACTION_COLORS, codeLabel, RowDetail } from '../../components/AuditDiff';
import { HouseholdNotFound } from '../../components/registry/HouseholdNotFound';
import { StatusTag } from '../../components/registry/StatusTag';
import { EmptyState, ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, type Translate, useI18n } from '../../i18n';
import { formatDateTime, formatNumber } from '../../lib/format';
import { deadlinePassed } from '../../lib/household';
import { useAsync } from '../../lib/useAsync';
import { useCodeLists } from '../../lib/useCodeLists';
import { useRegionLink } from '../../lib/useRegion';

// echarts only with the chart, in its own chunk.
const IncomeChart = lazy(() => import('../../charts/IncomeChart'));

const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing'] as const;

function YesNo({ value }: { value: boolean | null }) {
  const { t } = useI18n();
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return value ? <Tag color="green">{t('common.yes')}</Tag> : <Tag color="red">{t('common.no')}</Tag>;
}

/** A masked ID number with a "reveal" action (permission pii.unmask; audited, so it asks first). */
function IdCell({ member }: { member: Member }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (full) {
    return (
      <Typography.Text copyable code data-testid="member-id-full">
        {full}
      </Typography.Text>
    );
  }
  const reveal = async () => {
    setBusy(true);
    try {
      setFull((await registry.unmask(member.personId)).idNumber);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <Typography.Text style={{ fontFamily: 'monospace' }} data-testid="member-id-masked">
        {member.idMasked ?? '—'}
      </Typography.Text>
      {can('pii.unmask') && member.idMasked && (
        <Popconfirm
          title={t('reg.d.revealTitle')}
          description={t('reg.d.revealConfirm', { name: member.name })}
          okText={t('reg.d.reveal')}
          cancelText={t('common.cancel')}
          onConfirm={reveal}
          okButtonProps={{ 'data-testid': 'reveal-ok' }}
        >
          <Button type="link" size="small" icon={<EyeOutlined />} loading={busy} data-testid="member-reveal">
            {t('reg.d.reveal')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

function Members({ h }: { h: Detail }) {
  const { t } = useI18n();
  return (
    <Table<Member>
      rowKey="personId"
      size="small"
      dataSource={h.members}
      pagination={false}
      scroll={{ x: 1440 }}
      data-testid="members-table"
      locale={{ emptyText: <EmptyState description={t('reg.d.noMembers')} /> }}
      columns={[
        {
          title: t('reg.m.name'),
          dataIndex: 'name',
          width: 100,
          fixed: 'left',
          render: (v: string) => (
            <Typography.Text strong data-testid="member-name">
              {v}
            </Typography.Text>
          ),
        },
        {
          title: t('reg.m.relation'),
          dataIndex: 'relationLabel',
          width: 110,
          render: (v: string | null, m) => (m.relation === 'head' ? <Tag color="red">{v ?? m.relation}</Tag> : (v ?? m.relation)),
        },
        { title: t('reg.m.idNumber'), key: 'id', width: 280, render: (_, m) => <IdCell member={m} /> },
        { title: t('reg.m.gender'), dataIndex: 'genderLabel', width: 80 },
        { title: t('reg.m.birthDate'), dataIndex: 'birthDate', width: 110 },
        { title: t('reg.m.ethnicity'), dataIndex: 'ethnicity', width: 80 },
        { title: t('reg.m.education'), dataIndex: 'education', width: 110 },
        { title: t('reg.m.schooling'), dataIndex: 'schooling', width: 100 },
        { title: t('reg.m.health'), dataIndex: 'health', width: 100 },
        { title: t('reg.m.labour'), dataIndex: 'labour', width: 140 },
        { title: t('reg.m.work'), dataIndex: 'work', width: 120 },
        {
          title: t('reg.m.insurance'),
          dataIndex: 'medicalInsurance',
          width: 90,
          align: 'center',
          render: (v: boolean | null) => <YesNo value={v} />,
        },
        { title: t('reg.m.phone'), dataIndex: 'phoneMasked', width: 130, render: (v: string | null) => v ?? '—' },
      ]}
    />
  );
}

function Guarantees({ h }: { h: Detail }) {
  const { t } = useI18n();
  const all = GUARANTEES.every((g) => h.guarantees[g]);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="guarantees">
      <Space wrap size={[8, 8]}>
        {GUARANTEES.map((g) => (
          <Tag
            key={g}
            color={h.guarantees[g] ? 'green' : 'red'}
            icon={h.guarantees[g] ? <CheckOutlined /> : <CloseOutlined />}
            style={{ fontSize: 14, padding: '4px 10px' }}
            data-testid={`guarantee-${g}`}
            data-ok={h.guarantees[g] ? '1' : '0'}
          >
            {t(`reg.g.${g}` as MessageKey)}
          </Tag>
        ))}
      </Space>
      <Typography.Text type={all ? 'success' : 'danger'}>{t(all ? 'reg.g.allMet' : 'reg.g.notAllMet')}</Typography.Text>
    </Space>
  );
}

/** What helps the household now: its current helper and its projects (户户有人帮、户有项目). */
function HelpSummary({ h }: { h: Detail }) {
  const { t } = useI18n();
  const current = h.helpers.find((x) => !x.endDate);
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid="help-summary"
      items={[
        {
          key: 'helper',
          label: t('reg.h.helper'),
          children: current ? (
            <span>
              {current.name}
              {current.startDate && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {t('reg.d.since', { date: current.startDate })}
                </Typography.Text>
              )}
            </span>
          ) : (
            <Typography.Text type="warning">{t('reg.d.noHelpers')}</Typography.Text>
          ),
        },
        {
          key: 'projects',
          label: t('reg.d.projects'),
          children: h.projects.length ? (
            <Space wrap size={[4, 4]}>
              {h.projects.map((p) => (
                <Tag key={String(p.id)} color="blue">
                  {p.typeLabel ?? p.type} · {p.year}
                </Tag>
              ))}
            </Space>
          ) : (
            <Typography.Text type="warning">{t('reg.d.noProjects')}</Typography.Text>
          ),
        },
      ]}
    />
  );
}

function Help({ h }: { h: Detail }) {
  const { t, lang } = useI18n();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5}>{t('reg.d.helpers')}</Typography.Title>
        <Table
          rowKey="id"
          size="small"
          dataSource={h.helpers}
          pagination={false}
          data-testid="helpers-table"
          locale={{ emptyText: <EmptyState description={t('reg.d.noHelpers')} /> }}
          columns={[
            { title: t('reg.d.helperName'), dataIndex: 'name' },
            { title: t('reg.m.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
            { title: t('reg.d.startDate'), dataIndex: 'startDate', render: (v: string | null) => v ?? '—' },
            {
              title: t('reg.d.endDate'),
              dataIndex: 'endDate',
              render: (v: string | null) => v ?? <Tag color="green">{t('reg.d.current')}</Tag>,
            },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t('reg.d.projects')}</Typography.Title>
        <Table
          rowKey="id"
          size="small"
          dataSource={h.projects}
          pagination={false}
          data-testid="projects-table"
          locale={{ emptyText: <EmptyState description={t('reg.d.noProjects')} /> }}
          columns={[
            { title: t('reg.d.projectType'), dataIndex: 'typeLabel', render: (v: string | null, p) => v ?? p.type },
            { title: t('reg.d.projectYear'), dataIndex: 'year', width: 100 },
            {
              title: t('reg.d.projectAmount'),
              dataIndex: 'amount',
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : formatNumber(v, lang)),
            },
            { title: t('reg.d.projectState'), dataIndex: 'stateLabel', render: (v: string | null, p) => <Tag>{v ?? p.state}</Tag> },
          ]}
        />
      </div>
    </Space>
  );
}

function reasonText(t: Translate, reason: string | null): string {
  if (!reason) return '';
  const m = /^import:(\d+)$/.exec(reason);
  if (m) return t('reg.d.reasonImport', { id: m[1] ?? '' });
  if (reason === 'demo') return t('reg.d.reasonDemo');
  return reason;
}

function StatusHistory({ h }: { h: Detail }) {
  const { t } = useI18n();
  const codes = useCodeLists();
  if (!h.statusHistory.length) return <EmptyState description={t('reg.d.noHistory')} />;
  return (
    <Timeline
      data-testid="status-timeline"
      style={{ paddingTop: 8 }}
      items={h.statusHistory.map((s, i) => ({
        key: `${s.changedOn}-${i}`,
        color: s.status === 'exited' ? 'green' : s.status === 'monitored' ? 'orange' : 'red',
        title: s.changedOn,
        content: (
          <Space wrap size={6}>
            {s.previousStatus && (
              <>
                <StatusTag status={s.previousStatus} label={codes.label('household_status', s.previousStatus)} />
                <span>→</span>
              </>
            )}
            <StatusTag status={s.status} label={s.statusLabel} />
            {s.reason && <Typography.Text type="secondary">{reasonText(t, s.reason)}</Typography.Text>}
          </Space>
        ),
      }))}
    />
  );
}

function AuditTrail({ rows }: { rows: AuditRow[] }) {
  const { t, lang } = useI18n();
  return (
    <Table<AuditRow>
      rowKey="id"
      size="small"
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      data-testid="household-audit"
      locale={{ emptyText: <EmptyState description={t('audit.empty')} /> }}
      expandable={{ expandedRowRender: (row) => <RowDetail row={row} /> }}
      columns={[
        { title: t('audit.at'), dataIndex: 'at', width: 190, render: (v: string) => formatDateTime(v, lang) },
        {
          title: t('audit.actor'),
          dataIndex: 'actorName',
          width: 160,
          render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
        },
        {
          title: t('audit.action'),
          dataIndex: 'action',
          render: (v: string) => (
            <Tag color={ACTION_COLORS[v] ?? 'default'} title={v}>
              {codeLabel(t, 'audit.action', v)}
            </Tag>
          ),
        },
      ]}
    />
  );
}

export default function HouseholdDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const link = useRegionLink();
  const detail = useAsync(() => registry.household(id), [id, lang]);

  if (detail.error) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) return <HouseholdNotFound id={id} />;
    return <ErrorState error={detail.error} onRetry={detail.reload} />;
  }
  const h = detail.data;
  if (!h || String(h.id) !== id) return <PageLoading rows={10} />;

  const current = h.helpers.find((x) => !x.endDate);
  const income = h.incomes.find((i) => i.year === h.registerYear) ?? h.incomes.at(-1);
  const passed = deadlinePassed(h, h.registerYear);
  const head = h.members.find((m) => m.relation === 'head');

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="household-detail">
      <Card
        title={
          <Space size={10} wrap>
            <span data-testid="household-no">
              {t('reg.d.title')} {h.householdNo}
            </span>
            <StatusTag status={h.status} label={h.statusLabel} testId="household-status" />
            {head && <Typography.Text style={{ fontWeight: 400 }}>{t('reg.d.headIs', { name: head.name })}</Typography.Text>}
          </Space>
        }
        extra={
          <Space>
            <Link to={link('/registry/households')}>
              <Button icon={<ArrowLeftOutlined />}>{t('reg.d.backToList')}</Button>
            </Link>
            {can('data.write') && (
              <Link to={link(`/registry/households/${encodeURIComponent(String(h.id))}/edit`)}>
                <Button type="primary" icon={<EditOutlined />} data-testid="household-edit">
                  {t('reg.d.edit')}
                </Button>
              </Link>
            )}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary" data-testid="household-path" style={{ marginTop: -4 }}>
          {[h.countyName, h.townshipName, h.villageName].filter(Boolean).join(' / ')}
          <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
            {h.villageCode}
          </Typography.Text>
        </Typography.Paragraph>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2, xl: 3, xxl: 4 }}
          items={[
            { key: 'category', label: t('reg.h.category'), children: h.categoryLabel ?? h.category },
            { key: 'cause', label: t('reg.h.cause'), children: h.causeLabel ?? h.cause },
            { key: 'members', label: t('reg.h.members'), children: h.members.length },
            { key: 'identified', label: t('reg.d.yearIdentified'), children: h.yearIdentified },
            {
              key: 'planned',
              label: t('reg.h.plannedExit'),
              children:
                h.plannedExitYear === null ? (
                  <Typography.Text type="warning">{t('reg.h.noDeadline')}</Typography.Text>
                ) : (
                  <Typography.Text type={passed ? 'danger' : undefined} strong={passed}>
                    {h.plannedExitYear}
                    {passed && ` · ${t('reg.h.deadlinePassed', { year: h.registerYear })}`}
                  </Typography.Text>
                ),
            },
            { key: 'exit', label: t('reg.d.exitYear'), children: h.exitYear ?? '—' },
            {
              key: 'income',
              label: t('reg.d.incomeOf', { year: income?.year ?? h.registerYear }),
              children: income ? (
                <Typography.Text type={income.perCapita < h.povertyLine ? 'danger' : undefined}>
                  {formatNumber(income.perCapita, lang)} {t('reg.unit.yuan')}
                </Typography.Text>
              ) : (
                '—'
              ),
            },
            {
              key: 'helper',
              label: t('reg.h.helper'),
              children: current ? current.name : <Typography.Text type="warning">{t('reg.h.noHelper')}</Typography.Text>,
            },
          ]}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('reg.g.title')} style={{ height: '100%' }}>
            <Guarantees h={h} />
            <Divider style={{ margin: '16px 0 12px' }} />
            <HelpSummary h={h} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('reg.d.incomeHistory')} style={{ height: '100%' }} data-testid="income-card">
            <Suspense fallback={<PageLoading rows={4} />}>
              <IncomeChart incomes={h.incomes} povertyLine={h.povertyLine} registerYear={h.registerYear} />
            </Suspense>
          </Card>
        </Col>
      </Row>

      <Card>
        <Tabs
          data-testid="household-tabs"
          items={[
            { key: 'members', label: `${t('reg.d.members')} (${h.members.length})`, children: <Members h={h} /> },
            {
              key: 'help',
              label: `${t('reg.d.help')} (${h.helpers.length + h.projects.length})`,
              children: <Help h={h} />,
            },
            { key: 'status', label: t('reg.d.statusHistory'), children: <StatusHistory h={h} /> },
            { key: 'audit', label: `${t('reg.d.audit')} (${h.audit.length})`, children: <AuditTrail rows={h.audit} /> },
          ]}
        />
      </Card>
    </Space>
  );
}
