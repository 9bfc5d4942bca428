import type { ScreenshotView, StatusView } from '../shared/ipc.js';
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

function renderScreenshots(shots: ScreenshotView[], remove: (id: string) => void): void {
  byId('screenshots').hidden = shots.length === 0;
  const list = byId('screenshot-list');
  list.replaceChildren(
    ...shots.map((shot) => {
      const item = document.createElement('li');
      item.dataset.id = shot.id;
      item.textContent = `${new Date(shot.capturedAt).toLocaleString()} — ${m[`shot_${shot.state}`]} `;
      if (shot.state !== 'deleted') {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = m.deleteShot;
        button.addEventListener('click', () => remove(shot.id));
        item.append(button);
      }
      return item;
    }),
  );
}

async function main(): Promise<void> {
  const api = bridge();
  render(await api.getStatus());
  const loadScreenshots = async (): Promise<void> =>
    renderScreenshots(await api.listScreenshots(), (id) => {
      void api.deleteScreenshot(id).then(async (answer) => {
        byId('error').textContent = answer.ok ? '' : answer.error;
        await loadScreenshots();
      });
    });
  await loadScreenshots();
  api.onStatus((status) => {
    render(status);
    void loadScreenshots();
  });
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
