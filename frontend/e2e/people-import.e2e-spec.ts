import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launch, recordFailedApiCalls, screenshot, settled } from './browser';
import { startServer, type RunningServer } from './server';

jest.setTimeout(180_000);

const PASSWORD = 'Correct-Horse-Battery-9';

/**
 * HR's first day: the owner signs up, imports 500 employees from a CSV file through the People
 * page (preview, then import), finds them listed with their new teams, sees the console users,
 * publishes the monitoring notice from the starter text, and sets up a weekly report mail.
 */
describe('employee CSV import in the console', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    context = await browser.newContext({
      baseURL: server.url,
      viewport: { width: 1440, height: 900 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    recordFailedApiCalls(context, failures);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.stop();
  });

  it('previews and imports 500 employees from a file, with no failed request', async () => {
    await page.goto('/setup');
    await page.getByLabel('Organization name').fill('Acme Ltd');
    await page.getByLabel('Your full name').fill('Olga Owner');
    await page.getByLabel('Email').fill('owner@acme.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(/\/dashboard/);

    await page.goto('/people');
    await settled(page);
    await page.getByTestId('import-csv').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Import employees from CSV' }).waitFor();

    const lines = ['name,email,team,timezone,manager_email'];
    for (let i = 0; i < 500; i++) {
      const manager = i % 50 === 0 ? 'owner@acme.test' : '';
      lines.push(`Person ${i},person${i}@acme.test,Team ${i % 5},Europe/Kyiv,${manager}`);
    }
    await page.getByTestId('import-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(lines.join('\n')),
    });
    await dialog.getByText('people.csv').waitFor();
    try {
      await page.getByTestId('import-preview').click();
      await dialog
        .getByText('500 rows: 500 new, 0 to update, 0 unchanged, 0 with errors.')
        .waitFor({ timeout: 30_000 });
      await dialog.getByText('New teams: Team 0, Team 1, Team 2, Team 3, Team 4').waitFor();
      await page.getByTestId('import-run').click();
      await dialog
        .getByText('Imported 500 rows: 500 new, 0 updated, 0 unchanged, 0 skipped with errors.')
        .waitFor({ timeout: 30_000 });
    } catch (error) {
      await screenshot(page, 'people-import-failed');
      throw error;
    }
    await dialog.getByRole('button', { name: 'Close' }).click();
    await dialog.waitFor({ state: 'detached' });
    await settled(page);
    await page.getByText('1 – 25 of 500').waitFor();
    await page.getByText('person0@acme.test').waitFor();

    await page.getByRole('tab', { name: 'Console users' }).click();
    await page.getByTestId('users-table').getByText('owner@acme.test').waitFor();
    await settled(page);
    expect(failures).toEqual([]);
  });

  it('publishes the starter monitoring notice, edited, in three languages', async () => {
    await page.goto('/privacy');
    await page.getByRole('tab', { name: 'Monitoring notice' }).click();
    await page.getByText('No monitoring notice is published yet. Agents already record').waitFor();
    const english = page.locator('textarea[lang="en"]');
    await expect(english.inputValue()).resolves.toContain('What is not recorded: what you type');
    await expect(page.locator('textarea[lang="ru"]').inputValue()).resolves.toContain(
      'Уведомление о мониторинге',
    );
    await expect(page.locator('textarea[lang="uk"]').inputValue()).resolves.toContain(
      'Повідомлення про моніторинг',
    );
    await english.fill(`${await english.inputValue()}\n\nQuestions: hr@acme.test`);
    await page.getByRole('button', { name: 'Publish new version' }).click();
    await page.getByText('Version 1', { exact: false }).waitFor();
    // 500 imported people, none of whom has run an agent yet.
    await page.getByText('500 people have not acknowledged it').waitFor();
    await settled(page);
    expect(failures).toEqual([]);
  });

  it('sets up a weekly report mail from the reports page and finds it on Exports', async () => {
    await page.goto('/reports');
    await settled(page);
    await page.getByTestId('mail-report').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: 'Mail me a report' }).waitFor();
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.goto('/exports');
    const mails = page.getByTestId('report-mails');
    await mails.getByRole('cell', { name: 'Summary' }).waitFor();
    await mails.getByRole('cell', { name: 'Weekly' }).waitFor();
    await mails.getByRole('cell', { name: 'Not sent yet' }).waitFor();
    await settled(page);
    expect(failures).toEqual([]);
  });
});
