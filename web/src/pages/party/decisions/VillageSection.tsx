import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DecisionItem } from '../../../api/partyDecisions';
import { useI18n } from '../../../i18n';
import { stateColor } from './state';

/** What GET /api/villages/:code/profile carries for this section (party/decisions/profile-section.ts). */
export interface DecisionsSectionData {
  total: number;
  byState: { state: string; label: string; count: number }[];
  recent: DecisionItem[];
  publicPath: string;
}

/** The village page's 四议一审两公开 section: decisions by step reached, the latest ones, the public page. */
export default function VillageSection({ data }: { data: DecisionsSectionData | null }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t('pd.section.title')}
      data-testid="village-decisions"
      extra={
        data && (
          <a href={data.publicPath} target="_blank" rel="noopener">
            {t('pd.d.public')}
          </a>
        )
      }
    >
      {!data ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('pd.section.empty')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space size={4} wrap>
            <Typography.Text>{t('pd.section.total', { n: data.total })}</Typography.Text>
            {data.byState.map((s) => (
              <Tag key={s.state} color={stateColor(s.state)}>
                {s.label} {s.count}
              </Tag>
            ))}
          </Space>
          <List
            size="small"
            dataSource={data.recent}
            renderItem={(d) => (
              <List.Item extra={<Tag color={stateColor(d.state)}>{d.stateLabel}</Tag>}>
                <Link to={`/party/decisions/${d.id}`}>{d.title}</Link>
                <Typography.Text type="secondary"> · {d.proposedOn}</Typography.Text>
              </List.Item>
            )}
          />
        </Space>
      )}
    </Card>
  );
}
