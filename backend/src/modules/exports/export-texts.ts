import type { AttendanceStatus } from '../working-time/dto/attendance.dto.js';
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
    status: string;
    scheduledHours: string;
    workedHours: string;
    arrived: string;
    left: string;
    lateHours: string;
    earlyLeaveHours: string;
    overtimeHours: string;
    balanceHours: string;
    daysScheduled: string;
    daysPresent: string;
    daysLate: string;
    daysAbsent: string;
    daysOnLeave: string;
    daysHoliday: string;
  };
  statuses: Record<AttendanceStatus, string>;
  values: Record<
    'app' | 'site' | 'active' | 'idle' | 'productive' | 'neutral' | 'unproductive',
    string
  >;
}

/** Headers and words in report files, in the language of the person who asked for them. */
export const EXPORT_TEXTS: Record<ExportLocale, ExportTexts> = {
  en: {
    reports: {
      summary: 'Summary',
      usage: 'Applications and sites',
      timeline: 'Timeline',
      attendance: 'Attendance',
      'attendance-totals': 'Attendance totals',
      payroll: 'Payroll',
    },
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
      status: 'Status',
      scheduledHours: 'Scheduled, h',
      workedHours: 'Worked, h',
      arrived: 'Arrived',
      left: 'Left',
      lateHours: 'Late, h',
      earlyLeaveHours: 'Left early, h',
      overtimeHours: 'Overtime, h',
      balanceHours: 'Balance, h',
      daysScheduled: 'Scheduled days',
      daysPresent: 'Days present',
      daysLate: 'Days late',
      daysAbsent: 'Days absent',
      daysOnLeave: 'Days on leave',
      daysHoliday: 'Holidays',
    },
    statuses: {
      present: 'Present',
      late: 'Late',
      absent: 'Absent',
      'day-off': 'Day off',
      extra: 'Worked day off',
      holiday: 'Holiday',
      absence: 'On leave',
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
    reports: {
      summary: 'Сводка',
      usage: 'Приложения и сайты',
      timeline: 'Хронология',
      attendance: 'Посещаемость',
      'attendance-totals': 'Итоги посещаемости',
      payroll: 'Зарплатная ведомость',
    },
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
      status: 'Статус',
      scheduledHours: 'По графику, ч',
      workedHours: 'Отработано, ч',
      arrived: 'Приход',
      left: 'Уход',
      lateHours: 'Опоздание, ч',
      earlyLeaveHours: 'Ранний уход, ч',
      overtimeHours: 'Сверхурочно, ч',
      balanceHours: 'Баланс, ч',
      daysScheduled: 'Дней по графику',
      daysPresent: 'Дней явки',
      daysLate: 'Дней с опозданием',
      daysAbsent: 'Дней неявки',
      daysOnLeave: 'Дней отсутствия',
      daysHoliday: 'Праздничных дней',
    },
    statuses: {
      present: 'Явка',
      late: 'Опоздание',
      absent: 'Неявка',
      'day-off': 'Выходной',
      extra: 'Работа в выходной',
      holiday: 'Праздник',
      absence: 'Отсутствие',
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
    reports: {
      summary: 'Зведення',
      usage: 'Застосунки й сайти',
      timeline: 'Хронологія',
      attendance: 'Відвідуваність',
      'attendance-totals': 'Підсумки відвідуваності',
      payroll: 'Зарплатна відомість',
    },
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
      status: 'Статус',
      scheduledHours: 'За графіком, год',
      workedHours: 'Відпрацьовано, год',
      arrived: 'Прихід',
      left: 'Вихід',
      lateHours: 'Запізнення, год',
      earlyLeaveHours: 'Ранній вихід, год',
      overtimeHours: 'Понаднормово, год',
      balanceHours: 'Баланс, год',
      daysScheduled: 'Днів за графіком',
      daysPresent: 'Днів явки',
      daysLate: 'Днів із запізненням',
      daysAbsent: 'Днів неявки',
      daysOnLeave: 'Днів відсутності',
      daysHoliday: 'Святкових днів',
    },
    statuses: {
      present: 'Явка',
      late: 'Запізнення',
      absent: 'Неявка',
      'day-off': 'Вихідний',
      extra: 'Робота у вихідний',
      holiday: 'Свято',
      absence: 'Відсутність',
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
