import { Alert, Button, Card, Checkbox, Col, Form, Input, List, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../../api/client';
import { partyLedger } from '../../../api/partyLedger';
import { useMe } from '../../../auth/AuthContext';
import { RegionCascader } from '../../../components/RegionCascader';
import { useI18n } from '../../../i18n';
import { useAsync } from '../../../lib/useAsync';
import { useToast } from '../../../lib/useToast';

interface Values {
  name: string;
  idNumber: string;
  hits: string[];
}

/** 提名资格审查: the province's disqualifying conditions checked one by one for a candidate; a hit refuses, with the reason. */
export default function Nominations() {
  const { t, lang } = useI18n();
  const me = useMe();
  const message = useToast();
  const [village, setVillage] = useState<string | undefined>(me.scope.code.length === 12 ? me.scope.code : undefined);
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const bars = useAsync(() => partyLedger.bars(), [lang]);
  const history = useAsync(() => (village ? partyLedger.nominations(village) : Promise.resolve(null)), [village, lang]);
  const canWrite = me.permissions.includes('data.write');

  const submit = async () => {
    const v = await form.validateFields();
    if (!village) return;
    setSaving(true);
    setError(null);
    try {
      await partyLedger.nominate({ villageCode: village, name: v.name, idNumber: v.idNumber, hits: v.hits ?? [] });
      message.success(t('pn.nominated'));
      form.resetFields();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
      history.reload();
    }
  };

  return (
    <Card title={t('pn.title')} data-testid="nominations-page">
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('pn.caption')}
      </Typography.Paragraph>
      <Space size={6} style={{ marginBottom: 16 }} wrap>
        <Typography.Text type="secondary">{t('pn.village')}</Typography.Text>
        <RegionCascader
          value={village}
          onChange={(c) => setVillage(c && c.length === 12 ? c : undefined)}
          style={{ width: 300, maxWidth: 'calc(100vw - 120px)' }}
          data-testid="nomination-village"
        />
      </Space>
      <Row gutter={[16, 16]}>
        {canWrite && (
          <Col xs={24} lg={12}>
            <Form form={form} layout="vertical" disabled={!village} initialValues={{ hits: [] }} data-testid="nomination-form">
              <Form.Item name="name" label={t('pn.name')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={50} data-testid="nomination-name" />
              </Form.Item>
              <Form.Item name="idNumber" label={t('pn.idNumber')} rules={[{ required: true, min: 15 }]}>
                <Input maxLength={20} data-testid="nomination-id" />
              </Form.Item>
              <Form.Item name="hits" label={t('pn.bars')}>
                <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 6 }} data-testid="nomination-bars">
                  {(bars.data?.items ?? [])
                    .filter((b) => b.active)
                    .map((b) => (
                      <Checkbox key={b.code} value={b.code} data-code={b.code}>
                        {b.label}
                      </Checkbox>
                    ))}
                </Checkbox.Group>
              </Form.Item>
              {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="nomination-error" />}
              <Button type="primary" onClick={submit} loading={saving} data-testid="nomination-submit">
                {t('pn.submit')}
              </Button>
            </Form>
          </Col>
        )}
        <Col xs={24} lg={canWrite ? 12 : 24}>
          <Typography.Title level={5}>{t('pn.history')}</Typography.Title>
          <List
            data-testid="nomination-history"
            locale={{ emptyText: t('pn.none') }}
            dataSource={history.data?.items ?? []}
            renderItem={(n) => (
              <List.Item>
                <Space orientation="vertical" size={2}>
                  <Space wrap>
                    <Typography.Text strong>{n.name}</Typography.Text>
                    <Typography.Text type="secondary">{n.idMasked}</Typography.Text>
                    <Tag color={n.nominated ? 'green' : 'red'}>{n.nominated ? t('pn.ok') : t('pn.refused')}</Tag>
                  </Space>
                  <Typography.Text type="secondary">
                    {n.checkedOn} · {n.by} · {t('pn.checked', { n: n.checked })}
                  </Typography.Text>
                  {n.reasons.length > 0 && <Typography.Text type="danger">{n.reasons.join('；')}</Typography.Text>}
                </Space>
              </List.Item>
            )}
          />
        </Col>
      </Row>
    </Card>
  );
}
