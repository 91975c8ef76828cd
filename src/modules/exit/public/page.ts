import { randomBytes } from 'node:crypto';
import type { Lang } from '../../../server/i18n.ts';
import { disclosurePage } from '../../party/decisions/public-page.ts';
import type { BoardSection, VillageBoard } from './board.ts';

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const t2 = (lang: Lang, zh: string, en: string) => (lang === 'en' ? en : zh);

const STYLE = `
  .board-sec h2{font-size:18px;margin:0 0 8px} .board-sec .note{font-size:13px;color:#595959;margin:6px 0}
  .board-item{border-top:1px solid #f0f0f0;padding:8px 0} .board-item h3{font-size:16px;margin:0 0 4px}
  .board-item dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:14px}
  form.complaint label{display:block;margin:10px 0 4px;font-size:14px} form.complaint textarea,form.complaint input,form.complaint select{width:100%;box-sizing:border-box;font:inherit;padding:6px;border:1px solid #d9d9d9;border-radius:4px}
  form.complaint button{margin-top:12px;background:#b71c1c;color:#fff;border:0;border-radius:4px;padding:8px 20px;font-size:15px}
  .hint{font-size:12px;color:#8c8c8c}`;

/** The board's sections (exit notices, monitoring notices …) as articles of the village's public page. */
export function sectionsHtml(sections: readonly BoardSection[]) {
  return sections
    .map(
      (s) => `<article class="board-sec" data-section="${esc(s.id)}"><h2>${esc(s.title)}</h2>
${s.items.length ? s.items.map((i) => `<div class="board-item"><h3>${esc(i.heading)}</h3><dl>${i.fields.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`).join('')}</dl></div>`).join('\n') : `<p>${esc(s.empty)}</p>`}
${s.note ? `<p class="note">${esc(s.note)}</p>` : ''}</article>`,
    )
    .join('\n');
}

/**
 * The complaint / objection form (works without script: a plain POST with a same-site token) and the lookup by
 * reference. Nothing personal is asked; a contact is optional.
 */
export function complaintFormHtml(code: string, sections: readonly BoardSection[], token: string, lang: Lang) {
  const targets = sections.flatMap((s) => s.objectable ?? []);
  const options = targets.map((o) => `<option value="${o.id}">${esc(o.label)}</option>`).join('');
  return `<article id="complaint"><style>${STYLE}</style><h2>${t2(lang, '投诉与异议', 'Complaints and objections')}</h2>
<form class="complaint" method="post" action="/public/villages/${esc(code)}/complaints">
<input type="hidden" name="token" value="${esc(token)}">
<label for="kind">${t2(lang, '类别', 'Kind')}</label>
<select id="kind" name="kind"><option value="objection">${t2(lang, '对公示的异议', 'Objection to a notice')}</option><option value="complaint">${t2(lang, '其他投诉', 'Other complaint')}</option></select>
${targets.length ? `<label for="noticeId">${t2(lang, '异议对象（公示中的户）', 'Household in notice')}</label><select id="noticeId" name="noticeId"><option value="">—</option>${options}</select>` : ''}
<label for="content">${t2(lang, '内容（5–2000 字）', 'What happened (5–2000 characters)')}</label>
<textarea id="content" name="content" rows="5" minlength="5" maxlength="2000" required></textarea>
<label for="contact">${t2(lang, '联系方式（可不填）', 'Contact (optional)')}</label>
<input id="contact" name="contact" maxlength="100" autocomplete="off">
<p class="hint">${t2(lang, '请勿填写身份证号、银行账号等个人信息。提交后会得到一个查询编号。', 'Do not write ID numbers or bank accounts. You get a reference number to follow it.')}</p>
<button type="submit">${t2(lang, '提交', 'Send')}</button></form>
<form class="complaint" method="get" action="/public/complaints"><label for="ref">${t2(lang, '按编号查询办理情况', 'Follow a complaint by its reference')}</label>
<input id="ref" name="ref" maxlength="20" placeholder="211381-XXXXXXXXXX"><button type="submit">${t2(lang, '查询', 'Look up')}</button></form></article>`;
}

/** The party page's HTML with the board's sections first and the form last (the page is one village's board). */
export function withBoard(html: string, sections: string, form: string) {
  return html.replace('<main>', `<main>${sections}`).replace('</main>', `${form}</main>`);
}

/** Stands for the form's token in a page kept for every visitor (random per process: no board text can contain it). */
const TOKEN_SLOT = `token-${randomBytes(16).toString('hex')}`;

/**
 * The village's public page (the party's disclosures page with the board's sections first and the form last) as the
 * text before and after the visitor's form token: built once per village and language, sent to every visitor with
 * their own token in between (pageWithToken).
 */
export function boardPage(board: VillageBoard, lang: Lang, qrPath: string): [string, string] {
  const html = withBoard(
    disclosurePage(board, lang, qrPath),
    sectionsHtml(board.sections),
    complaintFormHtml(board.village.code, board.sections, TOKEN_SLOT, lang),
  );
  const at = html.indexOf(TOKEN_SLOT);
  if (at < 0 || html.indexOf(TOKEN_SLOT, at + 1) >= 0) throw new Error('the board page must hold the form token once');
  return [html.slice(0, at), html.slice(at + TOKEN_SLOT.length)];
}

export const pageWithToken = (page: readonly [string, string], token: string) => page[0] + esc(token) + page[1];

function shell(lang: Lang, title: string, body: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f5f5;color:#1f1f1f}
main{max-width:640px;margin:0 auto;padding:16px} article{background:#fff;border-radius:8px;padding:16px;margin:12px 0}
.ref{font-size:22px;font-weight:bold;letter-spacing:1px;color:#b71c1c} a{color:#1677ff}</style></head><body><main>${body}</main></body></html>`;
}

