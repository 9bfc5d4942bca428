import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import yauzl from 'yauzl';
import { createEmployee, signUp, type SignedUp } from '#test/factories/accounts.factory.js';
import { unzip } from '#test/support/files.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { waitForStatus } from '../privacy/privacy-fixtures.js';
import { eventually, startTestJobs, type TestJobs } from '../jobs/test-worker.js';
import { enrollDevice, type AgentEvent } from '../reports/report-fixtures.js';

const DAY = '2026-03-03';
const DAY_START = Date.parse(`${DAY}T08:00:00Z`);

// What a spreadsheet runs as a formula at the start of a cell, or of a line inside one.
const FORMULA_LINE = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
// C0 controls other than tab, CR and LF; DEL; C1 controls.
const STRAY_CONTROL = /[^\P{Cc}\t\r\n]/u;

function event(i: number, fields: Partial<AgentEvent>): AgentEvent {
  return {
    id: randomUUID(),
    kind: 'active',
    // A minute each, two minutes apart: no two spans are merged into one timeline row.
    start: new Date(DAY_START + i * 120_000).toISOString(),
    end: new Date(DAY_START + i * 120_000 + 60_000).toISOString(),
    ...fields,
  };
}

const HOSTILE: AgentEvent[] = [
  event(0, { app: 'x\n@SUM(1+1)', title: 'Plain' }),
  event(1, { app: 'Editor', title: '\r=1+1' }),
  event(2, { app: 'Nul\u0000App', title: 'a\u0000b\u0007c\u009b' }),
  event(3, { app: 'Editor', title: 'line one\r\nline two\tcolumn' }),
  event(4, { app: 'Editor', title: 'Quiet, "quoted"; title' }),
  event(5, { app: 'Browser', title: 'Site', url: 'https://example.com/p\u0000q' }),
];

/** The BOM-less text of a CSV download, its raw lines, and its records as a real parser reads them. */
function readCsv(bytes: Buffer, delimiter = ','): { lines: string[]; records: string[][] } {
  let text = bytes.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  // Any unquoted line break ends a record, as in a spreadsheet.
  const records: string[][] = parse(text, {
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
  });
  return { lines: text.split(/\r\n|\r|\n/), records };
}

/** No raw line of the file, no cell and no line inside a cell begins with a formula trigger. */
function expectNoFormulaStart(lines: string[], records: string[][]): void {
  for (const line of lines) expect([line, FORMULA_LINE.test(line)]).toEqual([line, false]);
  for (const record of records) {
    for (const cell of record) {
      for (const line of cell.split(/\r\n|\r|\n/)) {
        expect([cell, FORMULA_LINE.test(line)]).toEqual([cell, false]);
      }
      expect([cell, STRAY_CONTROL.test(cell)]).toEqual([cell, false]);
    }
  }
}

