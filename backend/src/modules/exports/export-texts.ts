import type { ExportReport } from './entities/report-export.entity.js';
import type { ExportLocale } from './writers/table.js';

interface ExportTexts {
  reports: Record<ExportReport, string>;
  period: string;
  generated: string;
  columns: {
    employee: string;
    activeHours: string;
    idleHours: string;
    productiveHours: string;
    neutralHours: string;
    unproductiveHours: string;
    firstActivity: string;
    lastActivity: string;
    kind: string;
    name: string;
    hours: string;
    productivity: string;
    day: string;
    start: string;
    end: string;
    app: string;
    site: string;
    title: string;
    url: string;
    seconds: string;
  };
  values: Record<
    'app' | 'site' | 'active' | 'idle' | 'productive' | 'neutral' | 'unproductive',
    string
  >;
}

/** Headers and words in report files, in the language of the person who asked for them. */
export const EXPORT_TEXTS: Record<ExportLocale, ExportTexts> = {
  en: {
    reports: { summary: 'Summary', usage: 'Applications and sites', timeline: 'Timeline' },
    period: 'Period',
    generated: 'Generated',
    columns: {
      employee: 'Employee',
      activeHours: 'Active, h',
      idleHours: 'Idle, h',
      productiveHours: 'Productive, h',
      neutralHours: 'Neutral, h',
      unproductiveHours: 'Unproductive, h',
      firstActivity: 'First activity',
      lastActivity: 'Last activity',
      kind: 'Kind',
      name: 'Name',
      hours: 'Time, h',
      productivity: 'Productivity',
      day: 'Day',
      start: 'Start',
      end: 'End',
      app: 'Application',
      site: 'Site',
      title: 'Window title',
      url: 'URL',
      seconds: 'Duration, s',
    },
    values: {
      app: 'Application',
      site: 'Site',
      active: 'Active',
      idle: 'Idle',
      productive: 'Productive',
      neutral: 'Neutral',
      unproductive: 'Unproductive',
    },
  },
  ru: {
    reports: { summary: 'Сводка', usage: 'Приложения и сайты', timeline: 'Хронология' },
    period: 'Период',
    generated: 'Сформирован',
    columns: {
      employee: 'Сотрудник',
      activeHours: 'Активно, ч',
      idleHours: 'Простой, ч',
      productiveHours: 'Продуктивно, ч',
      neutralHours: 'Нейтрально, ч',
      unproductiveHours: 'Непродуктивно, ч',
      firstActivity: 'Первая активность',
      lastActivity: 'Последняя активность',
      kind: 'Тип',
      name: 'Название',
      hours: 'Время, ч',
      productivity: 'Продуктивность',
      day: 'День',
      start: 'Начало',
      end: 'Конец',
      app: 'Приложение',
      site: 'Сайт',
      title: 'Заголовок окна',
      url: 'URL',
      seconds: 'Длительность, с',
    },
    values: {
      app: 'Приложение',
      site: 'Сайт',
      active: 'Активность',
      idle: 'Простой',
      productive: 'Продуктивно',
      neutral: 'Нейтрально',
      unproductive: 'Непродуктивно',
    },
  },
  uk: {
    reports: { summary: 'Зведення', usage: 'Застосунки й сайти', timeline: 'Хронологія' },
    period: 'Період',
    generated: 'Сформовано',
    columns: {
      employee: 'Працівник',
      activeHours: 'Активно, год',
      idleHours: 'Простій, год',
      productiveHours: 'Продуктивно, год',
      neutralHours: 'Нейтрально, год',
      unproductiveHours: 'Непродуктивно, год',
      firstActivity: 'Перша активність',
      lastActivity: 'Остання активність',
      kind: 'Тип',
      name: 'Назва',
      hours: 'Час, год',
      productivity: 'Продуктивність',
      day: 'День',
      start: 'Початок',
      end: 'Кінець',
      app: 'Застосунок',
      site: 'Сайт',
      title: 'Заголовок вікна',
      url: 'URL',
      seconds: 'Тривалість, с',
    },
    values: {
      app: 'Застосунок',
      site: 'Сайт',
      active: 'Активність',
      idle: 'Простій',
      productive: 'Продуктивно',
      neutral: 'Нейтрально',
      unproductive: 'Непродуктивно',
    },
  },
};
