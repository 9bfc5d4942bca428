// Request and response examples of the endpoints pinned in API.md, keyed by operationId. Redocly's
// no-invalid-media-type-examples checks each against its schema, extra properties included.

export interface OperationExamples {
  request?: unknown;
  response?: { status: string; value: unknown };
}

const ORGANIZATION_ID = '0f8e2d6a-3c1b-4e5f-9a7d-2b4c6e8f1a3d';
const USER_ID = '5d1e9c3b-7a2f-4b6e-8c0d-1e3f5a7b9c2d';
const TEAM_ID = '3b9d7f1e-2c4a-4e6b-8d0f-6a8c0e2b4d6f';
const EMPLOYEE_ID = '7a1c7f0e-5b8e-4a51-9d2f-3f0f1c2b9e44';
const DEVICE_ID = 'c2e4a6b8-0d1f-4a3c-9e5b-7d9f1b3d5e7a';
const REQUEST_ID = '9e7c5a3b-1d2f-4b4d-8f6a-0c2e4a6b8d0f';
const ACCESS_TOKEN =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1ZDFlOWMzYiJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';

const owner = {
  id: USER_ID,
  organizationId: ORGANIZATION_ID,
  email: 'ada@example.com',
  role: 'owner',
  status: 'active',
  firstName: 'Ada',
  lastName: 'Lovelace',
  fullName: 'Ada Lovelace',
  phone: null,
  locale: 'en',
  employeeId: null,
  createdAt: '2026-03-02T08:00:00.000Z',
};

const tokens = {
  accessToken: ACCESS_TOKEN,
  tokenType: 'Bearer',
  expiresIn: 900,
  refreshToken: 'rt_8Jq2mX4vN7pL1sK9dF3hG6bT0wZ5cY',
  sessionId: '1a3c5e7f-9b2d-4f6a-8c0e-2d4f6a8c0e2b',
};

const employee = {
  id: EMPLOYEE_ID,
  fullName: 'Grace Hopper',
  email: 'grace@example.com',
  teamId: TEAM_ID,
  timeZone: 'Europe/Kyiv',
  workScheduleId: null,
  status: 'active',
  createdAt: '2026-03-02T08:05:00.000Z',
  updatedAt: '2026-03-02T08:05:00.000Z',
};

