// The agent's texts in the product's three languages; the page follows the system language.
const en = {
  noticeTitle: 'Monitoring notice',
  noticeIntro: 'Your organization asks you to read this before the agent starts recording.',
  noticeAccept: 'I have read this notice',
  noticeDone: 'Thank you. Recording starts now; you can pause it for private time.',
  noticeNone: 'Your organization has published no monitoring notice.',
  statusTitle: 'CallTimeX agent',
  state_tracking: 'Recording working time',
  state_paused: 'Paused (private time)',
  state_offline: 'Offline: activity is kept on this computer until the server answers',
  'state_notice-pending': 'Waiting for you to read the monitoring notice',
  state_stopped: 'Not recording',
  queued: 'Waiting to be sent',
  lastUpload: 'Last sent',
  never: 'never',
  pause: 'Pause for private time',
  resume: 'Resume',
  pauseLeft: 'Private time left today: {n} min',
  settingsTitle: 'Settings',
  server: 'Server address',
  token: 'Enrollment token',
  email: 'Your work email',
  enroll: 'Connect this computer',
  enrolled: 'Connected to {server} as {email}',
  notEnrolled: 'This computer is not connected to a CallTimeX server yet.',
  startAtLogin: 'Start when I sign in',
  saved: 'Saved',
  invalid: 'Please check the fields.',
  screenshotsTitle: 'Screenshots',
  screenshotsHint: 'Taken in the last 7 days. You can delete your own.',
  shot_queued: 'not sent yet',
  shot_uploaded: 'sent',
  shot_deleted: 'deleted',
  deleteShot: 'Delete',
};

type Messages = typeof en;

const ru: Messages = {
  noticeTitle: 'Уведомление о мониторинге',
  noticeIntro: 'Организация просит прочитать это до начала записи.',
  noticeAccept: 'Я прочитал(а) уведомление',
  noticeDone: 'Спасибо. Запись начата; её можно приостановить на личное время.',
  noticeNone: 'Организация не публиковала уведомление о мониторинге.',
  statusTitle: 'Агент CallTimeX',
  state_tracking: 'Идёт учёт рабочего времени',
  state_paused: 'Пауза (личное время)',
  state_offline: 'Нет связи: данные хранятся на компьютере до ответа сервера',
  'state_notice-pending': 'Ожидает прочтения уведомления о мониторинге',
  state_stopped: 'Запись не ведётся',
  queued: 'Ожидают отправки',
  lastUpload: 'Последняя отправка',
  never: 'никогда',
  pause: 'Пауза на личное время',
  resume: 'Продолжить',
  pauseLeft: 'Личного времени на сегодня: {n} мин',
  settingsTitle: 'Настройки',
  server: 'Адрес сервера',
  token: 'Токен подключения',
  email: 'Рабочий email',
  enroll: 'Подключить компьютер',
  enrolled: 'Подключено к {server} как {email}',
  notEnrolled: 'Компьютер ещё не подключён к серверу CallTimeX.',
  startAtLogin: 'Запускать при входе в систему',
  saved: 'Сохранено',
  invalid: 'Проверьте поля.',
  screenshotsTitle: 'Снимки экрана',
  screenshotsHint: 'Сделанные за последние 7 дней. Свои снимки можно удалить.',
  shot_queued: 'ещё не отправлен',
  shot_uploaded: 'отправлен',
  shot_deleted: 'удалён',
  deleteShot: 'Удалить',
};

const uk: Messages = {
  noticeTitle: 'Повідомлення про моніторинг',
  noticeIntro: 'Організація просить прочитати це до початку запису.',
  noticeAccept: 'Я прочитав(ла) повідомлення',
  noticeDone: 'Дякуємо. Запис розпочато; його можна призупинити на особистий час.',
  noticeNone: 'Організація не публікувала повідомлення про моніторинг.',
  statusTitle: 'Агент CallTimeX',
  state_tracking: 'Триває облік робочого часу',
  state_paused: 'Пауза (особистий час)',
  state_offline: "Немає зв'язку: дані зберігаються на комп'ютері до відповіді сервера",
  'state_notice-pending': 'Очікує прочитання повідомлення про моніторинг',
  state_stopped: 'Запис не ведеться',
  queued: 'Очікують надсилання',
  lastUpload: 'Останнє надсилання',
  never: 'ніколи',
  pause: 'Пауза на особистий час',
  resume: 'Продовжити',
  pauseLeft: 'Особистого часу на сьогодні: {n} хв',
  settingsTitle: 'Налаштування',
  server: 'Адреса сервера',
  token: 'Токен підключення',
  email: 'Робочий email',
  enroll: "Підключити комп'ютер",
  enrolled: 'Підключено до {server} як {email}',
  notEnrolled: "Комп'ютер ще не підключено до сервера CallTimeX.",
  startAtLogin: 'Запускати під час входу в систему',
  saved: 'Збережено',
  invalid: 'Перевірте поля.',
  screenshotsTitle: 'Знімки екрана',
  screenshotsHint: 'Зроблені за останні 7 днів. Свої знімки можна видалити.',
  shot_queued: 'ще не надіслано',
  shot_uploaded: 'надіслано',
  shot_deleted: 'видалено',
  deleteShot: 'Видалити',
};

const catalogs: Record<string, Messages> = { en, ru, uk };

export type MessageKey = keyof Messages;

export function messages(language = navigator.language): Messages {
  return catalogs[language.slice(0, 2).toLowerCase()] ?? en;
}

export function format(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''));
}

/** Fills every `data-i18n` element's text. */
export function translatePage(m: Messages): void {
  document.documentElement.lang = navigator.language.slice(0, 2);
  for (const element of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = element.dataset.i18n as MessageKey;
    if (key in m) element.textContent = m[key];
  }
}
