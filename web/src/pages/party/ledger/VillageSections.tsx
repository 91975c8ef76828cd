import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../i18n';
import { LedgerState } from './LedgerTable';
import { AdjustmentTag, RESULT_COLOR } from './Screening';

/** What party/ledger/profile-section.ts `ledgerSection.load` answers. */
export interface LedgerSectionData {
  cases: {
    id: number;
    year: number;
    state: string;
    stateLabel: string;
    overdue: boolean;
    notClosedByYearEnd: boolean;
    causes: string[];
    deadline: string | null;
  }[];
}

/** What party/ledger/profile-section.ts `screeningSection.load` answers. */
export interface ScreeningSectionData {
  last: {
    id: number;
    year: number;
    secretary: string;
    result: string | null;
    resultLabel: string | null;
    opinionLabel: string | null;
    adjustment: string | null;
    adjustmentOverdue: boolean;
    successor: string | null;
  } | null;
}

/** The village page's weak-and-lax section: its rectification cases, open ones first. */
export function LedgerSection({ data }: { data: LedgerSectionData }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('nav.party.ledger')} data-testid="village-ledger-section">
      {data.cases.length === 0 ? (
        <Typography.Text type="secondary">{t('pl.empty')}</Typography.Text>
      ) : (
        <Space orientation="vertical" size={8} style={{ width: '100%' }}>
          {data.cases.map((c) => (
            <Space key={c.id} wrap size={8}>
              <Link to={`/party/ledger/${c.id}`}>{c.year}</Link>
              <LedgerState r={c} />
              <Typography.Text type="secondary">{c.causes.join('、')}</Typography.Text>
            </Space>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** The village page's screening section: the last assessment of its secretary and the adjustment, if any. */
export function ScreeningSection({ data }: { data: ScreeningSectionData }) {
  const { t } = useI18n();
  const s = data.last;
  return (
    <Card size="small" title={t('nav.party.screening')} data-testid="village-screening-section">
      {!s ? (
        <Typography.Text type="secondary">{t('ps.noRounds')}</Typography.Text>
      ) : (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'year', label: t('pl.year'), children: <Link to={`/party/screening/secretary/${s.id}`}>{s.year}</Link> },
            { key: 'sec', label: t('ps.c.secretary'), children: s.secretary },
            {
              key: 'result',
              label: t('ps.c.result'),
              children: s.result ? <Tag color={RESULT_COLOR[s.result]}>{s.resultLabel}</Tag> : t('ps.pending'),
            },
            { key: 'opinion', label: t('ps.c.opinion'), children: s.opinionLabel ?? '—' },
            { key: 'adj', label: t('ps.c.adjustment'), children: <AdjustmentTag s={s} /> },
            ...(s.successor ? [{ key: 'succ', label: t('ps.d.successor'), children: s.successor }] : []),
          ]}
        />
      )}
    </Card>
  );
}
