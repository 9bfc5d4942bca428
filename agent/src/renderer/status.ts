import type { StatusView } from '../shared/ipc.js';
import { bridge, byId } from './bridge.js';
import { format, messages, translatePage } from './i18n.js';

const m = messages();
translatePage(m);

function render(status: StatusView): void {
  document.body.dataset.state = status.state;
  byId('state').textContent = m[`state_${status.state}`];
  byId('detail').textContent = status.detail;
  byId('queued').textContent = String(status.queued);
  byId('last-upload').textContent = status.lastUploadAt
    ? new Date(status.lastUploadAt).toLocaleString()
    : m.never;
  const toggle = byId<HTMLButtonElement>('pause');
  toggle.textContent = status.paused ? m.resume : m.pause;
  toggle.dataset.paused = String(status.paused);
  toggle.disabled = !status.enrolled || (!status.paused && status.pauseRemainingMinutes <= 0);
  byId('pause-left').textContent = format(m.pauseLeft, { n: status.pauseRemainingMinutes });
}

async function main(): Promise<void> {
  const api = bridge();
  render(await api.getStatus());
  api.onStatus(render);
  byId<HTMLButtonElement>('pause').addEventListener('click', (event) => {
    const paused = (event.currentTarget as HTMLButtonElement).dataset.paused === 'true';
    void api
      .setPaused(!paused)
      .then((answer) => {
        byId('error').textContent = answer.ok ? '' : answer.error;
        return api.getStatus();
      })
      .then(render);
  });
}

void main();
