import { ClockCircleOutlined, FieldTimeOutlined, ProjectOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Card, Col, Row, Skeleton, Statistic, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import type { Coverage } from '../../api/registry';
import { type MessageKey, useI18n } from '../../i18n';
import { formatNumber } from '../../lib/format';

interface CardDef {
  key: string;
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
    title: 'reg.cov.stillPoor',
    hint: 'reg.cov.stillPoorHint',
    icon: <TeamOutlined />,
    color: '#c8102e',
    value: (c) => c.stillPoor,
    pct: false,
  },
  {
    key: 'helper',
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
    title: 'reg.cov.passed',
    hint: 'reg.cov.passedHint',
    icon: <ClockCircleOutlined />,
    color: '#cf1322',
    value: (c) => c.deadlinePassed,
    pct: false,
    bad: (c) => c.deadlinePassed > 0,
  },
];

/** Coverage of the households still poor: helper, project, deadline (户户有人帮、户有项目、户户有脱贫时限). */
export function CoverageCards({ coverage, loading }: { coverage: Coverage | undefined; loading?: boolean }) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[16, 16]} data-testid="coverage-cards">
      {CARDS.map((d) => {
        const v = coverage ? d.value(coverage) : null;
        const count = coverage && d.count ? d.count(coverage) : null;
        const bad = !!coverage && !!d.bad?.(coverage);
        return (
          <Col key={d.key} flex="1 1 200px">
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
