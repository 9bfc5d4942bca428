import type { Locator, Page, Request } from 'playwright-core';

/**
 * Clicks a button of the open dialog and waits for the dialog to close.
 *
 * Headless Chromium now and then drops a click that lands just after a popup closed (a select's
 * panel, a native suggestion list): no request leaves, no error shows, the dialog stays. Such a
 * click is tried once more from the keyboard, which a user would do too; a dialog that then still
 * stays open fails with what it shows, its fields, and what the page did (`explain`).
 */
export async function submitDialog(
  page: Page,
  button: string | RegExp,
  explain: () => string = () => '',
): Promise<void> {
  const dialog = page.getByRole('dialog');
  const target = dialog.getByRole('button', { name: button });
  const sent: string[] = [];
  const onRequest = (r: Request) => {
    if (r.url().includes('/api/')) sent.push(`${r.method()} ${r.url()}`);
  };
  page.on('request', onRequest);
  try {
    await target.click();
    const closed = await dialog
      .waitFor({ state: 'detached', timeout: 4_000 })
      .then(() => true)
      .catch(() => false);
    if (closed) return;
    const error = await dialog.getByRole('alert').count();
    if (sent.length === 0 && error === 0) {
      await target.focus();
      await page.keyboard.press('Enter');
    }
    await dialog.waitFor({ state: 'detached', timeout: 20_000 });
  } catch {
    const shown = (await dialog.textContent().catch(() => '')) ?? '';
    const fields = await dialog
      .locator('input, textarea, mat-select')
      .evaluateAll((elements) =>
        elements.map((e) => {
          const value = 'value' in e ? String((e as HTMLInputElement).value) : e.textContent;
          const invalid = e.classList.contains('ng-invalid') ? ' (invalid)' : '';
          return `${e.getAttribute('formcontrolname') ?? e.tagName}=${value}${invalid}`;
        }),
      )
      .catch(() => [] as string[]);
    throw new Error(
      [
        `the dialog stayed open after "${String(button)}": ${shown}`,
        `fields: ${fields.join(' | ')}`,
        `requests since the click: ${sent.join(', ') || 'none'}`,
        explain(),
      ].join('\n'),
    );
  } finally {
    page.off('request', onRequest);
  }
}

/**
 * Fills text fields of a dialog, the date field last, and fills again any that did not keep its
 * value: on a loaded machine Chromium may still be settling a date field's segments (or the dialog
 * its form) when the next text arrives, and a value typed then is lost.
 */
export async function fillFields(
  fields: { locator: Locator; value: string }[],
  attempts = 5,
): Promise<void> {
  for (const { locator, value } of fields) await locator.fill(value);
  for (let i = 0; i < attempts; i++) {
    let kept = true;
    for (const { locator, value } of fields) {
      if ((await locator.inputValue()) !== value) {
        kept = false;
        await locator.fill(value);
      }
    }
    if (kept) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
