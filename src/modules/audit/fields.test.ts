import { describe, expect, it } from 'vitest';
import { diffSnapshots, registerAuditFields } from './fields.ts';

// A made-up entity with hand-written labels, so the diff is checked apart from the registry's table.
registerAuditFields('thing', {
  name: 'no',
  fields: {
    colour: { zh: '颜色', en: 'Colour', value: (c) => ({ red: '红', blue: '蓝' })[c] ?? null },
    place: { zh: '地点', en: 'Place', region: true },
    flags: { zh: '标记', en: 'Flags' },
    'flags.food': { zh: '不愁吃', en: 'Food' },
    parts: { zh: '部件', en: 'Part', key: 'pid', title: 'name' },
    'parts.name': { zh: '名称', en: 'Name' },
    'parts.size': { zh: '尺寸', en: 'Size' },
  },
});

describe('diffSnapshots', () => {
  const before = {
    no: 'T1',
    colour: 'red',
    place: '211381109201',
    flags: { food: true },
    parts: [
      { pid: 1, name: '甲', size: 3 },
      { pid: 2, name: '乙', size: 4 },
    ],
  };

  it('lists only what changed, in the table words, code and region labels with the stored code', () => {
    const after = {
      ...before,
      colour: 'blue',
      place: '211381109202',
      flags: { food: false },
      parts: [
        { pid: 1, name: '甲', size: 5 },
        { pid: 3, name: '丙', size: 1 },
      ],
    };
    const regions = new Map([
      ['211381109201', '东官营镇 海丰村'],
      ['211381109202', '东官营镇 白音村'],
    ]);
    expect(diffSnapshots('thing', before, after, 'zh-CN', regions)).toEqual([
      { path: 'colour', label: '颜色', before: '红', after: '蓝', beforeCode: 'red', afterCode: 'blue' },
      {
        path: 'place',
        label: '地点',
        before: '东官营镇 海丰村',
        after: '东官营镇 白音村',
        beforeCode: '211381109201',
        afterCode: '211381109202',
      },
      { path: 'flags.food', label: '标记 · 不愁吃', before: '是', after: '否' },
      { path: 'parts.1.size', label: '部件「甲」 · 尺寸', before: '3', after: '5' },
      { path: 'parts.2', label: '部件', before: '乙 · 4', after: null },
      { path: 'parts.3', label: '部件', before: null, after: '丙 · 1' },
    ]);
  });

  it('lists every field with a value on a create, in English when asked, unknown fields by their path', () => {
    expect(diffSnapshots('thing', null, { no: 'T2', colour: 'green', extra: 7 }, 'en')).toEqual([
      { path: 'no', label: 'no', before: null, after: 'T2' },
      { path: 'colour', label: 'Colour', before: null, after: 'green' },
      { path: 'extra', label: 'extra', before: null, after: '7' },
    ]);
  });

  it('does not count a field one snapshot did not record as a change, nor blank against none', () => {
    expect(diffSnapshots('thing', { colour: 'red', note: '' }, { colour: 'red', note: null, added: 'x' }, 'zh-CN')).toEqual([]);
    expect(diffSnapshots('unknown', null, null, 'zh-CN')).toEqual([]);
  });
});
