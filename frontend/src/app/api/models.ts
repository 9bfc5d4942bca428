// The shapes the console reads. Each takes the generated schema when backend/openapi.json has it
// (so a backend change shows up as a type error here) and otherwise the pinned shape from API.md.
import type { components } from './schema';
import type { Role } from '@app/core/auth/session';

type Schemas = components extends { schemas: infer S } ? S : never;
type Schema<Name extends string, Fallback> = [Schemas] extends [never]
  ? Fallback
  : Name extends keyof Schemas
    ? Schemas[Name]
    : Fallback;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export type Productivity = 'productive' | 'neutral' | 'unproductive';

export interface SignupRequest {
  organizationName: string;
  fullName: string;
  email: string;
  password: string;
}

interface UserShape {
  id: string;
  email: string;
  role: Role;
  fullName?: string;
  employeeId?: string | null;
}
export type User = Schema<'UserDto', UserShape>;

export type Tokens = Schema<'TokensDto', { accessToken: string; refreshToken?: string }>;
export type LoginResponse = Schema<
  'LoginResponseDto',
  { accessToken: string; refreshToken?: string; user: UserShape }
>;
export type SignupResponse = Schema<
  'SignupResponseDto',
  {
    accessToken: string;
    refreshToken?: string;
    user: UserShape;
    organization: { id: string; name: string };
  }
>;

export type Team = Schema<'TeamDto', { id: string; name: string; managerUserIds?: string[] }>;

export type Employee = Schema<
  'EmployeeDto',
  {
    id: string;
    fullName: string;
    email: string;
    teamId: string | null;
    timeZone: string;
    status?: string;
  }
>;

interface ImportRowShape {
  row: number;
  line: number;
  status: 'created' | 'updated' | 'unchanged' | 'error';
  fullName: string;
  email: string;
  team: string | null;
  timeZone: string | null;
  managerEmail: string | null;
  employeeId: string | null;
  changes: string[];
  errors: { field: string; message: string }[];
}
export type EmployeeImportRow = Schema<'ImportRowResultDto', ImportRowShape>;
export type EmployeeImportResult = Schema<
  'EmployeeImportResultDto',
  {
    dryRun: boolean;
    total: number;
    created: number;
    updated: number;
    unchanged: number;
    failed: number;
    teamsCreated: string[];
    rows: ImportRowShape[];
  }
>;

export type Invitation = Schema<
  'InvitationDto',
  { id: string; email: string; role: Role; createdAt: string; expiresAt: string }
>;
export type CreatedInvitation = Schema<
  'CreatedInvitationDto',
  { id: string; email: string; role: Role; token: string; acceptUrl: string; expiresAt: string }
>;

export type EnrollmentToken = Schema<
  'EnrollmentTokenDto',
  {
    id: string;
    tokenPrefix: string;
    status: string;
    expiresAt: string;
    maxUses: number | null;
    uses: number;
    createdAt: string;
  }
>;
export type EnrollmentTokenCreated = Schema<
  'EnrollmentTokenCreatedDto',
  { id?: string; token: string; expiresAt: string }
>;

export type TeamComparison = Schema<
  'TeamComparisonDto',
  {
    from: string;
    to: string;
    rows: {
      teamId: string | null;
      employees: number;
      activeSeconds: number;
      idleSeconds: number;
      productiveSeconds: number;
      neutralSeconds: number;
      unproductiveSeconds: number;
    }[];
  }
>;

export type TrendReport = Schema<
  'TrendDto',
  {
    from: string;
    to: string;
    days: {
      day: string;
      employees: number;
      activeSeconds: number;
      idleSeconds: number;
      productiveSeconds: number;
      neutralSeconds: number;
      unproductiveSeconds: number;
    }[];
  }
>;

export type MailServerSettings = Schema<
  'MailSettingsDto',
  {
    source: 'console' | 'environment' | 'outbox';
    configured: boolean;
    host: string;
    port: number;
    security: 'tls' | 'starttls' | 'none';
    username: string | null;
    hasPassword: boolean;
    from: string;
    updatedAt: string | null;
  }
>;
export type TestMailResult = Schema<
  'TestMailResultDto',
  {
    delivered: boolean;
    source: 'console' | 'environment' | 'outbox';
    error: string | null;
    response: string | null;
    durationMs: number;
  }
>;

export type AgentDownload = Schema<
  'AgentDownloadDto',
  {
    file: string;
    platform: 'linux-x64' | 'linux-arm64' | 'linux' | 'windows' | 'macos';
    version: string | null;
    size: number;
    sha256: string;
    url: string;
    modifiedAt: string;
  }
