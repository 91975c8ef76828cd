import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import type { Lang } from '../../server/i18n.ts';
import type { HouseholdFile } from './household-file.ts';

/**
 * The one-household file as PDF: A4, one household a page (a household with very many members or projects runs onto
 * a second), drawn with pdfkit. The font is Noto Sans SC (OFL) from the npm package @expo-google-fonts/noto-sans-sc:
 * installed with the app, read from disk, never fetched; pdfkit embeds only the glyphs a document uses, so a page
 * weighs tens of kilobytes, not the font's 10 MB.
 */

const FONT_DIR = path.dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json'));
let fonts: { regular: Buffer; bold: Buffer } | null = null;
function loadFonts() {
  fonts ??= {
    regular: readFileSync(path.join(FONT_DIR, '400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(path.join(FONT_DIR, '700Bold/NotoSansSC_700Bold.ttf')),
  };
  return fonts;
}

const L = {
  title: ['建档立卡贫困户一户一档', 'Registered poor household file'],
  householdNo: ['户编号', 'Household no.'],
  printed: ['打印日期', 'Printed'],
  page: ['第 {n} 页', 'Page {n}'],
  head: ['户主', 'Head'],
  category: ['贫困户属性', 'Category'],
  cause: ['主要致贫原因', 'Main cause'],
  status: ['户状态', 'Status'],
  identified: ['识别年度', 'Identified'],
  planned: ['计划脱贫年度', 'Planned exit'],
  exitYear: ['脱贫年度', 'Exit year'],
  persons: ['家庭人口', 'Persons'],
  guarantees: ['两不愁三保障', 'Two assurances, three guarantees'],
  food: ['不愁吃', 'Food'],
  clothing: ['不愁穿', 'Clothing'],
  education: ['义务教育有保障', 'Compulsory education'],
  medical: ['基本医疗有保障', 'Basic medical care'],
  housing: ['住房安全有保障', 'Safe housing'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  members: ['家庭成员', 'Members'],
  name: ['姓名', 'Name'],
  relation: ['与户主关系', 'Relation'],
  idNumber: ['证件号码', 'ID number'],
  gender: ['性别', 'Gender'],
  birthYear: ['出生年', 'Born'],
  ethnicity: ['民族', 'Ethnicity'],
  educationLevel: ['文化程度', 'Education'],
  schooling: ['在校情况', 'Schooling'],
  health: ['健康状况', 'Health'],
  labour: ['劳动技能', 'Labour'],
  work: ['务工情况', 'Work'],
  insurance: ['医疗保险', 'Insured'],
  income: ['收入情况（元/年，人均纯收入元/人）', 'Income (yuan a year; per capita in yuan a person)'],
  year: ['年度', 'Year'],
  wages: ['工资性收入', 'Wages'],
  business: ['生产经营性收入', 'Production & business'],
  businessCosts: ['生产经营性支出', 'Production costs'],
  property: ['财产性收入', 'Property'],
  transfers: ['转移性收入', 'Transfers'],
  perCapita: ['人均纯收入', 'Per capita net'],
  helpers: ['帮扶责任人', 'Helpers'],
  phone: ['联系电话', 'Phone'],
  start: ['开始日期', 'From'],
  end: ['结束日期', 'To'],
  current: ['至今', 'current'],
  projects: ['帮扶项目', 'Projects'],
  projectType: ['项目类型', 'Type'],
  amount: ['金额（元）', 'Amount (yuan)'],
  state: ['状态', 'State'],
  history: ['状态变更', 'Status history'],
  date: ['日期', 'Date'],
  from: ['原状态', 'From'],
  to: ['新状态', 'To'],
  reason: ['说明', 'Note'],
  none: ['无', 'None'],
  fromImport: ['导入批次 {id}', 'import batch {id}'],
} as const satisfies Record<string, readonly [string, string]>;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 36;
const WIDTH = A4.width - 2 * MARGIN;
const SIZE = 8;
const PAD = 2.5;
const LINE = '#999999';

type Doc = PDFKit.PDFDocument;
/** No bottom margin for pdfkit: the sheet breaks pages itself, and the footer sits below the content area. */
const PAGE = { size: 'A4', margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: 0 } } as const;

class Sheet {
  y = MARGIN;
  constructor(
    private readonly doc: Doc,
    private readonly lang: Lang,
    private readonly footer: string,
  ) {}

  t(key: keyof typeof L, params: Record<string, string | number> = {}) {
    const text = L[key][this.lang === 'en' ? 1 : 0];
    return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  }

  num(v: number | null | undefined) {
    if (v === null || v === undefined) return '—';
    // Whole yuan as they are; an amount with fen shows both decimals (12,000.50, not 12,000.5).
    const fen = Number.isInteger(v) ? 0 : 2;
    return v.toLocaleString(this.lang === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: fen, maximumFractionDigits: 2 });
  }

  /** A new page for the household; `first` is the household's first page. */
  page(first: boolean) {
    this.doc.addPage(PAGE);
    this.y = MARGIN;
    this.doc
      .font('regular')
      .fontSize(7)
      .fillColor('#666666')
      .text(this.footer, MARGIN, A4.height - MARGIN + 10, { width: WIDTH, align: 'right', lineBreak: false });
    this.doc.fillColor('black');
    if (!first) this.y += 4;
  }

  room(h: number) {
    if (this.y + h > A4.height - MARGIN) this.page(false);
  }

  title(text: string, sub: string) {
    this.doc.font('bold').fontSize(16).text(text, MARGIN, this.y, { width: WIDTH, align: 'center' });
    this.y += 24;
    this.doc.font('regular').fontSize(9).fillColor('#333333').text(sub, MARGIN, this.y, { width: WIDTH, align: 'center' });
    this.doc.fillColor('black');
    this.y += 18;
  }

  section(text: string) {
    this.room(40);
    this.y += 6;
    this.doc.font('bold').fontSize(10).text(text, MARGIN, this.y, { width: WIDTH });
    this.y += 15;
  }

  /** A bordered table; columns are width fractions. A row taller than the space left starts a new page (header again). */
  table(columns: { label: string; w: number; align?: 'left' | 'right' | 'center' }[], rows: string[][], opts: { size?: number } = {}) {
    const size = opts.size ?? SIZE;
    const total = columns.reduce((s, c) => s + c.w, 0);
    const widths = columns.map((c) => (c.w / total) * WIDTH);
    const draw = (cells: string[], header: boolean) => {
      this.doc.font(header ? 'bold' : 'regular').fontSize(size);
      const h = Math.max(...cells.map((c, i) => this.doc.heightOfString(c || ' ', { width: (widths[i] ?? 0) - 2 * PAD }))) + 2 * PAD;
      return h;
    };
    const row = (cells: string[], header: boolean) => {
      const h = draw(cells, header);
      let x = MARGIN;
      for (const [i, c] of cells.entries()) {
        const w = widths[i] ?? 0;
        if (header) this.doc.rect(x, this.y, w, h).fillAndStroke('#eeeeee', LINE);
        else this.doc.rect(x, this.y, w, h).strokeColor(LINE).stroke();
        this.doc
          .fillColor('black')
          .font(header ? 'bold' : 'regular')
          .fontSize(size)
          .text(c || ' ', x + PAD, this.y + PAD, { width: w - 2 * PAD, align: header ? 'center' : (columns[i]?.align ?? 'left') });
        x += w;
      }
      this.y += h;
    };
    const header = columns.map((c) => c.label);
    this.room(draw(header, true) + draw(rows[0] ?? header, false));
    row(header, true);
    for (const r of rows) {
      const h = draw(r, false);
      if (this.y + h > A4.height - MARGIN) {
        this.page(false);
        row(header, true);
      }
      row(r, false);
    }
  }

  note(text: string) {
    this.room(14);
    this.doc
      .font('regular')
      .fontSize(SIZE + 1)
      .fillColor('#666666')
      .text(text, MARGIN, this.y, { width: WIDTH });
    this.doc.fillColor('black');
    this.y += 14;
  }

  /** Label–value pairs, four to a row. */
  pairs(items: [string, string][]) {
    const rows: string[][] = [];
    for (let i = 0; i < items.length; i += 4) rows.push(items.slice(i, i + 4).flat());
    const col = (label: boolean) => ({ label: '', w: label ? 1.1 : 1.4 });
    const columns = [col(true), col(false), col(true), col(false), col(true), col(false), col(true), col(false)];
    const total = columns.reduce((s, c) => s + c.w, 0);
    for (const r of rows) {
      this.doc.font('regular').fontSize(SIZE + 1);
      const widths = columns.map((c) => (c.w / total) * WIDTH);
      const h = Math.max(...r.map((c, i) => this.doc.heightOfString(c || ' ', { width: (widths[i] ?? 0) - 2 * PAD }))) + 2 * PAD;
      let x = MARGIN;
      for (const [i, c] of r.entries()) {
        const w = widths[i] ?? 0;
        const label = i % 2 === 0;
        if (label) this.doc.rect(x, this.y, w, h).fillAndStroke('#f2f2f2', LINE);
        else this.doc.rect(x, this.y, w, h).strokeColor(LINE).stroke();
        this.doc
          .fillColor('black')
          .font(label ? 'bold' : 'regular')
          .fontSize(SIZE + 1)
          .text(c || ' ', x + PAD, this.y + PAD, { width: w - 2 * PAD });
        x += w;
      }
      this.y += h;
    }
  }
}

function household(doc: Doc, h: HouseholdFile, lang: Lang, printed: string) {
  const s = new Sheet(doc, lang, `${h.householdNo} · ${[h.countyName, h.townshipName, h.villageName].join(' ')} · ${printed}`);
  s.page(true);
  const head = h.members.find((m) => m.relation === 'head');
  s.title(
    s.t('title'),
    `${s.t('householdNo')} ${h.householdNo}　${[h.countyName, h.townshipName, h.villageName].filter(Boolean).join(' / ')}　${s.t('printed')} ${printed}`,
  );
  s.pairs([
    [s.t('head'), head?.name ?? '—'],
    [s.t('category'), h.categoryLabel ?? h.category],
    [s.t('cause'), h.causeLabel ?? h.cause],
    [s.t('status'), h.statusLabel ?? h.status],
    [s.t('identified'), String(h.yearIdentified)],
    [s.t('planned'), h.plannedExitYear === null ? '—' : String(h.plannedExitYear)],
    [s.t('exitYear'), h.exitYear === null ? '—' : String(h.exitYear)],
    [s.t('persons'), String(h.members.length)],
  ]);

  s.section(s.t('guarantees'));
  const keys = ['food', 'clothing', 'education', 'medical', 'housing'] as const;
  s.table(
    keys.map((k) => ({ label: s.t(k), w: 1, align: 'center' as const })),
    [keys.map((k) => s.t(h.guarantees[k] ? 'yes' : 'no'))],
  );

  s.section(`${s.t('members')}（${h.members.length}）`);
  s.table(
    [
      // Widths for the longest labels at 7 pt on one line (弱劳动力或半劳动力, 文盲或半文盲, 长期慢性病), so that a
      // household of a dozen members still fits its page.
      { label: s.t('name'), w: 0.9 },
      { label: s.t('relation'), w: 0.9 },
      { label: s.t('idNumber'), w: 1.8 },
      { label: s.t('gender'), w: 0.45 },
      { label: s.t('birthYear'), w: 0.6 },
      { label: s.t('ethnicity'), w: 0.6 },
      { label: s.t('educationLevel'), w: 1.15 },
      { label: s.t('schooling'), w: 1 },
      { label: s.t('health'), w: 1 },
      { label: s.t('labour'), w: 1.6 },
      { label: s.t('work'), w: 1.15 },
      { label: s.t('insurance'), w: 0.6 },
    ],
    h.members.map((m) => [
      m.name,
      m.relationLabel ?? m.relation,
      m.idMasked,
      m.genderLabel ?? m.gender,
      String(m.birthYear),
      m.ethnicity ?? '',
      m.education ?? '',
      m.schooling ?? '',
      m.health ?? '',
      m.labour ?? '',
      m.work ?? '',
      m.medicalInsurance === null ? '' : s.t(m.medicalInsurance ? 'yes' : 'no'),
    ]),
    { size: 7 },
  );

  s.section(s.t('income'));
  if (h.incomes.length) {
    s.table(
      [
        { label: s.t('year'), w: 0.7, align: 'center' },
        { label: s.t('wages'), w: 1.1, align: 'right' },
        { label: s.t('business'), w: 1.2, align: 'right' },
        { label: s.t('businessCosts'), w: 1.2, align: 'right' },
        { label: s.t('property'), w: 1.1, align: 'right' },
        { label: s.t('transfers'), w: 1.1, align: 'right' },
        { label: s.t('persons'), w: 0.8, align: 'right' },
        { label: s.t('perCapita'), w: 1.1, align: 'right' },
      ],
      h.incomes.map((i) => [
        String(i.year),
        s.num(i.wages),
        s.num(i.business),
        s.num(i.businessCosts),
        s.num(i.property),
        s.num(i.transfers),
        s.num(i.persons),
        s.num(i.perCapita),
      ]),
    );
  } else none(s);

  s.section(s.t('helpers'));
  if (h.helpers.length) {
    s.table(
      [
        { label: s.t('name'), w: 1.5 },
        { label: s.t('phone'), w: 1.5 },
        { label: s.t('start'), w: 1 },
        { label: s.t('end'), w: 1 },
      ],
      h.helpers.map((p) => [p.name, p.phoneMasked ?? '—', p.startDate ?? '—', p.endDate ?? s.t('current')]),
    );
  } else none(s);

  s.section(s.t('projects'));
  if (h.projects.length) {
    s.table(
      [
        { label: s.t('projectType'), w: 1.6 },
        { label: s.t('year'), w: 0.7, align: 'center' },
        { label: s.t('amount'), w: 1.1, align: 'right' },
        { label: s.t('state'), w: 1 },
      ],
      h.projects.map((p) => [p.typeLabel ?? p.type, String(p.year), s.num(p.amount), p.stateLabel ?? p.state]),
    );
  } else none(s);

  s.section(s.t('history'));
  if (h.statusHistory.length) {
    const label = (code: string | null) => (code ? (h.statusHistory.find((x) => x.status === code)?.statusLabel ?? code) : '—');
    s.table(
      [
        { label: s.t('date'), w: 1 },
        { label: s.t('from'), w: 1 },
        { label: s.t('to'), w: 1 },
        { label: s.t('reason'), w: 2 },
      ],
      h.statusHistory.map((x) => [x.changedOn, label(x.previousStatus), x.statusLabel ?? x.status, reasonText(s, x.reason)]),
    );
  } else none(s);
}

function none(s: Sheet) {
  s.note(s.t('none'));
}

function reasonText(s: Sheet, reason: string | null) {
  const m = reason ? /^import:(\d+)$/.exec(reason) : null;
  return m ? s.t('fromImport', { id: m[1] ?? '' }) : (reason ?? '');
}

/** Writes the files of `households` (one or a village's) as one PDF to `out`, each household from a new page. */
export function writeHouseholdFilesPdf(out: Writable, households: HouseholdFile[], lang: Lang, opts: { title: string; now?: Date }) {
  const { regular, bold } = loadFonts();
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, autoFirstPage: false, info: { Title: opts.title, Creator: 'Fupin' } });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  doc.pipe(out);
  const printed = (opts.now ?? new Date()).toISOString().slice(0, 10);
  for (const h of households) household(doc, h, lang, printed);
  if (!households.length) {
    doc.addPage(PAGE);
    doc
      .font('regular')
      .fontSize(12)
      .text(L.none[lang === 'en' ? 1 : 0], MARGIN, MARGIN);
  }
  doc.end();
}

/** The PDF in memory (a village's few hundred pages are a few megabytes). */
export function householdFilesPdf(households: HouseholdFile[], lang: Lang, opts: { title: string; now?: Date }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const out = new PassThrough();
    out.on('data', (c: Buffer) => chunks.push(c));
    out.on('end', () => resolve(Buffer.concat(chunks)));
    out.on('error', reject);
    try {
      writeHouseholdFilesPdf(out, households, lang, opts);
    } catch (e) {
      reject(e);
    }
  });
}
