/** The shapes of the demo register (./generate.ts): the villages and options it takes, the households it yields, its plan. */

export interface DemoVillage {
  code: string;
  name: string;
  township_code: string;
  county_code: string;
}

export interface GenerateOptions {
  /** 1 = 810,000 persons and 1,791 poor villages; 0.1 = 81,000 and 179. */
  scale: number;
  seed: number | string;
  /** The real villages to place households in (the caller reads them from the database). */
  villages: readonly DemoVillage[];
  /** The provincial poverty counties (6-digit codes): most poor villages and persons are there. */
  povertyCountyCodes: readonly string[];
  /** The register's present (default: the clock). Statuses, schooling and deadlines are as of its year; no date is after it. */
  today?: Date;
  /** Regions (code prefixes) that must hold households: the demo accounts' regions, so each has data to show. */
  regionsWithData?: readonly string[];
  /** Poverty line (yuan per person per year) by year; a setting, so the caller may pass its own. */
  povertyLines?: Readonly<Record<number, number>>;
}

export interface DemoMember {
  name: string;
  id_number: string;
  gender: 'M' | 'F';
  birth_date: string;
  ethnicity: string;
  relation: string;
  education: string;
  schooling: string;
  health: string;
  labour: string;
  work: string;
  medical_insurance: boolean;
}

export interface DemoProject {
  type: string;
  year: number;
  amount: number;
  state: string;
}

export interface DemoHousehold {
  county_code: string;
  township_code: string;
  village_code: string;
  household_no: string;
  category: string;
  cause: string;
  year_identified: number;
  planned_exit_year: number | null;
  exit_year: number | null;
  status: 'poor' | 'exited' | 'returned' | 'monitored';
  /** How the status came to be, oldest first: poor (year identified) → exited (exit year) → returned / monitored (asOfYear). */
  status_history: { status: 'poor' | 'exited' | 'returned' | 'monitored'; year: number }[];
  incomes: { year: number; per_capita: number }[];
  guarantees: { food: boolean; clothing: boolean; education: boolean; medical: boolean; housing: boolean };
  helper: { name: string; phone: string } | null;
  projects: DemoProject[];
  members: DemoMember[];
}

export interface PoorVillagePlan {
  village_code: string;
  township_code: string;
  county_code: string;
  name: string;
  year_listed: number;
  /** Rural population (denominator of the poverty incidence), larger than the registered poor of the village. */
  rural_population: number;
  /** Year the village exited (its remaining poor below the threshold), null while still poor. */
  exit_year: number | null;
}

export interface RegisterPlan {
  /** Persons the register will contain, exactly. */
  persons: number;
  poorVillages: PoorVillagePlan[];
  /** Villages that will hold at least one household. */
  villagesWithHouseholds: number;
  /** Persons per village code (only villages that get households). */
  quotas: ReadonlyMap<string, number>;
}
