// The console's starter notice (frontend/src/app/features/privacy/starter-notice.ts), published by
// the demo when the organization has none, so the demo devices have something to acknowledge.
export const DEMO_NOTICE: Record<'en' | 'ru' | 'uk', string> = {
  en: `Monitoring notice

Your employer uses CallTimeX to account for working time on this computer.

What is recorded while the agent runs and you are not paused:
- when the computer is in active use and when it is idle;
- the application in the foreground, its window title and, in browsers, the site you visit.

What is not recorded: what you type, the content of your screen, files, messages or audio.

Why: to account for working time, attendance and overtime, and to report time by project.

Who sees it: HR and your manager see reports about you; you see your own day, week and applications in the console, and who viewed your data.

You may pause recording for private time from the agent's tray menu, ask for a copy of your data or for its correction or deletion from the console (My data), and ask questions to HR.`,
  ru: `Уведомление о мониторинге

Работодатель использует CallTimeX для учёта рабочего времени на этом компьютере.

Что записывается, пока агент работает и не поставлен на паузу:
- когда компьютер активно используется и когда простаивает;
- приложение на переднем плане, заголовок его окна и, в браузерах, открытый сайт.

Что не записывается: вводимый текст, содержимое экрана, файлы, сообщения и звук.

Зачем: для учёта рабочего времени, посещаемости и сверхурочной работы и отчётов по проектам.

Кто видит: отдел кадров и ваш руководитель видят отчёты о вас; вы видите в консоли свой день, неделю и приложения, а также кто просматривал ваши данные.

Вы можете поставить запись на паузу на личное время в меню агента, запросить копию своих данных, их исправление или удаление в консоли («Мои данные») и задать вопросы отделу кадров.`,
  uk: `Повідомлення про моніторинг

Роботодавець використовує CallTimeX для обліку робочого часу на цьому комп’ютері.

Що записується, поки агент працює і не поставлений на паузу:
- коли комп’ютер активно використовується і коли простоює;
- застосунок на передньому плані, заголовок його вікна і, у браузерах, відкритий сайт.

Що не записується: введений текст, вміст екрана, файли, повідомлення і звук.

Навіщо: для обліку робочого часу, відвідуваності та понаднормової роботи і звітів за проєктами.

Хто бачить: відділ кадрів і ваш керівник бачать звіти про вас; ви бачите в консолі свій день, тиждень і застосунки, а також хто переглядав ваші дані.

Ви можете поставити запис на паузу на особистий час у меню агента, запросити копію своїх даних, їх виправлення чи видалення в консолі («Мої дані») і поставити запитання відділу кадрів.`,
};
