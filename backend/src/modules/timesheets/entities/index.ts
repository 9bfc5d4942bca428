export { TimeEntryEntity } from './time-entry.entity.js';
export { TimesheetEntity } from './timesheet.entity.js';
export { TimesheetSettingsEntity } from './timesheet-settings.entity.js';
