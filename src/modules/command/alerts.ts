import type { Db, Tx } from '../../db/types.ts';
import { thisMonth } from '../../server/clock.ts';
import { AppError, notFound } from '../../server/errors.ts';
import type { Lang } from '../../server/i18n.ts';
import * as audit from '../audit/service.ts';
import { directory, pathOf } from './directory.ts';
import { ALERT_RULES, text } from './indicators.ts';
import * as q from './queries.ts';
import { bumpVersion } from './rollups.ts';
import type { AlertRuleDef, Context, MeasureReader } from './types.ts';

/** The alert feed: every provider's rules, in scope, with acknowledgements (audited). */

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
const RULES = [...ALERT_RULES].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);

function ruleOrThrow(id: string): AlertRuleDef {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new AppError('VALIDATION_FAILED', 400, {}, [{ path: 'rule', message: '没有这个预警规则|There is no such alert rule' }]);
  return rule;
}

/** Per rule: how many items are in the region, and how many of those someone has acknowledged. */
export async function alertSummary(db: Tx, region: string, m: MeasureReader, ctx: Context, lang: Lang) {
  const ackedBy = new Map((await q.ackCounts(db, region)).map((r) => [r.rule, Number(r.n)]));
  const out = [];
  for (const rule of RULES) {
    const count = rule.count ? rule.count(m, ctx) : await q.countRuleItems(db, rule.items(region, ctx));
    out.push({
      rule: rule.id,
      name: text(rule.name, lang),
      severity: rule.severity,
      count,
      acknowledged: Math.min(count, ackedBy.get(rule.id) ?? 0),
    });
  }
  return out;
}

export interface AlertListQuery {
  region: string;
  rule?: string;
  state: 'open' | 'acknowledged' | 'all';
  cursor?: string;
  limit: number;
}

/** Items in rule order (most severe first), then each rule's index order; the cursor is "rank:sort_a:sort_b". */
export async function listAlerts(db: Db, scope: string, query: AlertListQuery, ctx: Context, lang: Lang) {
  const rules = query.rule ? [ruleOrThrow(query.rule)] : RULES;
  let after: { rank: number; a: string; b: number } | null = null;
  if (query.cursor) {
    const m = /^(\d{1,3}):(\d{1,12}):(\d{1,18})$/.exec(query.cursor);
    if (!m) throw new AppError('VALIDATION_FAILED', 400, {}, [{ path: 'cursor', message: '翻页位置无效|Invalid page cursor' }]);
    after = { rank: Number(m[1]), a: m[2] as string, b: Number(m[3]) };
  }
  // Rule by rule, each an index walk that stops at the page's end: a province's thousands of items cost a page.
  const rows: q.AlertRow[] = [];
  for (const rule of rules) {
    const rank = RULES.indexOf(rule);
    if (after && rank < after.rank) continue;
    rows.push(
      ...(await q.ruleAlertPage(db, {
        rank,
        rule: rule.id,
        items: rule.items(query.region, ctx),
        state: query.state,
        after: after && rank === after.rank ? after : null,
        limit: query.limit + 1 - rows.length,
      })),
    );
    if (rows.length > query.limit) break;
  }
  const dir = await directory(db);
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((row) => {
      const rule = RULES[row.rank] as AlertRuleDef;
      const path = pathOf(dir, row.region_code, scope);
      return {
        rule: row.rule,
        key: row.item_key,
        severity: rule.severity,
        what: lang === 'en' ? row.what_en : row.what_zh,
        region: {
          code: row.region_code,
          name: dir.get(row.region_code)?.name ?? row.region_code,
          path: path.map((p) => p.name).join(' / '),
        },
        since: String(row.since).slice(0, 10),
        link:
          row.link_kind === 'household'
            ? { kind: 'household' as const, id: Number(row.link_id), countyCode: row.county_code }
            : row.link_kind === 'security'
              ? { kind: 'security' as const, id: Number(row.link_id) }
              : row.link_kind === 'page' && row.link_path
                ? { kind: 'page' as const, path: row.link_path }
                : { kind: 'village' as const, code: row.region_code },
        acknowledged: row.acked_by_name
          ? { by: row.acked_by_name, at: new Date(row.acked_at as string).toISOString(), note: row.note }
          : null,
      };
    }),
    nextCursor: rows.length > query.limit && last ? `${last.rank}:${last.sort_a}:${last.sort_b}` : null,
    month: thisMonth(),
  };
}

/**
 * Acknowledges one item. The item must be a current alert inside the user's scope; anything else answers 404, the
 * same as an item that does not exist. Acknowledging twice changes nothing.
 */
export async function acknowledge(
  db: Db,
  scope: string,
  actor: audit.Actor,
  body: { rule: string; key: string; note?: string },
  ctx: Context,
) {
  const rule = ruleOrThrow(body.rule);
  const done = await db.transaction().execute(async (tx) => {
    const item = await q.findRuleItem(tx, rule.items(scope, ctx), body.key);
    if (!item) throw notFound();
    const inserted = await q.insertAck(tx, {
      county: item.county_code,
      rule: rule.id,
      key: item.item_key,
      region: item.region_code,
      actorId: actor.id,
      actorName: actor.username,
      note: body.note || null,
    });
    if (!inserted) return { changed: false };
    await audit.record(tx, actor, {
      scopeCode: item.region_code,
      entity: 'alert',
      entityId: `${rule.id}:${item.item_key}`,
      action: 'acknowledge',
      after: { rule: rule.id, key: item.item_key, what: item.what_zh, note: body.note ?? null },
    });
    await bumpVersion(tx);
    return { changed: true };
  });
  if (done.changed) await bumpVersion(db);
  return done;
}
