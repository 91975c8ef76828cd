import { Checkbox, Col, Form, type FormInstance, Input, Row } from 'antd';
import { type MessageKey, useI18n } from '../../../i18n';
import { COL } from './fields';
import type { Values } from './values';

const GUARANTEES = ['food', 'clothing', 'education', 'medical', 'housing'] as const;

/** The five 两不愁三保障 flags and the helper (帮扶责任人) with their phone. */
export function HelpSection({ form }: { form: FormInstance<Values> }) {
  const { t } = useI18n();
  const masked = Form.useWatch('helperPhoneMasked', { form, preserve: true }) as string | null | undefined;
  return (
    <Row gutter={12}>
      <Col xs={24}>
        <Form.Item label={t('reg.e.guaranteesLabel')} style={{ marginBottom: 8 }}>
          <Row gutter={[12, 4]} data-testid="edit-guarantees">
            {GUARANTEES.map((g) => (
              <Col key={g} xs={12} sm={8} lg={4}>
                <Form.Item name={['guarantees', g]} valuePropName="checked" noStyle>
                  <Checkbox data-testid={`edit-guarantee-${g}`}>{t(`reg.g.${g}` as MessageKey)}</Checkbox>
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form.Item>
      </Col>
      <Col {...COL}>
        <Form.Item name="helper" label={t('reg.h.helper')}>
          <Input maxLength={40} data-testid="edit-helper" />
        </Form.Item>
      </Col>
      <Col {...COL}>
        <Form.Item
          name="helperPhone"
          label={t('reg.e.helperPhone')}
          extra={masked ? t('reg.e.helperPhoneKeep', { masked }) : undefined}
          rules={[
            {
              validator: (_, v?: string) =>
                !v?.trim() || /^(1\d{10}|0\d{9,11})$/.test(v.replace(/[\s-]/g, ''))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('reg.e.helperPhoneBad'))),
            },
          ]}
        >
          <Input maxLength={20} placeholder={masked ?? undefined} autoComplete="off" data-testid="edit-helper-phone" />
        </Form.Item>
      </Col>
      <Form.Item name="helperPhoneMasked" hidden>
        <Input />
      </Form.Item>
    </Row>
  );
}
