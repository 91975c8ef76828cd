import { ClockCircleOutlined, FieldTimeOutlined, ProjectOutlined, RightOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router-dom';
import type { Coverage } from '../../api/registry';
import { type MessageKey, useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';
import { usePhone } from '../../lib/usePhone';

interface CardDef {
  key: string;
  /** The households behind the card (the list's filter) and how many there are. */
  list: { filter: Record<string, string>; count: (c: Coverage) => number; label: MessageKey };
  title: MessageKey;
  hint: MessageKey;
  icon: ReactNode;
  color: string;
  value: (c: Coverage) => number | null;
  count?: (c: Coverage) => number;
  pct: boolean;
  bad?: (c: Coverage) => boolean;
}

const CARDS: CardDef[] = [
  {
    key: 'still-poor',
    list: { filter: { status: 'poor,returned' }, count: (c) => c.stillPoor, label: 'reg.cov.open.stillPoor' },
    title: 'reg.cov.stillPoor',
    hint: 'reg.cov.stillPoorHint',
    icon: <TeamOutlined />,
    color: '#c8102e',
    value: (c) => c.stillPoor,
    pct: false,
  },
  {
    key: 'helper',
    list: { filter: { gap: 'no_helper' }, count: (c) => c.stillPoor - c.withHelper, label: 'reg.cov.open.noHelper' },
    title: 'reg.cov.helper',
    hint: 'reg.cov.helperHint',
    icon: <UserOutlined />,
    color: '#1677ff',
    value: (c) => c.pctHelper,
    count: (c) => c.withHelper,
    pct: true,
  },
  {
    key: 'project',
    list: { filter: { gap: 'no_project' }, count: (c) => c.stillPoor - c.withProject, label: 'reg.cov.open.noProject' },
    title: 'reg.cov.project',
    hint: 'reg.cov.projectHint',
    icon: <ProjectOutlined />,
    color: '#389e0d',
    value: (c) => c.pctProject,
    count: (c) => c.withProject,
    pct: true,
  },
  {
    key: 'deadline',
    list: { filter: { gap: 'no_deadline' }, count: (c) => c.stillPoor - c.withDeadline, label: 'reg.cov.open.noDeadline' },
    title: 'reg.cov.deadline',
    hint: 'reg.cov.deadlineHint',
    icon: <FieldTimeOutlined />,
    color: '#d46b08',
    value: (c) => c.pctDeadline,
    count: (c) => c.withDeadline,
    pct: true,
  },
  {
    key: 'passed',
    list: { filter: { gap: 'deadline_passed' }, count: (c) => c.deadlinePassed, label: 'reg.cov.open.passed' },
    title: 'reg.cov.passed',
    hint: 'reg.cov.passedHint',
    icon: <ClockCircleOutlined />,
    color: '#cf1322',
    value: (c) => c.deadlinePassed,
    pct: false,
    bad: (c) => c.deadlinePassed > 0,
  },
];

const FILTERS = ['status', 'cause', 'category', 'gap', 'plannedExit', 'incomeBand', 'q'];

/**
 * Coverage of the households still poor: helper, project, deadline (户户有人帮、户有项目、户户有脱贫时限). Each card opens
 * the households behind it in the list below (the same page, its filter in the URL).
 */
export function CoverageCards({ coverage, loading }: { coverage: Coverage | undefined; loading?: boolean }) {
  const { t, lang } = useI18n();
  // Two cards a row on a phone, so the list below is not five screens away.
  const phone = usePhone();
  const [params] = useSearchParams();
  const { pathname } = useLocation();
  const linkTo = (filter: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const k of FILTERS) p.delete(k);
    for (const [k, v] of Object.entries(filter)) p.set(k, v);
    return `${pathname}?${p}`;
  };
  return (
    <Row gutter={phone ? [8, 8] : [16, 16]} data-testid="coverage-cards">
      {CARDS.map((d) => {
        const v = coverage ? d.value(coverage) : null;
        const count = coverage && d.count ? d.count(coverage) : null;
        const bad = !!coverage && !!d.bad?.(coverage);
        return (
          <Col key={d.key} flex={phone ? '1 1 140px' : '1 1 200px'}>
            <Card size="small" data-testid={`coverage-${d.key}`} style={{ height: '100%' }}>
              {loading && !coverage ? (
                <Skeleton active paragraph={{ rows: 1 }} title={false} />
              ) : (
                <Tooltip title={t(d.hint)} placement="bottomLeft">
                  <div>
                    <Statistic
                      title={t(d.title)}
                      value={v ?? '—'}
                      precision={d.pct && v !== null ? 1 : undefined}
                      prefix={<span style={{ color: d.color, marginInlineEnd: 4 }}>{d.icon}</span>}
                      suffix={v === null ? undefined : d.pct ? '%' : t('reg.unit.households')}
                      styles={{ content: { color: bad ? '#cf1322' : undefined } }}
                    />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {count !== null && coverage
                        ? t('reg.cov.ofHouseholds', { count: formatNumber(count, lang), total: formatNumber(coverage.stillPoor, lang) })
                        : t(d.hint)}
                    </Typography.Text>
                    {coverage && (
                      <div>
                        <Link to={linkTo(d.list.filter)} replace data-testid={`coverage-open-${d.key}`} style={{ fontSize: 12 }}>
                          {t(d.list.label, { count: formatNumber(d.list.count(coverage), lang) })}{' '}
                          <RightOutlined style={{ fontSize: 10 }} />
                        </Link>
                      </div>
                    )}
                  </div>
                </Tooltip>
              )}
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
