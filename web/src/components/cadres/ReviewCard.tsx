import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { cadres, type PostingDetail, RATINGS, type Rating, type ReviewInput } from '../../api/cadres';
import { ApiError, errorMessage } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthContext';
import { type MessageKey, useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useToast } from '../../lib/useToast';

type Dialog = 'spot' | 'review' | 'login' | null;
const PERIODS: ReviewInput['period'][] = ['year', 'q1', 'q2', 'q3', 'q4'];

/** A form's server error: on its field when the server names one, else as a message. */
function showError(e: unknown, form: { setFields: (f: { name: string; errors: string[] }[]) => void }, toast: (m: string) => void) {
  const field = e instanceof ApiError ? (e.details as { path?: string }[] | null)?.[0]?.path : undefined;
  if (field) form.setFields([{ name: field, errors: [errorMessage(e)] }]);
  else toast(errorMessage(e));
}

/**
 * 考核评议: the year's unexcused absences and the rating cap they set, spot checks (township and county record them),
 * reviews (the dispatching level writes them; the server refuses others and ratings above the cap, saying why), and a
 * login for the cadre in post (county).
 */
export function ReviewCard({ posting }: { posting: PostingDetail }) {
  const { t } = useI18n();
  const { can } = useAuth();
  const me = useMe();
  const toast = useToast();
  const [year, setYear] = useState(new Date().getFullYear());
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();
  const summary = useAsync(() => cadres.reviews(posting.id, year), [posting.id, year]);
  const scope = me?.scope.code ?? '';
  const writes = can('data.write');
  const s = summary.data;

  const open = (d: Dialog) => {
    form.resetFields();
    setDialog(d);
  };
  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      if (dialog === 'spot') {
        const r = await cadres.spotCheck(posting.id, {
          date: (v.date as Dayjs).format('YYYY-MM-DD'),
          found: v.found,
          note: v.note || undefined,
        });
        toast.success(r.absence ? t('cad.rv.absence') : t('cad.rv.saved'));
      } else if (dialog === 'review') {
        await cadres.review(posting.id, { year, period: v.period, rating: v.rating, comment: v.comment || undefined });
        toast.success(t('cad.rv.saved'));
      } else if (dialog === 'login') {
        await cadres.createLogin(posting.id, { username: v.username, password: v.password });
        toast.success(t('cad.rv.saved'));
      }
      setDialog(null);
      summary.reload();
    } catch (e) {
      showError(e, form, (m) => toast.error(m));
    } finally {
      setBusy(false);
    }
  };

  const ratingLabel = (r: Rating) => t(`cad.rv.rating.${r}` as MessageKey);
  return (
    <Card
      title={t('cad.rv.title')}
      data-testid="posting-reviews"
      extra={
        <InputNumber
          size="small"
          min={2000}
          max={2100}
          value={year}
          onChange={(v) => v && setYear(v)}
          style={{ width: 90 }}
          aria-label="year"
        />
      }
    >
      {s && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={s.absences.length ? 'red' : 'green'} data-testid="review-absences">
              {t('cad.rv.absences', { count: s.absences.length })}
            </Tag>
            <Tag color={s.cap === 'excellent' ? 'default' : 'orange'} data-testid="review-cap">
              {t('cad.rv.cap', { cap: ratingLabel(s.cap) })}
            </Tag>
            <Typography.Text type="secondary">
              {t('cad.rv.reviewer', { unit: s.reviewer.unit, region: s.reviewer.regionName })}
            </Typography.Text>
          </Space>
          <Space wrap>
            {writes && scope.length <= 9 && (
              <Button onClick={() => open('spot')} data-testid="spot-add">
                {t('cad.rv.spotAdd')}
              </Button>
            )}
            {writes && (
              <Button onClick={() => open('review')} data-testid="review-add">
                {t('cad.rv.reviewAdd')}
              </Button>
            )}
            {can('users.manage') && scope.length <= 6 && posting.state === 'in_post' && (
              <Button onClick={() => open('login')} data-testid="login-add">
                {t('cad.rv.login')}
              </Button>
            )}
          </Space>
          <Typography.Text strong>{t('cad.rv.reviews')}</Typography.Text>
          <List
            size="small"
            dataSource={s.reviews.filter((r) => r.year === year)}
            locale={{ emptyText: t('cad.rv.reviewEmpty') }}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Tag>{t(`cad.rv.period.${r.period}` as MessageKey)}</Tag>
                  <Typography.Text strong>{r.ratingLabel}</Typography.Text>
                  <Typography.Text type="secondary">{[r.comment, r.reviewer].filter(Boolean).join(' · ')}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          <Typography.Text strong>{t('cad.rv.spot')}</Typography.Text>
          <List
            size="small"
            dataSource={s.spotChecks}
            locale={{ emptyText: t('cad.rv.spotEmpty') }}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <span>{c.date}</span>
                  <Tag color={c.found ? 'green' : s.absences.some((a) => a.day === c.date) ? 'red' : 'orange'}>
                    {c.found ? t('cad.rv.found') : t('cad.rv.notFound')}
                  </Tag>
                  <Typography.Text type="secondary">{[c.note, c.checker].filter(Boolean).join(' · ')}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Space>
      )}
      <Modal
        open={dialog !== null}
        title={dialog === 'spot' ? t('cad.rv.spotAdd') : dialog === 'review' ? t('cad.rv.reviewAdd') : t('cad.rv.login')}
        onCancel={() => setDialog(null)}
        onOk={() => void submit()}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog === 'spot' && (
            <>
              <Form.Item name="date" label={t('cad.rv.date')} initialValue={dayjs()} rules={[{ required: true }]}>
                <DatePicker
                  style={{ width: '100%' }}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs(posting.startDate), 'day')}
                />
              </Form.Item>
              <Form.Item name="found" label={t('cad.rv.found')} initialValue={true}>
                <Radio.Group
                  options={[
                    { value: true, label: t('cad.rv.found') },
                    { value: false, label: t('cad.rv.notFound') },
                  ]}
                />
              </Form.Item>
              <Form.Item name="note" label={t('cad.rv.note')}>
                <Input.TextArea maxLength={500} rows={2} />
              </Form.Item>
            </>
          )}
          {dialog === 'review' && (
            <>
              {s && s.cap !== 'excellent' && (
                <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('cad.rv.cap', { cap: ratingLabel(s.cap) })} />
              )}
              <Form.Item name="period" label={t('cad.rv.period')} initialValue="year">
                <Select options={PERIODS.map((p) => ({ value: p, label: t(`cad.rv.period.${p}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item name="rating" label={t('cad.rv.rating')} rules={[{ required: true }]}>
                <Select options={RATINGS.map((r) => ({ value: r, label: ratingLabel(r) }))} data-testid="review-rating" />
              </Form.Item>
              <Form.Item name="comment" label={t('cad.rv.comment')}>
                <Input.TextArea maxLength={2000} rows={3} />
              </Form.Item>
            </>
          )}
          {dialog === 'login' && (
            <>
              <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('cad.rv.loginHint')} />
              <Form.Item name="username" label={t('cad.rv.username')} rules={[{ required: true }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="password" label={t('cad.rv.password')} rules={[{ required: true }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </Card>
  );
}
