import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, type FormInstance, InputNumber, Row, Tooltip, Typography } from 'antd';
import { type MessageKey, useI18n } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { COL } from './fields';
import { hasSources, INCOME_SOURCES, type IncomeValues, perCapitaOf, type Values } from './values';

const thisYear = new Date().getFullYear();

/** Money in yuan, fen allowed. */
function Yuan(props: Record<string, unknown>) {
  const { t } = useI18n();
  return <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} suffix={t('reg.unit.yuan')} {...props} />;
}

function IncomeRow({ form, name, remove }: { form: FormInstance<Values>; name: number; remove: () => void }) {
  const { t, lang } = useI18n();
  const row = Form.useWatch(['incomes', name], form) as IncomeValues | undefined;
  const members = (Form.useWatch('members', form) as unknown[] | undefined)?.length ?? 0;
  const split = hasSources(row);
  const computed = row ? perCapitaOf(row, members) : null;
  return (
    <Card
      size="small"
      type="inner"
      style={{ marginBottom: 12 }}
      data-testid="income-form"
      title={row?.year ? t('reg.e.incomeN', { year: row.year }) : t('reg.e.incomeNew')}
      extra={
        <Tooltip title={t('reg.e.removeIncome')}>
          <Button type="text" danger icon={<DeleteOutlined />} onClick={remove} data-testid="income-remove" />
        </Tooltip>
      }
    >
      <Row gutter={12}>
        <Col {...COL}>
          <Form.Item
            name={[name, 'year']}
            label={t('reg.inc.year')}
            rules={[
              { required: true, message: t('reg.e.incomeYearRequired') },
              {
                validator: (_, v?: number | null) => {
                  const all = (form.getFieldValue('incomes') as IncomeValues[] | undefined) ?? [];
                  return v && all.filter((x) => x?.year === v).length > 1
                    ? Promise.reject(new Error(t('reg.e.incomeYearTwice')))
                    : Promise.resolve();
                },
              },
            ]}
          >
            <InputNumber min={2000} max={thisYear} precision={0} style={{ width: '100%' }} data-testid="income-year" />
          </Form.Item>
        </Col>
        {INCOME_SOURCES.map((s) => (
          <Col key={s} {...COL}>
            <Form.Item
              name={[name, s]}
              label={t(`reg.inc.${s}` as MessageKey)}
              dependencies={s === 'businessCosts' ? INCOME_SOURCES.map((x) => ['incomes', name, x]) : undefined}
              rules={
                s === 'businessCosts'
                  ? [
                      {
                        validator: () =>
                          computed !== null && computed < 0 ? Promise.reject(new Error(t('reg.e.incomeNegative'))) : Promise.resolve(),
                      },
                    ]
                  : undefined
              }
            >
              <Yuan data-testid={`income-${s}`} />
            </Form.Item>
          </Col>
        ))}
        <Col {...COL}>
          <Form.Item name={[name, 'persons']} label={t('reg.inc.persons')} extra={split && !row?.persons ? `= ${members}` : undefined}>
            <InputNumber
              min={1}
              max={99}
              precision={0}
              style={{ width: '100%' }}
              placeholder={String(members)}
              data-testid="income-persons"
            />
          </Form.Item>
        </Col>
        <Col {...COL}>
          {split ? (
            <Form.Item label={t('reg.inc.perCapita')} extra={t('reg.inc.computed')}>
              <Typography.Text strong data-testid="income-per-capita">
                {computed === null ? '—' : `${formatNumber(computed, lang)} ${t('reg.unit.yuan')}`}
              </Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item
              name={[name, 'perCapita']}
              label={t('reg.inc.perCapita')}
              rules={[{ required: true, message: t('reg.e.incomeNeedsSomething') }]}
            >
              <Yuan data-testid="income-per-capita-input" />
            </Form.Item>
          )}
        </Col>
      </Row>
    </Card>
  );
}

/** Income year by year, by source (the national form's split), the per-capita net figure computed as the server does. */
export function IncomeSection({ form, registerYear }: { form: FormInstance<Values>; registerYear?: number }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('reg.e.incomeHint')}
      </Typography.Paragraph>
      <Form.List name="incomes">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <IncomeRow key={f.key} form={form} name={f.name} remove={() => remove(f.name)} />
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              onClick={() => {
                // The register year first, then the year after the latest entered.
                const years = ((form.getFieldValue('incomes') as IncomeValues[] | undefined) ?? [])
                  .map((x) => x?.year ?? 0)
                  .filter(Boolean);
                add({ year: years.length ? Math.min(thisYear, Math.max(...years) + 1) : (registerYear ?? thisYear) });
              }}
              data-testid="income-add"
            >
              {t('reg.e.addIncome')}
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
