import { Card, Col, Row, Statistic, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { yuan } from '../../../api/party-funds';
import { useI18n } from '../../../i18n';

/** What party/funds/profile-section.ts loads for the village page (一村一档). */
export interface FundsSectionData {
  year: number;
  standardFen: { operation: number; partyBuilding: number };
  paidFen: { operation: number; partyBuilding: number; other: number };
  payments: number;
  percent: number | null;
  incomeFen: number | null;
  incomeSources: string | null;
  hollow: boolean;
  latePay: number;
  reserveCadres: number;
  commitments: { total: number; fulfilled: number; percent: number | null };
  links: { funds: string; income: string; pay: string; reserve: string; commitments: string };
}

/** The village page's funds section: this year's paid vs standard, collective income, late pay, reserve cadres, commitments. */
export default function VillageSection({ data }: { data: FundsSectionData }) {
  const { t, lang } = useI18n();
  return (
    <Card size="small" title={t('pf.sec.title', { year: data.year })} data-testid="village-funds-section">
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} lg={4}>
          <Link to={data.links.funds}>
            <Statistic title={t('pf.sec.paid')} value={data.percent ?? '—'} suffix={data.percent === null ? '' : '%'} />
          </Link>
        </Col>
        <Col xs={12} md={8} lg={5}>
          <Link to={data.links.income}>
            <Statistic
              title={t('pf.sec.income')}
              value={data.incomeFen === null ? t('pf.sec.none') : yuan(data.incomeFen, lang)}
              suffix={data.hollow ? <Tag color="red">{t('pf.sec.hollow')}</Tag> : null}
            />
          </Link>
        </Col>
        <Col xs={12} md={8} lg={5}>
          <Link to={`${data.links.pay}&late=1`}>
            <Statistic title={t('pf.sec.late')} value={data.latePay} valueStyle={data.latePay ? { color: '#cf1322' } : undefined} />
          </Link>
        </Col>
        <Col xs={12} md={8} lg={5}>
          <Link to={data.links.reserve}>
            <Statistic title={t('pf.sec.reserve')} value={data.reserveCadres} />
          </Link>
        </Col>
        <Col xs={12} md={8} lg={5}>
          <Link to={data.links.commitments}>
            <Statistic
              title={t('pf.sec.commitments')}
              value={data.commitments.percent ?? '—'}
              suffix={data.commitments.percent === null ? '' : `% (${data.commitments.fulfilled}/${data.commitments.total})`}
            />
          </Link>
        </Col>
      </Row>
    </Card>
  );
}