>;

export type Device = Schema<
  'DeviceDto',
  {
    id: string;
    employeeId: string;
    status: string;
    hostname: string;
    os: string;
    agentVersion: string;
    enrolledAt: string;
    lastSeenAt: string | null;
  }
>;

export interface SummaryRow {
  employeeId: string;
  fullName: string;
  activeSeconds: number;
  idleSeconds: number;
  productiveSeconds: number;
  neutralSeconds: number;
  unproductiveSeconds: number;
  firstActivityAt: string | null;
  lastActivityAt: string | null;
}
export type SummaryReport = Schema<'SummaryDto', { from: string; to: string; rows: SummaryRow[] }>;

export interface UsageRow {
  kind: 'app' | 'site';
  name: string;
  seconds: number;
  productivity: Productivity;
}
export type UsageReport = Schema<'UsageDto', { from?: string; to?: string; rows: UsageRow[] }>;

export interface TimelineSpan {
  kind: 'active' | 'idle';
  start: string;
  end: string;
  app?: string | null;
  title?: string | null;
  site?: string | null;
  productivity?: Productivity | null;
  seconds?: number;
}
export type Timeline = Schema<
  'TimelineDto',
  {
    employeeId: string;
    day: string;
    timeZone?: string;
    activeSeconds?: number;
    idleSeconds?: number;
    spans: TimelineSpan[];
  }
>;

export type ProductivityRule = Schema<
  'ProductivityRuleDto',
  {
    id: string;
    kind: 'app' | 'site';
    pattern: string;
    productivity: Productivity;
    teamId: string | null;
  }
>;

export type ExportJob = Schema<
  'ExportDto',
  {
    id: string;
    report: string;
    format: string;
    from: string;
    to: string;
    status: string;
    progress: number;
    createdAt: string;
    downloadUrl?: string;
  }
>;

export type PrivacyRequest = Schema<
  'PrivacyRequestDto',
  {
    id: string;
    type: 'access' | 'erasure' | 'rectification';
    status: 'pending' | 'processing' | 'completed' | 'rejected';
    employeeId: string;
    dueAt: string;
    createdAt: string;
    overdue?: boolean;
    completedAt?: string;
    downloadUrl?: string;
    rejectionReason?: string;
  }
>;

export interface LocalizedTexts {
  en?: string;
  ru?: string;
  uk?: string;
}

export type Notice = Schema<
  'NoticeDto',
  {
    id: string;
    version: number;
    status: 'draft' | 'published';
    texts: LocalizedTexts;
    createdAt: string;
    publishedAt?: string;
    coversScreenshots?: boolean;
  }
>;

export type MissingAcknowledgements = Schema<
  'MissingAcknowledgementsDto',
  { version: number | null; items: { employeeId: string; fullName: string; email: string }[] }
>;

export type PolicyVersion = Schema<
  'PolicyVersionDto',
  {
    id: string;
    version: number;
    publishedAt: string;
    effectiveAt: string;
    inEffect: boolean;
    authoritativeLanguage: 'en' | 'ru' | 'uk';
    summary?: string;
    texts: LocalizedTexts;
  }
>;

export type AuditEntry = Schema<
  'AuditEntryDto',
  {
    id: string;
    seq: number;
    at: string;
    action: string;
    actorRole: string | null;
    actorUserId: string | null;
    targetType: string | null;
    targetId: string | null;
    subjectEmployeeId: string | null;
    actorName: string | null;
    actorEmail: string | null;
    subjectEmployeeName: string | null;
    targetName: string | null;
    clientAddress: string | null;
  }
>;

export type DataView = Schema<
  'DataViewDto',
  { viewedAt: string; viewerName: string | null; viewerRole: string | null; what: string }
>;

export type RetentionSettings = Schema<
  'RetentionSettingsDto',
  { rawActivityDays: number; dailyTotalsDays: number; exportFileDays: number; auditDays: number }
>;

export type DataCollectionSettings = Schema<
  'DataCollectionSettingsDto',
  { collectTitles: boolean; urlMode: string; updatedAt: string | null }
>;

export type MailPreferences = Schema<
  'MailPreferencesDto',
  { items: { category: string; enabled: boolean; locked: boolean }[] }
>;

export type Organization = Schema<
  'OrganizationDto',
  { id: string; name: string; defaultTimeZone: string; locale: string; createdAt: string }
>;

export type OrganizationClosure = Schema<
  'OrganizationClosureDto',
  { closedAt: string; purgeAt: string }
>;

