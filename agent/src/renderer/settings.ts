import type { SettingsView } from '../shared/ipc.js';
import { bridge, byId } from './bridge.js';
import { format, messages, translatePage } from './i18n.js';

const m = messages();
translatePage(m);

function render(settings: SettingsView): void {
  byId('enrollment').textContent = settings.enrolled
    ? format(m.enrolled, { server: settings.serverUrl ?? '', email: settings.employeeEmail ?? '' })
    : m.notEnrolled;
  byId<HTMLInputElement>('server').value = settings.serverUrl ?? '';
  byId<HTMLInputElement>('email').value = settings.employeeEmail ?? '';
  byId<HTMLInputElement>('start-at-login').checked = settings.startAtLogin;
}

async function main(): Promise<void> {
  const api = bridge();
  render(await api.getSettings());
  const form = byId<HTMLFormElement>('enroll-form');
  const result = byId('result');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!form.checkValidity()) {
      result.textContent = m.invalid;
      return;
    }
    const input = {
      serverUrl: byId<HTMLInputElement>('server').value.trim(),
      enrollmentToken: byId<HTMLInputElement>('token').value.trim(),
      employeeEmail: byId<HTMLInputElement>('email').value.trim(),
    };
    void api
      .enroll(input)
      .then(async (answer) => {
        result.textContent = answer.ok ? m.saved : answer.error;
        if (answer.ok) byId<HTMLInputElement>('token').value = '';
        render(await api.getSettings());
      })
      .catch((error: unknown) => (result.textContent = String(error)));
  });
  byId<HTMLInputElement>('start-at-login').addEventListener('change', (event) => {
    const enabled = (event.currentTarget as HTMLInputElement).checked;
    void api.setStartAtLogin(enabled).then((answer) => {
      result.textContent = answer.ok ? m.saved : answer.error;
    });
  });
}

void main();
