import type { OptionalCategory } from './mail-catalog.js';

// The pages a person sees after clicking the link in a mail; no console, no script, no cookies.
const NAMES: Record<OptionalCategory, string> = {
  reports: 'scheduled report mails',
  product: 'product news',
};

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(title)}</title></head><body style="font-family:Arial,Helvetica,sans-serif;max-width:520px;margin:48px auto;padding:0 16px;color:#1f2933"><h1 style="font-size:20px">${escape(title)}</h1>${body}</body></html>`;
}

export function unsubscribeConfirmPage(
  category: OptionalCategory,
  email: string,
  token: string,
): string {
  return page(
    'Unsubscribe',
    `<p>Stop sending ${NAMES[category]} to <strong>${escape(email)}</strong>?</p><form method="post" action="?token=${encodeURIComponent(token)}"><button type="submit" style="padding:10px 18px">Unsubscribe</button></form><p style="color:#616e7c;font-size:13px">You can turn them on again in the console under mail preferences.</p>`,
  );
}

export function unsubscribedPage(category: OptionalCategory): string {
  return page(
    'Unsubscribed',
    `<p>You will no longer receive ${NAMES[category]}. You can turn them on again in the console under mail preferences.</p>`,
  );
}
