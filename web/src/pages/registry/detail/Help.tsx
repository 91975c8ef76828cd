import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { HouseholdDetail as Detail } from '../../../api/registry';
import { ResponsiveTable } from '../../../components/ResponsiveTable';
import { EmptyState } from '../../../components/States';
import { type MessageKey, useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { useRegionLink } from '../../../lib/useRegion';

const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing'] as const;

export function Guarantees({ h }: { h: Detail }) {
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
export function HelpSummary({ h }: { h: Detail }) {
  const { t } = useI18n();
  const link = useRegionLink();
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
            <span data-testid="help-current-helper">
              <Link to={link(`/registry/helpers/${current.helperId}`)}>{current.name}</Link>
              {current.workUnit && (
                <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                  {current.workUnit}
                </Typography.Text>
              )}
              {current.phoneMasked && <span style={{ marginInlineStart: 8, whiteSpace: 'nowrap' }}>{current.phoneMasked}</span>}
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

export function Help({ h }: { h: Detail }) {
  const { t, lang } = useI18n();
  const link = useRegionLink();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={5}>{t('reg.d.helpers')}</Typography.Title>
        <ResponsiveTable
          rowKey="id"
          size="small"
          dataSource={h.helpers}
          pagination={false}
          data-testid="helpers-table"
          locale={{ emptyText: <EmptyState description={t('reg.d.noHelpers')} /> }}
          columns={[
            {
              title: t('reg.d.helperName'),
              dataIndex: 'name',
              render: (v: string, p) => (
                <Link to={link(`/registry/helpers/${p.helperId}`)} data-testid="helper-person">
                  {v}
                </Link>
              ),
            },
            { title: t('hlp.unit'), dataIndex: 'workUnit', render: (v: string | null) => v ?? '—' },
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
        <ResponsiveTable
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
