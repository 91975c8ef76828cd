import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, InputNumber, Row, Tooltip } from 'antd';
import { useI18n } from '../../../i18n';
import type { CodeLists } from '../../../lib/useCodeLists';
import { COL, CodeSelect } from './fields';

const thisYear = new Date().getFullYear();

/** The household's projects (帮扶项目): type, year, amount, state. A project removed here is deleted. */
export function ProjectsSection({ codes }: { codes: CodeLists }) {
  const { t } = useI18n();
  return (
    <Form.List name="projects">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Card
              key={f.key}
              size="small"
              type="inner"
              style={{ marginBottom: 12 }}
              data-testid="project-form"
              title={t('reg.e.projectN', { n: i + 1 })}
              extra={
                <Tooltip title={t('reg.e.removeProject')}>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} data-testid="project-remove" />
                </Tooltip>
              }
            >
              <Form.Item name={[f.name, 'id']} hidden>
                <Input />
              </Form.Item>
              <Row gutter={12}>
                <Col {...COL}>
                  <Form.Item
                    name={[f.name, 'type']}
                    label={t('reg.d.projectType')}
                    rules={[{ required: true, message: t('reg.e.projectTypeRequired') }]}
                  >
                    <CodeSelect codes={codes} list="project_type" data-testid="project-type" />
                  </Form.Item>
                </Col>
                <Col {...COL}>
                  <Form.Item
                    name={[f.name, 'year']}
                    label={t('reg.d.projectYear')}
                    rules={[{ required: true, message: t('reg.e.projectYearRequired') }]}
                  >
                    <InputNumber min={2000} max={thisYear + 5} precision={0} style={{ width: '100%' }} data-testid="project-year" />
                  </Form.Item>
                </Col>
                <Col {...COL}>
                  <Form.Item name={[f.name, 'amount']} label={t('reg.d.projectAmount')}>
                    <InputNumber min={0} max={100_000_000} precision={2} style={{ width: '100%' }} data-testid="project-amount" />
                  </Form.Item>
                </Col>
                <Col {...COL}>
                  <Form.Item
                    name={[f.name, 'state']}
                    label={t('reg.d.projectState')}
                    rules={[{ required: true, message: t('reg.e.projectStateRequired') }]}
                  >
                    <CodeSelect codes={codes} list="project_state" data-testid="project-state" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            onClick={() => add({ year: thisYear, state: 'planned' })}
            data-testid="project-add"
          >
            {t('reg.e.addProject')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
