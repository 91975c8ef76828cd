import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Divider, Form, Input, InputNumber, Row, Space } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, errorMessage, isApiError } from '../../api/client';
import { registry } from '../../api/registry';
import type { RegionRef } from '../../api/types';
import { HouseholdNotFound } from '../../components/registry/HouseholdNotFound';
import { ErrorState, PageLoading } from '../../components/States';
import { useI18n } from '../../i18n';
import { useAsync } from '../../lib/useAsync';
import { useCodeLists } from '../../lib/useCodeLists';
import { useRegionLink } from '../../lib/useRegion';
import { useToast } from '../../lib/useToast';
import { COL, CodeSelect, VillageField } from './edit/fields';
import { HelpSection } from './edit/HelpSection';
import { IncomeSection } from './edit/IncomeSection';
import { MemberCard } from './edit/MemberCard';
import { ProjectsSection } from './edit/ProjectsSection';
import { applyServerErrors, bodyOf, type MemberValues, NEW_HOUSEHOLD, type Values, valuesOf } from './edit/values';

/**
 * The household form: the household, 两不愁三保障 and helper, income by source, projects, members. Each section
 * lives in edit/; the values' shape and the mapping to and from the API in edit/values.ts.
 */

const thisYear = new Date().getFullYear();

export default function HouseholdEdit() {
  const { t, lang } = useI18n();
  const { id } = useParams();
  const editing = id !== undefined;
  const navigate = useNavigate();
  const link = useRegionLink();
  const message = useToast();
  const codes = useCodeLists();
  const year = useAsync(() => registry.registerYear(), []);
  const detail = useAsync(() => (editing ? registry.household(id) : Promise.resolve(null)), [id, lang]);
  const [form] = Form.useForm<Values>();
  const [villageRef, setVillageRef] = useState<RegionRef | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [loose, setLoose] = useState<string[]>([]);
  const [loadedFor, setLoadedFor] = useState<string | null>(null);

  // Fill the form once per household, after the code lists are there (labels → codes).
  useEffect(() => {
    const h = detail.data;
    if (!editing || !h || codes.loading || loadedFor === String(h.id)) return;
    form.setFieldsValue(valuesOf(h, codes));
    setLoadedFor(String(h.id));
  }, [editing, detail.data, codes, form, loadedFor]);

  if (editing && detail.error) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) return <HouseholdNotFound id={id} />;
    return <ErrorState error={detail.error} onRetry={detail.reload} />;
  }
  if (editing && (!detail.data || codes.loading)) return <PageLoading rows={12} />;

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    setLoose([]);
    try {
      const body = bodyOf(v);
      // An edit sends the version it was read at: a save over someone else's change since is refused (409).
      const r = editing
        ? await registry.updateHousehold(id, { ...body, version: detail.data?.version })
        : await registry.createHousehold(body);
      message.success(t(editing ? 'reg.e.savedOk' : 'reg.e.createdOk', { no: body.householdNo }));
      // BrowserRouter navigates at once; the Promise in navigate's type is the data routers' only.
      void navigate(link(`/registry/households/${encodeURIComponent(String(r.id ?? id))}`));
    } catch (e) {
      const rest = applyServerErrors(form, e);
      const onFields = e instanceof ApiError && Array.isArray(e.details) && rest.length < e.details.length;
      setLoose(rest);
      if (onFields) message.error(t('reg.e.fixFields'));
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  const col = COL;
  const back = editing ? link(`/registry/households/${encodeURIComponent(String(id))}`) : link('/registry/households');

  return (
    <Card
      data-testid="household-form-page"
      title={editing ? t('reg.e.editTitle', { no: detail.data?.householdNo ?? '' }) : t('reg.e.createTitle')}
      extra={
        <Link to={back}>
          <Button icon={<ArrowLeftOutlined />}>{t('common.cancel')}</Button>
        </Link>
      }
    >
      {codes.error ? <ErrorState error={codes.error} onRetry={codes.reload} /> : null}
      {error || loose.length ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="household-form-error"
          title={error ? errorMessage(error) : t('reg.e.fixFields')}
          description={
            loose.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {loose.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark
        initialValues={editing ? undefined : NEW_HOUSEHOLD}
        onFinish={submit}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        }}
        scrollToFirstError={false}
        data-testid="household-form"
      >
        <Divider titlePlacement="start" style={{ marginTop: 0 }}>
          {t('reg.e.household')}
        </Divider>
        <Row gutter={12}>
          <Col xs={24} lg={12}>
            <Form.Item
              name="villageCode"
              label={t('reg.e.village')}
              rules={[
                { required: true, message: t('reg.e.villageRequired') },
                {
                  validator: (_, v?: string) =>
                    !v || (villageRef ? villageRef.level === 5 : v.length === 12)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('reg.e.villageLevel'))),
                },
              ]}
            >
              <VillageField onRef={setVillageRef} />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="householdNo"
              label={t('reg.h.no')}
              rules={[{ required: true, whitespace: true, message: t('reg.e.noRequired') }]}
              extra={t(editing ? 'reg.e.noFixed' : 'reg.e.noHint')}
            >
              <Input maxLength={40} disabled={editing} data-testid="edit-household-no" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="status" label={t('reg.h.status')} rules={[{ required: true, message: t('reg.e.statusRequired') }]}>
              <CodeSelect codes={codes} list="household_status" allowClear={false} data-testid="edit-status" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="category" label={t('reg.h.category')} rules={[{ required: true, message: t('reg.e.categoryRequired') }]}>
              <CodeSelect codes={codes} list="household_category" data-testid="edit-category" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item name="cause" label={t('reg.h.cause')} rules={[{ required: true, message: t('reg.e.causeRequired') }]}>
              <CodeSelect codes={codes} list="poverty_cause" data-testid="edit-cause" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="yearIdentified"
              label={t('reg.d.yearIdentified')}
              rules={[{ required: true, message: t('reg.e.yearRequired') }]}
            >
              <InputNumber min={2000} max={thisYear} precision={0} style={{ width: '100%' }} data-testid="edit-year-identified" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="plannedExitYear"
              label={t('reg.h.plannedExit')}
              dependencies={['yearIdentified']}
              rules={[
                {
                  validator: (_, v?: number | null) => {
                    const from = form.getFieldValue('yearIdentified') as number | undefined;
                    return v && from && v < from ? Promise.reject(new Error(t('reg.e.plannedBeforeIdentified'))) : Promise.resolve();
                  },
                },
              ]}
            >
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} data-testid="edit-planned-exit" />
            </Form.Item>
          </Col>
          <Col {...col}>
            <Form.Item
              name="exitYear"
              label={t('reg.d.exitYear')}
              dependencies={['status']}
              rules={[
                {
                  validator: (_, v?: number | null) =>
                    form.getFieldValue('status') === 'exited' && !v
                      ? Promise.reject(new Error(t('reg.e.exitYearRequired')))
                      : Promise.resolve(),
                },
              ]}
            >
              <InputNumber min={2000} max={thisYear} precision={0} style={{ width: '100%' }} data-testid="edit-exit-year" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start">{t('reg.e.sectionHelp')}</Divider>
        <HelpSection form={form} />

        <Divider titlePlacement="start">{t('reg.e.incomeSection')}</Divider>
        <IncomeSection form={form} registerYear={year.data} />

        <Divider titlePlacement="start">{t('reg.e.projectsSection')}</Divider>
        <ProjectsSection codes={codes} />

        <Divider titlePlacement="start">{t('reg.d.members')}</Divider>
        <Form.List
          name="members"
          rules={[
            {
              validator: async (_, members?: MemberValues[]) => {
                const list = members ?? [];
                if (!list.length) throw new Error(t('reg.e.needOneMember'));
                const heads = list.filter((m) => m?.relation === 'head').length;
                if (heads !== 1) throw new Error(t('reg.e.oneHead'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <MemberCard
                  key={f.key}
                  index={i}
                  fieldName={f.name}
                  remove={() => remove(f.name)}
                  form={form}
                  codes={codes}
                  canRemove={fields.length > 1}
                />
              ))}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                block
                icon={<PlusOutlined />}
                onClick={() => add({ medicalInsurance: 'yes' })}
                style={{ marginTop: 4 }}
                data-testid="member-add"
              >
                {t('reg.e.addMember')}
              </Button>
            </>
          )}
        </Form.List>

        <Divider />
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="household-save">
            {editing ? t('common.save') : t('reg.e.create')}
          </Button>
          <Link to={back}>
            <Button>{t('common.cancel')}</Button>
          </Link>
        </Space>
      </Form>
    </Card>
  );
}