export function receivedPage(lang: Lang, reference: string, back: string) {
  return shell(
    lang,
    t2(lang, '已收到', 'Received'),
    `<article data-testid="complaint-received"><h1>${t2(lang, '已收到，县扶贫部门将办理', 'Received; the county will handle it')}</h1>
<p>${t2(lang, '查询编号（请保存）：', 'Your reference (keep it):')}</p><p class="ref" id="reference">${esc(reference)}</p>
<p><a href="/public/complaints?ref=${encodeURIComponent(reference)}">${t2(lang, '查询办理情况', 'Follow it')}</a> · <a href="${esc(back)}">${t2(lang, '返回公开栏', 'Back to the board')}</a></p></article>`,
  );
}

export function problemPage(lang: Lang, problems: readonly string[], back: string) {
  return shell(
    lang,
    t2(lang, '未能提交', 'Not sent'),
    `<article data-testid="complaint-problem"><h1>${t2(lang, '未能提交', 'Not sent')}</h1><ul>${problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>
<p><a href="${esc(back)}">${t2(lang, '返回重新填写', 'Back to the form')}</a></p></article>`,
  );
}

export function statusPage(
  lang: Lang,
  s: { reference: string; receivedOn: string; stateLabel: string; answeredOn: string | null; answer: string | null } | null,
) {
  if (!s)
    return shell(
      lang,
      '404',
      `<article data-testid="complaint-status"><h1>${t2(lang, '没有找到这个编号', 'No complaint has this reference')}</h1></article>`,
    );
  return shell(
    lang,
    s.reference,
    `<article data-testid="complaint-status"><h1>${esc(s.reference)}</h1><p>${t2(lang, '收到日期', 'Received')}：${esc(s.receivedOn)}</p>
<p>${t2(lang, '办理情况', 'State')}：<strong>${esc(s.stateLabel)}</strong></p>
${s.answer ? `<p>${t2(lang, '答复', 'Answer')}（${esc(s.answeredOn)}）：</p><p style="white-space:pre-wrap">${esc(s.answer)}</p>` : ''}</article>`,
  );
}
