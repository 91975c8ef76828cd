import type { Client, Reply } from './app.ts';

/** Asks for a dashboard or map answer until it says its figures are current (the background work done), at most `ms`. */
export async function settled(client: Client, url: string, ms = 60_000): Promise<Reply> {
  const until = Date.now() + ms;
  for (;;) {
    const r = await client.get(url);
    if (r.status !== 200 || r.body.freshness?.current || Date.now() > until) return r;
    await new Promise((done) => setTimeout(done, 50));
  }
}
