import type { FieldMe, FieldRecords } from './api';
import type { Lang, Word } from './i18n';
import type { QueuedLog, QueuedVisit } from './store';

export type T = (w: Word, p?: Record<string, string | number>) => string;

/** What every tab of the app reads: the login, the language, the connection, the queues and this month's records. */
export interface Ctx {
  lang: Lang;
  t: T;
  me: FieldMe;
  online: boolean;
  records: FieldRecords | null;
  pendingLogs: QueuedLog[];
  pendingVisits: QueuedVisit[];
  /** After something was queued: re-read the queues and try to send them. */
  queued: () => Promise<void>;
}

/** The photo limit the server applies by default (setting cadres.log_photo_max_mb); the server has the last word. */
export const PHOTO_MAX_MB = 5;
