import { z } from 'zod';
import type { Lang } from './i18n.ts';

const locales = { 'zh-CN': z.locales.zhCN(), en: z.locales.en() };

interface FastifyIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Fastify hands us zod issues already rendered in English; re-render each in the user's language.
 * Messages our schemas give themselves are written `中文|English`; we pick the half.
 */
export function localiseIssues(issues: FastifyIssue[], lang: Lang, input: unknown) {
  return issues.map((i) => {
    const path = i.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = i.message ?? '';
    if (message.includes('|')) {
      const [zh, en] = message.split('|');
      message = (lang === 'en' ? en : zh) ?? message;
    } else {
      const at = path
        ? path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), input)
        : input;
      const raw = { code: i.keyword, input: at, ...(i.params ?? {}), path: path.split('.') } as never;
      message = locales[lang].localeError(raw) as string;
      if (typeof message !== 'string' || !message) message = i.message ?? '';
    }
    return { path, code: i.keyword, message };
  });
}