export const OPERATION_EXAMPLES: Readonly<Record<string, OperationExamples>> = {
  signup: {
    request: {
      organizationName: 'Acme Ltd',
      fullName: 'Ada Lovelace',
      email: 'ada@example.com',
      password: 'correct horse battery staple',
    },
    response: {
      status: '201',
      value: { ...tokens, user: owner, organization: { id: ORGANIZATION_ID, name: 'Acme Ltd' } },
    },
  },
  login: {
    request: { email: 'ada@example.com', password: 'correct horse battery staple' },
    response: { status: '200', value: { ...tokens, user: owner } },
  },
  createTeam: {
    request: { name: 'Support' },
    response: {
      status: '201',
      value: {
        id: TEAM_ID,
        name: 'Support',
        managerUserIds: [],
        workScheduleId: null,
        createdAt: '2026-03-02T08:04:00.000Z',
      },
    },
  },
  createEmployee: {
    request: {
      fullName: 'Grace Hopper',
      email: 'grace@example.com',
      teamId: TEAM_ID,
      timeZone: 'Europe/Kyiv',
    },
    response: { status: '201', value: employee },
  },
  getEmployee: { response: { status: '200', value: employee } },
  createEnrollmentToken: {
    request: {},
    response: {
      status: '201',
      value: {
        id: 'e1f3a5c7-9d2b-4e6f-8a0c-4e6a8c0e2f4b',
        token: 'enr_Q3r7Tz9Lm2Wx5Kp8Vb1Nc4Hd6Jf0Gs',
        expiresAt: '2026-03-09T08:10:00.000Z',
        maxUses: null,
      },
    },
  },
  enrollDevice: {
    request: {
      enrollmentToken: 'enr_Q3r7Tz9Lm2Wx5Kp8Vb1Nc4Hd6Jf0Gs',
      employeeEmail: 'grace@example.com',
      hostname: 'grace-laptop',
      os: 'Windows 11 23H2',
      agentVersion: '1.4.2',
    },
    response: {
      status: '201',
      value: { deviceId: DEVICE_ID, deviceToken: 'dev_Xk4Pq8Rt2Yw6Zm0Lv3Nb7Hc1Jd5Fg9' },
    },
  },
  ingestEvents: {
    request: {
      events: [
        {
          id: 'a4c6e8f0-2b3d-4f5a-9c7e-1b3d5f7a9c0e',
          kind: 'active',
          start: '2026-03-10T09:00:00+02:00',
          end: '2026-03-10T09:25:00+02:00',
          app: 'firefox',
          title: 'Pull requests · acme/api',
          url: 'https://github.com/acme/api/pulls',
        },
        {
          id: 'b5d7f9a1-3c4e-4a6b-8d8f-2c4e6a8b0d1f',
          kind: 'idle',
          start: '2026-03-10T09:25:00+02:00',
          end: '2026-03-10T09:40:00+02:00',
        },
      ],
    },
    response: {
      status: '200',
      value: { accepted: 2, duplicates: 0, revised: 0, rejected: [], truncated: 0, sanitized: 0 },
    },
  },
  getReportSummary: {
    response: {
      status: '200',
      value: {
        from: '2026-03-09',
        to: '2026-03-13',
        rows: [
          {
            employeeId: EMPLOYEE_ID,
            fullName: 'Grace Hopper',
            activeSeconds: 122400,
            idleSeconds: 9000,
            productiveSeconds: 90000,
            neutralSeconds: 25200,
            unproductiveSeconds: 7200,
            firstActivityAt: '2026-03-09T08:58:12.000+02:00',
            lastActivityAt: '2026-03-13T17:31:40.000+02:00',
          },
        ],
      },
    },
  },
  getReportUsage: {
    response: {
      status: '200',
      value: {
        from: '2026-03-09',
        to: '2026-03-13',
        rows: [
          { kind: 'site', name: 'github.com', seconds: 54000, productivity: 'productive' },
          { kind: 'app', name: 'Slack', seconds: 14400, productivity: 'neutral' },
        ],
      },
    },
  },
  createProductivityRule: {
    request: { kind: 'site', pattern: 'github.com', productivity: 'productive' },
    response: {
      status: '201',
      value: {
        id: 'd3f5b7d9-1e2a-4c4e-8a6c-8e0a2c4e6a8b',
        kind: 'site',
        pattern: 'github.com',
        productivity: 'productive',
        teamId: null,
        createdAt: '2026-03-02T08:20:00.000Z',
        updatedAt: '2026-03-02T08:20:00.000Z',
      },
    },
  },
  createPrivacyRequest: {
    request: { type: 'access', employeeId: EMPLOYEE_ID },
    response: {
      status: '201',
      value: {
        id: REQUEST_ID,
        type: 'access',
        status: 'pending',
        dueAt: '2026-04-01T10:00:00.000Z',
      },
    },
  },
  getPrivacyRequest: {
    response: {
      status: '200',
      value: {
        id: REQUEST_ID,
        type: 'access',
        status: 'completed',
        dueAt: '2026-04-01T10:00:00.000Z',
        employeeId: EMPLOYEE_ID,
        createdAt: '2026-03-02T10:00:00.000Z',
        completedAt: '2026-03-02T10:01:12.000Z',
        downloadUrl: `/api/v1/privacy/requests/${REQUEST_ID}/download`,
        downloadExpiresAt: '2026-03-09T10:01:12.000Z',
        overdue: false,
      },
    },
  },
};
