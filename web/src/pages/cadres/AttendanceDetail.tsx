import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Empty, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { attendance, type DayKind, type AttendanceDetail as Detail, type FlagView } from '../../api/attendance';
import { errorMessage } from '../../api/client';
import { useMe } from '../../auth/AuthContext';
import { ErrorState, PageLoading } from '../../components/States';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { FlagTags, useMonthParam } from './Attendance';
import '../../components/cadres/cadres.css';
import './attendance.css';

/** A time as Beijing time (the days of attendance are Asia/Shanghai days, whatever the browser's zone). */
const beijing = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');

const DAY_COLOR: Record<DayKind, string> = {
  present: '#52c41a',
  official: '#1677ff',
  leave: '#faad14',
  absence: '#cf1322',
  candidate: '#ff7875',
  missing: '#d9d9d9',
  weekend: '#f0f0f0',
  out: '#fafafa',
};

/** The month as a calendar: one cell a day coloured by what it was, a dot for a night in the village. */
function Calendar({ days }: { days: Detail['days'] }) {
  const { t } = useI18n();
  const first = dayjs(days[0]?.day);
  const lead = (first.day() + 6) % 7; // Monday first
  return (
    <div>
      <div className="fp-att-cal" data-testid="attendance-calendar">
        {Array.from({ length: lead }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: empty leading cells
          <span key={`lead-${i}`} />
        ))}
        {days.map((d) => (
          <Tooltip key={d.day} title={`${d.day} ${t(`att.day.${d.kind}` as MessageKey)}${d.night ? ` · ${t('att.day.night')}` : ''}`}>
            <span className="fp-att-day" data-kind={d.kind} style={{ background: DAY_COLOR[d.kind] }}>
              {Number(d.day.slice(8))}
              {d.night && <i className="fp-att-night" />}
            </span>
          </Tooltip>
        ))}
      </div>
      <Space size={[8, 4]} wrap style={{ marginTop: 8 }}>
        {(['present', 'official', 'leave', 'absence', 'candidate', 'missing'] as DayKind[]).map((k) => (
          <span key={k} className="fp-att-legend">
            <i style={{ background: DAY_COLOR[k] }} /> {t(`att.day.${k}` as MessageKey)}
          </span>
        ))}
      </Space>
    </div>
  );
}

/** One flag: reason, evidence, its state, and the buttons of whoever may decide it. */
function FlagCard({ f, canDecide, onDone }: { f: FlagView; canDecide: boolean; onDone: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const send = async (decision: 'confirm' | 'dismiss', outcome?: 'replacement') => {
    setBusy(true);
    try {
      const r = await attendance.decide(f.id, { decision, version: f.version, note: note.trim() || undefined, outcome });
      toast.success(t(`att.flag.done.${r.state}` as MessageKey));
      onDone();
    } catch (e) {
      toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const color = f.state === 'open' ? 'orange' : f.state === 'confirmed' ? 'red' : 'default';
  return (
    <Card size="small" data-testid="flag-card" data-code={f.code} data-state={f.state} style={{ marginBottom: 12 }}>
      <Space size={8} wrap style={{ marginBottom: 6 }}>
        <FlagTags codes={[f.code]} />
        <Tag color={color} data-testid="flag-state">
          {t(`att.flag.state.${f.state}` as MessageKey)}
        </Tag>
        {f.outcome === 'replacement' && (
          <Tag color="volcano" data-testid="flag-outcome">
            {t('att.flag.outcome.replacement')}
          </Tag>
        )}
        <Typography.Text type="secondary">{t(`att.flag.decider.${f.decider}` as MessageKey)}</Typography.Text>
      </Space>
      <Typography.Paragraph style={{ marginBottom: 6 }}>{f.reason}</Typography.Paragraph>
      <Collapse
        size="small"
        items={[
          {
            key: 'e',
            label: t('att.flag.evidence'),
            children: <pre className="fp-att-evidence">{JSON.stringify(f.evidence, null, 1)}</pre>,
          },
        ]}
      />
      {f.state !== 'open' ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('att.flag.decided', {
            who: f.decidedBy ?? '',
            at: dayjs(f.decidedAt).format('YYYY-MM-DD HH:mm'),
            state: t(`att.flag.state.${f.state}` as MessageKey),
          })}
          {f.note ? `：${f.note}` : ''}
        </Typography.Paragraph>
      ) : (
        canDecide && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
            <Input.TextArea
              rows={2}
              maxLength={500}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t('att.flag.note')}
              data-testid="flag-note"
            />
            <Space wrap>
              <Popconfirm title={t('att.flag.confirmTitle')} description={t('att.flag.confirmBody')} onConfirm={() => send('confirm')}>
                <Button danger loading={busy} data-testid="flag-confirm">
                  {t('att.flag.confirm')}
                </Button>
              </Popconfirm>
              {f.decider === 'county' && (
                <Popconfirm
                  title={t('att.flag.replacementTitle')}
                  description={t('att.flag.replacementBody')}
                  onConfirm={() => send('confirm', 'replacement')}
                >
                  <Button loading={busy} data-testid="flag-replacement">
                    {t('att.flag.asReplacement')}
                  </Button>
                </Popconfirm>
              )}
              <Button loading={busy} disabled={!note.trim()} onClick={() => send('dismiss')} data-testid="flag-dismiss">
                {t('att.flag.dismiss')}
              </Button>
            </Space>
          </Space>
        )
      )}
    </Card>
  );
}

