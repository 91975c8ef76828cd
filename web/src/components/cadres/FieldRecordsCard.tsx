import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Card, Image, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { type CheckinList, cadres, type FieldRecords } from '../../api/cadres';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { ResponsiveTable } from '../ResponsiveTable';

type Log = FieldRecords['logs'][number];
type Visit = FieldRecords['visits'][number];
type Checkin = CheckinList['items'][number];

const shiftMonth = (m: string, by: number) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo - 1 + by, 1)).toISOString().slice(0, 7);
};
const time = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** What the cadre sent from the phone in a month: work logs with their photos, household visits and check-ins. */
export function FieldRecordsCard({ postingId }: { postingId: number }) {
  const { t, lang } = useI18n();
  const link = useRegionLink();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const records = useAsync(() => cadres.fieldRecords(postingId, month), [postingId, month, lang]);
  const checkins = useAsync(() => cadres.checkins(postingId, month), [postingId, month]);
  const logs = records.data?.logs ?? [];
  const visits = records.data?.visits ?? [];
  const marks = checkins.data?.items ?? [];

  const photo = (l: Log, p: Log['photos'][number]) => {
    const where = p.exifLat !== null && p.exifLon !== null ? `${p.exifLat.toFixed(5)}, ${p.exifLon.toFixed(5)}` : '—';
    const tip =
      p.exifTime || p.exifLat !== null ? t('cad.f.exif', { time: p.exifTime ? time(p.exifTime) : '—', where }) : t('cad.f.noExif');
    return (
      <Tooltip key={p.seq} title={tip}>
        <Image src={p.url} width={72} height={72} style={{ objectFit: 'cover', borderRadius: 6 }} alt={`${l.logDate} #${p.seq}`} />
      </Tooltip>
    );
  };

  return (
    <Card
      title={t('cad.f.title')}
      data-testid="posting-field-records"
      extra={
        <Space size={4}>
          <Button size="small" icon={<LeftOutlined />} aria-label={t('cad.f.prevMonth')} onClick={() => setMonth(shiftMonth(month, -1))} />
          <Typography.Text strong data-testid="field-month">
            {month}
          </Typography.Text>
          <Button size="small" icon={<RightOutlined />} aria-label={t('cad.f.nextMonth')} onClick={() => setMonth(shiftMonth(month, 1))} />
        </Space>
      }
    >
      <Tabs
        items={[
          {
            key: 'logs',
            label: t('cad.f.logs', { n: logs.length }),
            children: (
              <ResponsiveTable<Log>
                rowKey="id"
                size="small"
                loading={records.loading}
                dataSource={logs}
                pagination={false}
                locale={{ emptyText: t('cad.f.noLogs') }}
                data-testid="posting-logs"
                columns={[
                  { key: 'date', title: t('cad.f.date'), dataIndex: 'logDate', width: 110 },
                  {
                    key: 'text',
                    title: t('cad.f.text'),
                    dataIndex: 'text',
                    render: (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>,
                  },
                  {
                    key: 'photos',
                    title: t('cad.f.photos'),
                    width: 250,
                    render: (_: unknown, l: Log) =>
                      l.photos.length ? (
                        <Image.PreviewGroup>
                          <Space size={6}>{l.photos.map((p) => photo(l, p))}</Space>
                        </Image.PreviewGroup>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'visits',
            label: t('cad.f.visits', { n: visits.length }),
            children: (
              <ResponsiveTable<Visit>
                rowKey="id"
                size="small"
                loading={records.loading}
                dataSource={visits}
                pagination={false}
                locale={{ emptyText: t('cad.f.noVisits') }}
                data-testid="posting-visits"
                columns={[
                  { key: 'date', title: t('cad.f.date'), dataIndex: 'visitDate', width: 110 },
                  {
                    key: 'household',
                    title: t('cad.f.household'),
                    render: (_: unknown, v: Visit) => (
                      <Link to={link(`/registry/households/${v.householdId}`)}>
                        {v.headName ?? '—'} · {v.householdNo}
                      </Link>
                    ),
                  },
                  { key: 'note', title: t('cad.f.note'), dataIndex: 'note' },
                ]}
              />
            ),
          },
          {
            key: 'checkins',
            label: t('cad.f.checkins', { n: marks.length }),
            children: (
              <ResponsiveTable<Checkin>
                rowKey="id"
                size="small"
                loading={checkins.loading}
                dataSource={marks}
                pagination={marks.length > 50 ? { pageSize: 50 } : false}
                locale={{ emptyText: t('cad.f.noCheckins') }}
                data-testid="posting-checkins"
                columns={[
                  { key: 'device', title: t('cad.f.deviceTime'), dataIndex: 'deviceTime', render: (v: string) => time(v) },
                  {
                    key: 'received',
                    title: t('cad.f.receivedAt'),
                    dataIndex: 'receivedAt',
                    render: (v: string) => time(v),
                    responsive: ['md'],
                  },
                  {
                    key: 'pos',
                    title: t('cad.f.position'),
                    render: (_: unknown, c: Checkin) => <span className="fp-mono">{`${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}`}</span>,
                  },
                  { key: 'acc', title: t('cad.f.accuracy'), dataIndex: 'accuracy', render: (v: number) => Math.round(v) },
                  {
                    key: 'flags',
                    title: t('cad.f.flags'),
                    render: (_: unknown, c: Checkin) =>
                      c.flags.length || c.source !== 'app' ? (
                        <Space size={4} wrap>
                          {c.source !== 'app' && <Tag>{c.source}</Tag>}
                          {c.flags.map((f) => (
                            <Tag key={f} color="orange">
                              {f}
                            </Tag>
                          ))}
                        </Space>
                      ) : (
                        '—'
                      ),
                  },
                ]}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
