import { describe, expect, it } from 'vitest';
import { neutralise, restore } from './formula.ts';

describe('formula guard', () => {
  it('quotes what a spreadsheet would run, and nothing else', () => {
    for (const v of ['=1+1', '+1+2', '-1+cmd', '@SUM(A1)', '\tx', '\r=1', '-', "'=x", "''+x"]) expect(neutralise(v), v).toBe(`'${v}`);
    for (const v of ['-300', '+1.5', '-1e5', '.5', '张三', '21138119900101123X', '2101**************', "'x", "O'Brien", 'a=b', ''])
      expect(neutralise(v), v).toBe(v);
  });

  it('is undone exactly by restore, for any text (quotes, operators and digits in every combination up to 4 characters)', () => {
    const alphabet = ["'", '=', '-', '+', '@', '1', 'a', '\t', '.'];
    let texts = [''];
    for (let len = 1; len <= 4; len++)
      texts = [...texts, ...texts.filter((t) => t.length === len - 1).flatMap((t) => alphabet.map((c) => t + c))];
    for (const t of texts) expect(restore(neutralise(t)), JSON.stringify(t)).toBe(t);
  });
});
