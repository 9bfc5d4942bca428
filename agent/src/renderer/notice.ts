import { bridge, byId } from './bridge.js';
import { messages, translatePage } from './i18n.js';

const m = messages();
translatePage(m);

async function main(): Promise<void> {
  const notice = await bridge().getNotice();
  const text = byId('notice-text');
  const accept = byId<HTMLButtonElement>('accept');
  const result = byId('result');
  if (notice === null) {
    text.textContent = m.noticeNone;
    accept.hidden = true;
    return;
  }
  // The organization's text is shown as text, never as markup.
  text.textContent = notice.text;
  text.lang = notice.language;
  byId('notice-version').textContent = String(notice.version);
  accept.addEventListener('click', () => {
    accept.disabled = true;
    void bridge()
      .acknowledgeNotice(notice.version)
      .then((answer) => {
        result.textContent = answer.ok ? m.noticeDone : answer.error;
        accept.hidden = answer.ok;
        accept.disabled = false;
      });
  });
}

void main();