/** 月度出勤: a cadre's month — calendar, check-ins judged one by one, flags with evidence and their decision. */
export default function AttendanceDetail() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const me = useMe();
  const link = useRegionLink();
  const [month] = useMonthParam();
  const detail = useAsync(() => attendance.detail(id, month), [id, month, lang]);
  const d = detail.data;
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!d || String(d.postingId) !== id || d.month !== month) return <PageLoading rows={8} />;
  const write = me.permissions.includes('data.write');
  const canDecide = (f: FlagView) => write && me.scope.code.length <= (f.decider === 'county' ? 6 : 9);
  const monthFlags = d.flags.filter((f) => f.code !== 'absence_candidate');
  const absences = d.flags.filter((f) => f.code === 'absence_candidate');
  const fig = d.figures;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="attendance-detail">
      <Card
        title={
          <Space size={8} wrap>
            <Link to={link(`/cadres/attendance?month=${month}`)} aria-label="back">
              <ArrowLeftOutlined />
            </Link>
            <span data-testid="attendance-detail-title">{t('att.d.title', { name: d.name, month })}</span>
            {fig && <Tag color={fig.compliant ? 'green' : 'red'}>{fig.compliant ? t('att.yes') : t('att.no')}</Tag>}
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          {d.townshipName} · {d.villageName} · {d.idMasked} · <Link to={link(`/cadres/postings/${d.postingId}`)}>{t('crumb.posting')}</Link>
        </Typography.Paragraph>
        {!d.hasPoint && <Alert type="warning" showIcon title={t('att.d.noPoint')} style={{ marginBottom: 12 }} />}
        <Typography.Paragraph data-testid="attendance-figures">
          {fig
            ? t('att.d.figures', {
                days: fig.daysInVillage,
                required: fig.requiredDays,
                nights: fig.nights,
                official: fig.officialDays,
                leave: fig.leaveDays,
              })
            : t('att.d.notComputed')}
        </Typography.Paragraph>
        <Calendar days={d.days} />
      </Card>
      <Card title={t('att.d.flags')} data-testid="attendance-flags">
        {monthFlags.length === 0 && absences.length === 0 && <Empty description={t('att.d.noFlags')} />}
        {[...monthFlags, ...absences].map((f) => (
          <FlagCard key={f.id} f={f} canDecide={canDecide(f)} onDone={detail.reload} />
        ))}
      </Card>
      <Card title={t('att.d.checkins')}>
        <Table
          size="small"
          rowKey="id"
          dataSource={d.checkins}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          locale={{ emptyText: t('att.d.noCheckins') }}
          data-testid="attendance-checkins"
          columns={[
            { title: t('att.ck.time'), dataIndex: 'deviceTime', width: 150, render: (v: string) => beijing(v) },
            { title: t('att.ck.received'), dataIndex: 'receivedAt', width: 150, render: (v: string) => beijing(v) },
            {
              title: t('att.ck.distance'),
              dataIndex: 'distanceM',
              width: 110,
              align: 'right',
              render: (v: number | null) => (v === null ? '—' : v >= 1000 ? `${(v / 1000).toFixed(1)} km` : `${v} m`),
            },
            { title: t('att.ck.accuracy'), dataIndex: 'accuracy', width: 80, align: 'right', render: (v: number) => `${v} m` },
            {
              title: '',
              key: 'judged',
              render: (_: unknown, c: Detail['checkins'][number]) => (
                <Space size={4}>
                  <Tag color={c.inVillage ? 'green' : 'default'}>{c.inVillage ? t('att.ck.inVillage') : t('att.ck.outside')}</Tag>
                  {c.source === 'imported' && <Tag>{t('att.ck.imported')}</Tag>}
                </Space>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