export type OrganizationClosureStatus = Schema<
  'OrganizationClosureStatusDto',
  { closed: boolean; closedAt: string | null; purgeAt: string | null }
>;

export interface WorkScheduleDay {
  weekday: number;
  start: string;
  end: string;
}
export type WorkSchedule = Schema<
  'WorkScheduleDto',
  { id: string; name: string; days: WorkScheduleDay[]; lateAfterMinutes: number; default: boolean }
>;

export type Holiday = Schema<'HolidayDto', { id: string; date: string; name: string }>;
export type HolidayCountry = Schema<
  'HolidayCountryDto',
  { code: string; name: string; regions: string[] }
>;
export type ImportHolidaysResult = Schema<
  'ImportHolidaysResultDto',
  { created: Holiday[]; skipped: { date: string; name: string }[] }
>;

export type AbsenceKind = 'vacation' | 'sick' | 'other';
export type AbsenceStatus = 'requested' | 'approved' | 'rejected' | 'cancelled';
export type Absence = Schema<
  'AbsenceDto',
  {
    id: string;
    employeeId: string;
    from: string;
    to: string;
    kind: AbsenceKind;
    status: AbsenceStatus;
    note: string | null;
    employeeName: string;
    createdAt: string;
  }
>;
export type AbsenceList = Schema<'AbsenceListDto', { items: Absence[]; nextCursor?: string }>;

export type AttendanceStatus =
  'present' | 'late' | 'absent' | 'day-off' | 'extra' | 'holiday' | 'absence';
export type AttendanceRow = Schema<
  'AttendanceRowDto',
  {
    employeeId: string;
    date: string;
    status: AttendanceStatus;
    scheduledSeconds: number;
    workedSeconds: number;
    arrivedAt: string | null;
    leftAt: string | null;
    lateSeconds: number;
    earlyLeaveSeconds: number;
    overtimeSeconds: number;
  }
>;
export type Attendance = Schema<
  'AttendanceDto',
  { from: string; to: string; rows: AttendanceRow[]; nextCursor?: string }
>;

export type VacationBalance = Schema<
  'AbsenceBalanceDto',
  {
    employeeId: string;
    year: number;
    allowanceDays: number;
    approvedDays: number;
    requestedDays: number;
    remainingDays: number;
  }
>;

export type AttendanceTotalsRow = Schema<
  'AttendanceTotalsItemDto',
  {
    employeeId: string;
    fullName: string;
    scheduledSeconds: number;
    workedSeconds: number;
    overtimeSeconds: number;
    balanceSeconds: number;
    lateSeconds: number;
    earlyLeaveSeconds: number;
    daysScheduled: number;
    daysPresent: number;
    daysLate: number;
    daysAbsent: number;
    daysOnLeave: number;
    daysHoliday: number;
  }
>;
export type AttendanceTotals = Schema<
  'AttendanceTotalsDto',
  { from: string; to: string; items: AttendanceTotalsRow[]; nextCursor?: string }
>;

export type VacationPolicy = Schema<'VacationPolicyDto', { daysPerYear: number }>;
export type VacationAllowance = Schema<
  'VacationAllowanceDto',
  { employeeId: string; daysPerYear: number | null; allowanceDays: number }
>;

/** GET /demo: whether demo data is loaded or may be, and a load's or removal's progress. */
export type DemoStatus = components['schemas']['DemoStatusDto'];

export type BlurLevel = 'none' | 'blurred' | 'thumbnails';

interface ScreenshotSettingsShape {
  enabled: boolean;
  intervalSeconds: number;
  randomize: boolean;
  blur: BlurLevel;
  excludedApps: string[];
  excludedSites: string[];
  retentionDays: number;
  deleteWindowHours: number;
}
export type ScreenshotSettings = Schema<'ScreenshotSettingsDto', ScreenshotSettingsShape>;
export type TeamScreenshotSettings = Schema<
  'TeamScreenshotSettingsDto',
  ScreenshotSettingsShape & { teamId: string; teamName: string }
>;
export type ScreenshotSettingsOverview = Schema<
  'ScreenshotSettingsOverviewDto',
  { organization: ScreenshotSettings; teams: TeamScreenshotSettings[] }
>;
export type Screenshot = Schema<
  'ScreenshotDto',
  {
    id: string;
    employeeId: string;
    deviceId: string;
    capturedAt: string;
    width: number;
    height: number;
    blur: BlurLevel;
  }
>;
export type ScreenshotList = Schema<
  'ScreenshotListDto',
  { items: Screenshot[]; nextCursor: string | null }
>;
