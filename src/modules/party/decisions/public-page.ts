import type { Lang } from '../../../server/i18n.ts';
import type { PublicDisclosures } from './public-data.ts';

const esc = (s: string | number | null | undefined) =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const T = {
  heading: ['四议一审两公开 · 村务公开栏', 'Village decisions disclosed (四议一审两公开)'],
  none: ['目前没有公开的决议事项。', 'No decision has been disclosed yet.'],
  amount: ['涉及金额', 'Amount'],
  yuan: ['元', 'yuan'],
  proposed: ['提出', 'Proposed'],
  members: ['党员大会审议', "Party members' meeting"],
  villagers: ['村民（代表）会议决议', "Villagers' meeting"],
  township: ['乡镇审核', 'Township review'],
  disclosed: ['决议公开', 'Decision disclosed'],
  result: ['实施结果公开', 'Result disclosed'],
  votes: [
    '应到 {total}，实到 {present}；赞成 {for}，反对 {against}，弃权 {abstain}',
    'due {total}, present {present}; for {for}, against {against}, abstain {abstain}',
  ],
  reviewer: ['审核人', 'reviewer'],
  pending: ['实施中，结果待公开', 'Being carried out; the result is yet to be disclosed'],
  foot: [
    '本页仅公开已经决议公开的事项及其实施结果，不含任何个人身份信息。如有意见，请向村务监督委员会或乡镇反映。',
    'Only disclosed decisions and their results are shown here; no personal data. Questions go to the village supervision committee or the township.',
  ],
  poster: ['扫码查看本村“四议一审两公开”公示', 'Scan to see the decisions disclosed by this village'],
  print: ['打印本页张贴于村务公开栏', 'Print this page and post it on the village notice board'],
  notFound: ['没有这个村', 'No such village'],
} as const;

const STYLE = `
  body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f5f5;color:#1f1f1f}
  header{background:#b71c1c;color:#fff;padding:16px 20px}
  header h1{margin:0;font-size:20px} header .lang{float:right;color:#fff;font-size:13px;margin-left:12px} header p{margin:4px 0 0;font-size:14px;opacity:.9}
  main{max-width:860px;margin:0 auto;padding:12px}
  article{background:#fff;border-radius:8px;padding:14px 16px;margin:12px 0;box-shadow:0 1px 2px rgba(0,0,0,.08)}
  article h2{font-size:17px;margin:0 0 6px} .tag{display:inline-block;font-size:12px;background:#fff1f0;color:#a8071a;border-radius:4px;padding:1px 6px;margin-right:6px}
  .content{white-space:pre-wrap;margin:8px 0;line-height:1.6} dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px;margin:8px 0;font-size:14px}
  dt{color:#595959} dd{margin:0} footer{font-size:12px;color:#8c8c8c;max-width:860px;margin:0 auto;padding:12px 12px 32px}
  .poster{text-align:center;background:#fff;padding:32px 16px} .poster img{width:min(80vw,420px);height:auto} .poster h1{font-size:28px;margin:8px 0}
  @media print{body{background:#fff} .noprint{display:none}}`;

function page(lang: Lang, title: string, body: string) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const fill = (s: string, v: Record<string, number>) => s.replace(/\{(\w+)\}/g, (_, k: string) => String(v[k] ?? ''));

/** The public disclosure page of a village: server-rendered, no script, readable on a phone. */
export function disclosurePage(data: PublicDisclosures, lang: Lang, qrPath: string) {
  const i = lang === 'en' ? 1 : 0;
  const t = (k: keyof typeof T) => T[k][i];
  const v = data.village;
  const votes = (m: NonNullable<PublicDisclosures['decisions'][number]['villagersMeeting']>) =>
    `${esc(m.heldOn)}　${esc(fill(t('votes'), { total: m.total, present: m.present, for: m.votesFor, against: m.votesAgainst, abstain: m.votesAbstain }))}`;
  const items = data.decisions
    .map(
      (d) => `<article data-decision="${d.id}"><h2>${esc(d.title)}</h2>
<span class="tag">${esc(d.category)}</span>${d.amount !== null ? `<span class="tag">${t('amount')} ${esc(d.amount.toLocaleString('zh-CN'))} ${t('yuan')}</span>` : ''}
<div class="content">${esc(d.content)}</div><dl>
<dt>${t('proposed')}</dt><dd>${esc(d.proposedOn)}</dd>
${d.membersMeeting ? `<dt>${t('members')}</dt><dd>${votes(d.membersMeeting)}</dd>` : ''}
${d.villagersMeeting ? `<dt>${t('villagers')}</dt><dd>${votes(d.villagersMeeting)}</dd>` : ''}
${d.townshipReview ? `<dt>${t('township')}</dt><dd>${esc(d.townshipReview.heldOn)}${d.townshipReview.reviewer ? `　${t('reviewer')}：${esc(d.townshipReview.reviewer)}` : ''}</dd>` : ''}
${d.disclosedOn ? `<dt>${t('disclosed')}</dt><dd>${esc(d.disclosedOn)}${d.place ? `　${esc(d.place)}` : ''}</dd>` : ''}
<dt>${t('result')}</dt><dd>${d.result ? `${esc(d.result.disclosedOn)}　${esc(d.result.summary)}` : t('pending')}</dd>
</dl></article>`,
    )
    .join('\n');
  const other = lang === 'en' ? '<a class="lang" href="?lang=zh-CN">中文</a>' : '<a class="lang" href="?lang=en">English</a>';
  const body = `<header>${other}<h1>${esc(v.name)} · ${t('heading')}</h1><p>${esc(v.county)} ${esc(v.township)} ${esc(v.name)}</p></header>
<main>${items || `<article><p>${t('none')}</p></article>`}</main>
<footer>${t('foot')}<br><a class="noprint" href="${esc(qrPath)}">${t('print')}</a></footer>`;
  return page(lang, `${v.name} ${t('heading')}`, body);
}

/** A page to print and post: the village's name and its QR code. */
export function posterPage(v: PublicDisclosures['village'], lang: Lang, url: string, svgPath: string) {
  const i = lang === 'en' ? 1 : 0;
  return page(
    lang,
    `${v.name} ${T.heading[i]}`,
    `<div class="poster"><p>${esc(v.county)} ${esc(v.township)}</p><h1>${esc(v.name)}</h1><h2>${T.heading[i]}</h2>
<img src="${esc(svgPath)}" alt="QR"><p>${T.poster[i]}</p><p style="font-size:12px;color:#8c8c8c">${esc(url)}</p>
<p class="noprint">${T.print[i]}</p></div>`,
  );
}

export function notFoundPage(lang: Lang) {
  const i = lang === 'en' ? 1 : 0;
  return page(lang, T.notFound[i], `<main><article><h2>404</h2><p>${T.notFound[i]}</p></article></main>`);
}