describe('hostile text: control characters at ingestion, RFC 4180 and formula-free exports', () => {
  let ctx: TestContext;
  let jobs: TestJobs;
  let owner: SignedUp;
  let employeeId: string;
  let ingested: Record<string, unknown>;
  const http = () => request(ctx.app.getHttpServer());
  const binary = (req: request.Test) =>
    req.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  async function exportFile(report: string, format: string): Promise<Buffer> {
    const created = await http()
      .post('/api/v1/exports')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ report, format, from: DAY, to: DAY, filters: { employeeId } })
      .expect(202);
    const done = await eventually(async () => {
      const res = await http()
        .get(`/api/v1/exports/${created.body.id}`)
        .set('Authorization', `Bearer ${owner.accessToken}`)
        .expect(200);
      const body = res.body as { status: string; downloadUrl: string };
      return ['completed', 'failed'].includes(body.status) && body;
    }, 60_000);
    expect(done.status).toBe('completed');
    const file = await binary(
      http().get(done.downloadUrl).set('Authorization', `Bearer ${owner.accessToken}`),
    ).expect(200);
    return file.body as Buffer;
  }

  async function accessZip(): Promise<Map<string, string>> {
    const filed = await http()
      .post('/api/v1/privacy/requests')
      .set('Authorization', `Bearer ${owner.accessToken}`)
      .send({ type: 'access', employeeId })
      .expect(201);
    const done = await waitForStatus(ctx.app, owner.accessToken, filed.body.id, ['completed']);
    const zip = await binary(
      http()
        .get(done.downloadUrl as string)
        .set('Authorization', `Bearer ${owner.accessToken}`),
    ).expect(200);
    return unzip(zip.body as Buffer);
  }

  beforeAll(async () => {
    ctx = await startTestApp();
    jobs = await startTestJobs(ctx);
    owner = await signUp(ctx.app, { organizationName: 'Hostile Text Org' });
    const employee = await createEmployee(ctx.app, owner.accessToken, {
      fullName: 'Harry Hostile',
    });
    employeeId = employee.id;
    const deviceToken = await enrollDevice(ctx.app, owner.accessToken, employee.email);
    const res = await http()
      .post('/api/v1/agent/events')
      .set('Authorization', `Bearer ${deviceToken}`)
      .send({ events: HOSTILE })
      .expect(200);
    ingested = res.body as Record<string, unknown>;
  }, 120_000);
  afterAll(async () => {
    await jobs.close();
    await ctx.close();
  });

  it('ingestion stores no control character but tab, and counts the events it cleaned', async () => {
    expect(ingested).toEqual({
      accepted: 6,
      duplicates: 0,
      revised: 0,
      rejected: [],
      truncated: 0,
      sanitized: 5,
    });
    const spans: { app: string | null; title: string | null; url: string | null }[] =
      await ctx.dataSource.query(
        'SELECT app, title, url FROM activity_spans WHERE employeeId = ? ORDER BY startMs',
        [employeeId],
      );
    expect(spans).toEqual([
      { app: 'x @SUM(1+1)', title: 'Plain', url: null },
      { app: 'Editor', title: ' =1+1', url: null },
      { app: 'NulApp', title: 'abc', url: null },
      { app: 'Editor', title: 'line one line two\tcolumn', url: null },
      { app: 'Editor', title: 'Quiet, "quoted"; title', url: null },
      { app: 'Browser', title: 'Site', url: 'https://example.com/pq' },
    ]);
  });

  it('usage CSV: every record has its four fields, no line or cell starts a formula', async () => {
    const { lines, records } = readCsv(await exportFile('usage', 'csv'));
    expect(records[0]).toEqual(['Kind', 'Name', 'Time, h', 'Productivity']);
    for (const record of records) expect(record).toHaveLength(4);
    const names = records.slice(1).map((r) => r[1]);
    expect(names.sort()).toEqual(['Editor', 'NulApp', 'x @SUM(1+1)', 'example.com'].sort());
    expectNoFormulaStart(lines, records);
  });

  it('timeline CSV: each span one record of eleven fields; quotes, commas and tabs survive', async () => {
    const { lines, records } = readCsv(await exportFile('timeline', 'csv'));
    for (const record of records) expect(record).toHaveLength(11);
    const titles = records.slice(1).map((r) => r[8]);
    expect(titles).toEqual([
      'Plain',
      "' =1+1",
      'abc',
      'line one line two\tcolumn',
      'Quiet, "quoted"; title',
      'Site',
    ]);
    expect(records.slice(1).map((r) => r[6])).toEqual([
      'x @SUM(1+1)',
      'Editor',
      'NulApp',
      'Editor',
      'Editor',
      'Browser',
    ]);
    expect(records[6][7]).toBe('example.com');
    expectNoFormulaStart(lines, records);
  });

  it('text stored before the fix (line breaks, NUL) is still quoted, neutralized and cleaned in the timeline and access CSVs', async () => {
    // An installation upgraded with such rows already in its database.
    await ctx.dataSource.query(
      'UPDATE activity_spans SET title = ? WHERE employeeId = ? AND title = ?',
      ['legacy\n@SUM(1+1)\u0000\r=2+2\r\n-3', employeeId, 'Plain'],
    );
    const expectedTitle = "legacy\n'@SUM(1+1)\r'=2+2\r\n'-3";

    const timeline = readCsv(await exportFile('timeline', 'csv'));
    for (const record of timeline.records) expect(record).toHaveLength(11);
    expect(timeline.records[1][8]).toBe(expectedTitle);
    expectNoFormulaStart(timeline.lines, timeline.records);

    const files = await accessZip();
    const spans = readCsv(Buffer.from(files.get('activity-spans.csv')!, 'utf8'));
    expect(spans.records[0]).toEqual([
      'deviceId',
      'eventId',
      'kind',
      'start',
      'end',
      'seconds',
      'app',
      'title',
      'url',
    ]);
    expect(spans.records).toHaveLength(HOSTILE.length + 1);
    for (const record of spans.records) expect(record).toHaveLength(9);
    expect(spans.records.map((r) => r[7])).toContain(expectedTitle);
    expect(spans.records.map((r) => r[6])).toContain('x @SUM(1+1)');
    expectNoFormulaStart(spans.lines, spans.records);
    const totals = readCsv(Buffer.from(files.get('daily-totals.csv')!, 'utf8'));
    expect(totals.records.length).toBeGreaterThanOrEqual(2);
    const width = totals.records[0].length;
    for (const record of totals.records) expect(record).toHaveLength(width);
    expectNoFormulaStart(totals.lines, totals.records);
    // The JSON copy keeps the stored text as it is: JSON escapes it, nothing runs it.
    expect(files.get('activity-spans.json')).toContain('legacy\\n@SUM(1+1)');
  });

  it('timeline XLSX: a text cell starting with = is a string, never a formula', async () => {
    await ctx.dataSource.query(
      'UPDATE activity_spans SET title = ? WHERE employeeId = ? AND title = ?',
      ['=1+1', employeeId, 'abc'],
    );
    const bytes = await exportFile('timeline', 'xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as never);
    const sheet = workbook.worksheets[0];
    const titles: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const cell = row.getCell(9);
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
      titles.push(cell.value);
    });
    expect(titles).toContain("'=1+1");
    // XML reads a stored CR as LF; what matters is the apostrophe at each line's start.
    expect(titles).toContain("legacy\n'@SUM(1+1)\n'=2+2\n'-3");
    // No formula element anywhere in the sheet's XML.
    const xml = await sheetXml(bytes);
    expect(xml).toContain('=1+1');
    expect(xml).not.toMatch(/<f[\s>]/);
  });
});

/** The first worksheet's XML, read straight from the ZIP. */
function sheetXml(bytes: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err ?? new Error('no zip'));
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== 'xl/worksheets/sheet1.xml') return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
        });
      });
      zip.on('end', () => reject(new Error('no sheet1.xml')));
      zip.readEntry();
    });
  });
}
