import { StopOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { cadres, type PostingDevice } from '../../api/cadres';
import { ApiError, errorMessage } from '../../api/client';
import { useAuth, useMe } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useToast } from '../../lib/useToast';
import { ResponsiveTable } from '../ResponsiveTable';

const time = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 16) : null);

/**
 * 签到设备: the phones (ECDSA keys) registered for this posting — when, by which login, when last used and what they
 * signed — and, for the county's organisation department, revoking one with a reason (decision 0014).
 */
export function DevicesCard({ postingId }: { postingId: number }) {
  const { t, lang } = useI18n();
  const { can } = useAuth();
  const me = useMe();
  const toast = useToast();
  const devices = useAsync(() => cadres.devices(postingId), [postingId, lang]);
  const [target, setTarget] = useState<PostingDevice | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  // The server decides (403 CADRE_DEVICE_LEVEL); the button shows only where it would be allowed.
  const mayRevoke = can('users.manage') && me.scope.code.length <= 6;
  const rows = devices.data?.items ?? [];

  const submit = async () => {
    if (!target) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      await cadres.revokeDevice(postingId, target.id, v.reason);
      toast.success(t('cad.dev.done'));
      setTarget(null);
      devices.reload();
    } catch (e) {
      const field = e instanceof ApiError ? (e.details as { path?: string }[] | null)?.[0]?.path : undefined;
      if (field === 'reason') form.setFields([{ name: 'reason', errors: [errorMessage(e)] }]);
      else toast.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('cad.dev.title', { n: rows.length })} data-testid="posting-devices">
      <ResponsiveTable<PostingDevice>
        rowKey="id"
        size="small"
        loading={devices.loading}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('cad.dev.empty') }}
        data-testid="posting-devices-table"
        columns={[
          {
            key: 'key',
            title: t('cad.dev.key'),
            render: (_: unknown, d: PostingDevice) => (
              <Space size={6} wrap>
                <span className="fp-mono">{d.fingerprint}</span>
                {d.username && <Typography.Text type="secondary">{d.username}</Typography.Text>}
                {!d.ofThisPosting && <Tag color="orange">{t('cad.dev.otherPosting')}</Tag>}
              </Space>
            ),
          },
          { key: 'registered', title: t('cad.dev.registered'), dataIndex: 'registeredAt', render: (v: string) => time(v) },
          {
            key: 'last',
            title: t('cad.dev.lastUsed'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => time(v) ?? t('cad.dev.never'),
          },
          {
            key: 'signed',
            title: t('cad.dev.signed'),
            render: (_: unknown, d: PostingDevice) => t('cad.dev.signedCount', { checkins: d.checkins, logs: d.logs }),
          },
          {
            key: 'state',
            title: t('cad.dev.state'),
            render: (_: unknown, d: PostingDevice) =>
              d.revokedAt ? (
                <Space size={4} wrap data-testid="device-revoked">
                  <Tag color="red">{t('cad.dev.revoked')}</Tag>
                  <Typography.Text type="secondary">
                    {t('cad.dev.revokedInfo', { date: time(d.revokedAt) ?? '', by: d.revokedBy ?? '—', reason: d.revokeReason ?? '—' })}
                  </Typography.Text>
                </Space>
              ) : (
                <Space size={8} wrap>
                  <Tag color="green">{t('cad.dev.active')}</Tag>
                  {mayRevoke && d.ofThisPosting && (
                    <Button
                      size="small"
                      danger
                      icon={<StopOutlined />}
                      data-testid="device-revoke"
                      onClick={() => {
                        form.resetFields();
                        setTarget(d);
                      }}
                    >
                      {t('cad.dev.revoke')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Modal
        open={target !== null}
        title={t('cad.dev.revokeTitle', { key: target?.fingerprint ?? '' })}
        okText={t('cad.dev.revoke')}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'device-revoke-ok' }}
        onOk={submit}
        onCancel={() => setTarget(null)}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('cad.dev.revokeHint')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical">
          <Form.Item
            name="reason"
            label={t('cad.dev.reason')}
            rules={[{ required: true, whitespace: true, message: t('cad.dev.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} placeholder={t('cad.dev.reasonPlaceholder')} data-testid="device-revoke-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
