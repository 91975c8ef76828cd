import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CODE_LIST_IDS,
  type CodeListId,
  codeLists,
  label,
  listCodes,
  listItems,
  listLabel,
  normaliseLabel,
  resolveCode,
} from './codelists.ts';

const raw = JSON.parse(readFileSync(new URL('../../../data/codelists/registry.json', import.meta.url), 'utf8')) as {
  provenance: string;
  lists: { id: string; label: { zh: string; en: string }; items: { code: string; zh: string; en: string; synonyms?: string[] }[] }[];
};

describe('the code-list file', () => {
  it('has provenance and every list the registry needs, each item labelled in both languages', () => {
    expect(raw.provenance).toContain('建档立卡');
    const ids = raw.lists.map((l) => l.id).sort();
    expect(ids).toEqual([...CODE_LIST_IDS].sort());
    for (const l of raw.lists) {
      expect(l.label.zh && l.label.en).toBeTruthy();
      for (const item of l.items) expect(item.code && item.zh && item.en).toBeTruthy();
    }
  });

  it('has the domain sizes: 3 categories, 12 causes, 4 statuses, 56 ethnic groups (汉族 first), 10 project types', () => {
    const size = (id: CodeListId) => listItems(id).length;
    expect(size('household_category')).toBe(3);
    expect(size('poverty_cause')).toBe(12);
    expect(size('household_status')).toBe(4);
    expect(size('ethnicity')).toBe(56);
    expect(size('project_type')).toBe(10);
    expect(size('project_state')).toBe(4);
    expect(listItems('ethnicity')[0]).toMatchObject({ code: '01', zh: '汉族' });
    expect(new Set(listItems('ethnicity').map((e) => e.zh)).size).toBe(56);
    expect(listItems('poverty_cause').map((c) => c.zh)).toEqual([
      '因病',
      '因残',
      '因学',
      '因灾',
      '缺土地',
      '缺水',
      '缺技术',
      '缺劳力',
      '缺资金',
      '交通条件落后',
      '自身发展动力不足',
      '其他',
    ]);
  });
});

describe('resolveCode', () => {
  it('matches the Chinese label, the English label and the code', () => {
    expect(resolveCode('poverty_cause', '因病')).toBe('illness');
    expect(resolveCode('poverty_cause', 'Illness')).toBe('illness');
    expect(resolveCode('poverty_cause', 'illness')).toBe('illness');
    expect(resolveCode('gender', '男')).toBe('M');
    expect(resolveCode('gender', 'f')).toBe('F');
  });

  it('accepts the older category names as synonyms, whatever the brackets', () => {
    expect(resolveCode('household_category', '低保(部分)')).toBe('dibao');
    expect(resolveCode('household_category', '低保（部分）')).toBe('dibao');
    expect(resolveCode('household_category', '低保（全家）')).toBe('dibao');
    expect(resolveCode('household_category', '五保户')).toBe('tekun');
    expect(resolveCode('household_category', '特困供养贫困户')).toBe('tekun');
    expect(resolveCode('household_category', '一般贫困户')).toBe('ordinary');
  });

  it('ignores surrounding and inner spaces, full-width characters and bracket shapes', () => {
    expect(resolveCode('work', ' 乡（镇）内务工 ')).toBe('township');
    expect(resolveCode('work', '乡 (镇) 内务工')).toBe('township');
    expect(resolveCode('work', '乡〔镇〕内务工')).toBe('township');
    expect(resolveCode('work', '\u3000省外务工\u00a0')).toBe('out_of_province');
    expect(resolveCode('schooling', '高中／中职')).toBe('senior');
    expect(resolveCode('yes_no', 'ｙｅｓ')).toBe('yes');
    expect(resolveCode('poverty_cause', 'Lack   of  land')).toBe('land');
  });

  it('treats 汉 and 汉族, 蒙古 and 蒙古族 alike', () => {
    expect(resolveCode('ethnicity', '汉')).toBe('01');
    expect(resolveCode('ethnicity', '汉族')).toBe('01');
    expect(resolveCode('ethnicity', '蒙古')).toBe('02');
    expect(resolveCode('ethnicity', '满')).toBe('11');
    expect(resolveCode('ethnicity', '锡伯')).toBe('38');
    expect(resolveCode('ethnicity', '土族')).toBe('30');
    expect(resolveCode('ethnicity', '土')).toBe('30');
    expect(resolveCode('ethnicity', 'Manchu')).toBe('11');
    for (const e of listItems('ethnicity')) {
      expect(resolveCode('ethnicity', e.zh)).toBe(e.code);
      expect(resolveCode('ethnicity', e.zh.replace(/族$/, ''))).toBe(e.code);
    }
  });

  it('resolves every label and synonym of every list to its own item', () => {
    for (const list of codeLists()) {
      for (const item of list.items) {
        for (const text of [item.code, item.zh, item.en, ...(item.synonyms ?? [])]) {
          expect(resolveCode(list.id, text), `${list.id}: ${text}`).toBe(item.code);
        }
      }
    }
  });

  it('answers null for an unknown or empty value, and throws for an unknown list', () => {
    expect(resolveCode('poverty_cause', '因懒')).toBeNull();
    expect(resolveCode('poverty_cause', '')).toBeNull();
    expect(resolveCode('poverty_cause', '   ')).toBeNull();
    expect(resolveCode('relation', '邻居')).toBeNull();
    expect(() => resolveCode('nope' as CodeListId, 'x')).toThrow(/unknown code list/);
  });

  it('knows the relations of the national register', () => {
    for (const r of ['户主', '配偶', '之子', '之女', '之儿媳', '之女婿', '之孙子', '之孙女', '之父', '之母', '之兄弟姐妹', '其他']) {
      expect(resolveCode('relation', r), r).not.toBeNull();
    }
    expect(resolveCode('relation', '妻子')).toBe('spouse');
  });
});

describe('label, listItems, listLabel', () => {
  it('gives labels in either language', () => {
    expect(label('household_status', 'exited')).toBe('已脱贫');
    expect(label('household_status', 'exited', 'en')).toBe('Exited from poverty');
    expect(label('project_type', 'microcredit', 'zh')).toBe('小额信贷');
    expect(label('project_type', 'nope')).toBeNull();
    expect(listLabel('poverty_cause')).toBe('主要致贫原因');
    expect(listLabel('poverty_cause', 'en')).toBe('Main cause of poverty');
  });
  it('lists codes in order', () => {
    expect(listCodes('household_status')).toEqual(['poor', 'exited', 'returned', 'monitored']);
    expect(listCodes('project_state')).toEqual(['planned', 'in_progress', 'completed', 'cancelled']);
  });
});

describe('normaliseLabel', () => {
  it('normalises width, brackets and spaces', () => {
    expect(normaliseLabel(' 低保（部分） ')).toBe('低保(部分)');
    expect(normaliseLabel('乡 （ 镇 ） 内务工')).toBe('乡(镇)内务工');
    expect(normaliseLabel('Monguor  (Tu)')).toBe('monguor(tu)');
    expect(normaliseLabel('满族', 'ethnicity')).toBe('满');
    expect(normaliseLabel('满族')).toBe('满族');
  });
});
