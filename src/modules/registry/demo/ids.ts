import { checkDigit } from '../idcard.ts';

/**
 * Synthetic resident ID numbers that are unique by construction.
 *
 * Within one county (the first 6 digits) and one birth date, the 3-digit sequence has 500 odd values (men) and
 * 500 even values (women). A per-(county, date, gender) counter hands out the n-th slot, scrambled by a bijection
 * of 0..499 so consecutive people do not get 001, 003, 005…; when a date's 500 slots for a gender are used up
 * the person moves to the next day, so the caller must use the birth date returned here.
 * Two allocations can therefore never produce the same number.
 *
 * A second allocator for other people of the same counties (the demo's resident cadres) counts `fromTop`: its n-th
 * number of a (county, date, gender) is the register's (499 - n)-th, so the two never meet unless one date's 500
 * slots are all used (the register holds a few people per county and date).
 */

const SLOTS = 500;
/** Day 0 is 1900-01-01; the allocator covers 1900-01-01 … 2099-12-31. */
const DAYS = 73_049;

/** Days since 1900-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil, shifted). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 693_901; // 719,468 (0000-03-01 to 1970-01-01) - 25,567 (1900-01-01 to 1970-01-01)
}

const isoCache: (string | undefined)[] = new Array(DAYS);

export function dayIndex(isoDate: string): number {
  return daysFromCivil(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)), Number(isoDate.slice(8, 10)));
}

/** Day index of 1 January of a year. */
export function yearStart(year: number): number {
  return daysFromCivil(year, 1, 1);
}

/** 'YYYY-MM-DD' of a day index (cached: the generator asks for the same few thousand dates again and again). */
export function dayToIso(day: number): string {
  const hit = day >= 0 && day < DAYS ? isoCache[day] : undefined;
  if (hit !== undefined) return hit;
  const iso = new Date(Date.UTC(1900, 0, 1 + day)).toISOString().slice(0, 10);
  if (day >= 0 && day < DAYS) isoCache[day] = iso;
  return iso;
}

export class IdAllocator {
  /** Counters per county: [day * 2 + (male ? 1 : 0)] → slots used. */
  private counters = new Map<string, Uint16Array>();
  private lastCounty = '';
  private lastCounts: Uint16Array | null = null;

  constructor(private readonly opts: { fromTop?: boolean } = {}) {}

  /**
   * Hands out a number for a person of this county, birth date and gender.
   * Returns the number and the birth date it encodes (later than asked only when that date was full).
   */
  allocate(countyCode: string, birthDate: string, gender: 'M' | 'F'): { id: string; birthDate: string } {
    const { id, day } = this.allocateDay(countyCode, dayIndex(birthDate), gender);
    return { id, birthDate: dayToIso(day) };
  }

  /** As `allocate`, with the birth date as a day index since 1900-01-01. */
  allocateDay(countyCode: string, wantedDay: number, gender: 'M' | 'F'): { id: string; day: number } {
    const counts = this.countsOf(countyCode);
    const male = gender === 'M' ? 1 : 0;
    for (let day = wantedDay; ; day++) {
      if (day < 0 || day >= DAYS) throw new Error(`birth date out of range: day ${day} since 1900-01-01`);
      const k = day * 2 + male;
      const n = counts[k] as number;
      if (n >= SLOTS) continue;
      counts[k] = n + 1;
      const nth = this.opts.fromTop ? SLOTS - 1 - n : n;
      const slot = (nth * 7 + (day % SLOTS)) % SLOTS; // 7 is coprime to 500: a bijection of 0..499
      const seq = slot * 2 + male; // odd = male, even = female
      const iso = dayToIso(day);
      const first17 = countyCode + iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + (seq < 10 ? '00' : seq < 100 ? '0' : '') + seq;
      return { id: first17 + checkDigit(first17), day };
    }
  }

  private countsOf(countyCode: string): Uint16Array {
    if (countyCode === this.lastCounty && this.lastCounts) return this.lastCounts;
    if (!/^\d{6}$/.test(countyCode)) throw new Error(`county code must have 6 digits: ${countyCode}`);
    let counts = this.counters.get(countyCode);
    if (!counts) {
      counts = new Uint16Array(DAYS * 2);
      this.counters.set(countyCode, counts);
    }
    this.lastCounty = countyCode;
    this.lastCounts = counts;
    return counts;
  }

  /** Forgets a county's counters (call only when that county will not come again, to bound memory). */
  release(countyCode: string): void {
    this.counters.delete(countyCode);
    if (countyCode === this.lastCounty) {
      this.lastCounty = '';
      this.lastCounts = null;
    }
  }
}
