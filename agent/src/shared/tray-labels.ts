import type { TrayState } from './ipc.js';

export interface TrayLabels {
  states: Record<TrayState, string>;
  queued: string;
  status: string;
  pause: string;
  resume: string;
  notice: string;
  settings: string;
  quit: string;
  /** The notification at each screenshot; `{time}` is the capture's time. */
  screenshotTitle: string;
  screenshotBody: string;
}

const en: TrayLabels = {
  states: {
    tracking: 'Recording',
    paused: 'Paused',
    offline: 'Offline',
    'notice-pending': 'Notice to read',
    stopped: 'Not recording',
  },
  queued: 'queued',
  status: 'Status…',
  pause: 'Pause for private time',
  resume: 'Resume',
  notice: 'Monitoring notice…',
  settings: 'Settings…',
  quit: 'Quit',
  screenshotTitle: 'Screenshot taken',
  screenshotBody: 'At {time}. You can see and delete it in the agent’s status window.',
};

const ru: TrayLabels = {
  states: {
    tracking: 'Идёт запись',
    paused: 'Пауза',
    offline: 'Нет связи',
    'notice-pending': 'Прочтите уведомление',
    stopped: 'Запись не ведётся',
  },
  queued: 'в очереди',
  status: 'Состояние…',
  pause: 'Пауза на личное время',
  resume: 'Продолжить',
  notice: 'Уведомление о мониторинге…',
  settings: 'Настройки…',
  quit: 'Выйти',
  screenshotTitle: 'Сделан снимок экрана',
  screenshotBody: 'В {time}. Его можно посмотреть и удалить в окне состояния агента.',
};

const uk: TrayLabels = {
  states: {
    tracking: 'Триває запис',
    paused: 'Пауза',
    offline: "Немає зв'язку",
    'notice-pending': 'Прочитайте повідомлення',
    stopped: 'Запис не ведеться',
  },
  queued: 'у черзі',
  status: 'Стан…',
  pause: 'Пауза на особистий час',
  resume: 'Продовжити',
  notice: 'Повідомлення про моніторинг…',
  settings: 'Налаштування…',
  quit: 'Вийти',
  screenshotTitle: 'Зроблено знімок екрана',
  screenshotBody: 'О {time}. Його можна переглянути й видалити у вікні стану агента.',
};

/** For a locale such as `uk-UA`; English when the language is not one of ours. */
export function trayLabels(locale: string): TrayLabels {
  const language = locale.slice(0, 2).toLowerCase();
  return language === 'ru' ? ru : language === 'uk' ? uk : en;
}
