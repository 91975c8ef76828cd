import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressDir } from './precompress.ts';

describe('precompressDir', () => {
  it('writes .br and .gz copies of text files above 1 kB that decompress to the file, and nothing else', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fupin-precompress-'));
    mkdirSync(path.join(dir, 'assets'));
    const big = Buffer.from('const 村 = "扶贫";\n'.repeat(200));
    writeFileSync(path.join(dir, 'assets', 'a.js'), big);
    writeFileSync(path.join(dir, 'assets', 'b.css'), big);
    writeFileSync(path.join(dir, 'small.js'), 'x');
    writeFileSync(path.join(dir, 'icon.png'), big);
    const r = await precompressDir(dir);
    expect(r.files).toBe(2);
    for (const f of ['assets/a.js', 'assets/b.css']) {
      expect(brotliDecompressSync(readFileSync(path.join(dir, `${f}.br`))).equals(big)).toBe(true);
      expect(gunzipSync(readFileSync(path.join(dir, `${f}.gz`))).equals(big)).toBe(true);
    }
    for (const f of ['small.js.br', 'small.js.gz', 'icon.png.br', 'icon.png.gz', 'assets/a.js.br.br', 'assets/a.js.gz.gz'])
      expect(existsSync(path.join(dir, f)), f).toBe(false);
    // Run again (a rebuild into the same folder): the copies are not compressed themselves.
    expect((await precompressDir(dir)).files).toBe(2);
    expect(existsSync(path.join(dir, 'assets/a.js.br.gz'))).toBe(false);
  });
});
