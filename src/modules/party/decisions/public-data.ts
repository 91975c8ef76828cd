import type { Db } from '../../../db/types.ts';
import { notFound } from '../../../server/errors.ts';
import type { Lang } from '../../../server/i18n.ts';
import { maskText } from '../../pii/mask.ts';
import { getSetting } from '../../settings.ts';
import { CATEGORY_LABELS, label, maskName } from './labels.ts';
import * as q from './queries.ts';

/** 1: the public page shows names in full; 0 (the default): 王*明. A province (or county) setting. */
export const PUBLIC_NAMES = 'party.public_full_names';

const meeting = (s: q.StepRow | undefined) =>
  s && s.present !== null
    ? {
        heldOn: s.held_on,
        present: Number(s.present),
        total: Number(s.total),
        votesFor: Number(s.votes_for),
        votesAgainst: Number(s.votes_against),
        votesAbstain: Number(s.votes_abstain),
      }
    : null;

/**
 * What the public disclosure page of a village shows, without login: its disclosed decisions (and results once
 * disclosed) with the meetings' dates and votes. No person's ID number, phone, account or health appears: the
 * decision holds none by design, free text is masked all the same (an ID number or mobile typed into a decision's
 * text), and the township reviewer's name is masked unless the province shows names in full. Unknown and non-village
 * codes answer 404.
 */
export async function publicDisclosures(db: Db, code: string, lang: Lang) {
  if (!/^\d{12}$/.test(code)) throw notFound();
  const region = await q.regionOf(db, code);
  if (!region || Number(region.level) !== 5) throw notFound();
  const full = Number(await getSetting(db, PUBLIC_NAMES, 0, { scopeCode: code })) === 1;
  const name = (n: string | null) => (n === null ? null : full ? n : maskName(n));
  const decisions = await q.disclosedDecisions(db, code, 100);
  const steps = decisions.length
    ? await q.stepsOf(
        db,
        code.slice(0, 6),
        decisions.map((d) => Number(d.id)),
      )
    : [];
  return {
    village: { code, name: region.name, township: region.township_name ?? '', county: region.county_name ?? '' },
    decisions: decisions.map((d) => {
      const mine = steps.filter((s) => Number(s.decision_id) === Number(d.id));
      const of = (step: string) => mine.find((s) => s.step === step);
      const review = of('township_review');
      const disclosed = of('disclose_decision');
      const result = of('disclose_result');
      const cat = d.category as keyof typeof CATEGORY_LABELS;
      return {
        id: Number(d.id),
        title: maskText(d.title),
        content: maskText(d.content),
        category: label(CATEGORY_LABELS[cat], cat, lang),
        amount: d.amount === null ? null : Number(d.amount),
        proposedOn: d.proposed_on,
        membersMeeting: meeting(of('members_meeting')),
        villagersMeeting: meeting(of('villagers_meeting')),
        townshipReview: review ? { heldOn: review.held_on, reviewer: name(review.township_attendee) } : null,
        disclosedOn: disclosed?.held_on ?? null,
        place: disclosed?.place ? maskText(disclosed.place) : null,
        result: result
          ? { disclosedOn: result.held_on, summary: maskText(result.summary ?? ''), place: result.place ? maskText(result.place) : null }
          : null,
      };
    }),
  };
}

export type PublicDisclosures = Awaited<ReturnType<typeof publicDisclosures>>;
