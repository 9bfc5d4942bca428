import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MailSendProcessor } from '#src/modules/notifications/mail-send.processor.js';
import { MailTransport } from '#src/modules/notifications/mail-transport.js';
import { Mailer } from '#src/modules/notifications/mailer.service.js';
import { signUp } from '#test/factories/accounts.factory.js';
import { startTestApp, type TestContext } from '#test/support/test-app.js';
import { eventually } from '../jobs/test-worker.js';

/** A mail erased while it is being written to the outbox leaves no copy in the data directory. */
describe('outbox mail and an erasure racing it', () => {
  let ctx: TestContext;

  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx.close());

  it('removes the outbox file of a message whose row went while it was written', async () => {
    const owner = await signUp(ctx.app);
    const transport = ctx.app.get(MailTransport);
    expect(transport.kind).toBe('outbox');
    const outbox = () => {
      try {
        return readdirSync(join(ctx.dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
      } catch {
        return [];
      }
    };
    const before = outbox().length;
    // The erasure's DELETE lands between writing the file and marking the row sent.
    const send = transport.send.bind(transport);
    let written: string | null = null;
    transport.send = async (mail) => {
      written = await send(mail);
      await ctx.dataSource.query('DELETE FROM mail_messages WHERE toEmail = ?', [owner.user.email]);
      return written;
    };
    try {
      const messageId = await ctx.app.get(Mailer).queueMail({
        organizationId: owner.organization.id,
        template: 'password-reset',
        to: { userId: owner.user.id },
        params: { resetUrl: 'https://ctx.example/reset?token=secret-race', expiresInMinutes: 60 },
      });
      expect(messageId).toEqual(expect.any(String));
      // Embedded mode has already run the job inline; server mode's job waits for a worker.
      await ctx.app
        .get(MailSendProcessor)
        .send({ messageId: messageId as string, organizationId: owner.organization.id }, {
          attempt: 1,
        } as never);
      await eventually(() => written !== null);
    } finally {
      transport.send = send;
    }
    expect(written).toEqual(expect.stringMatching(/\.eml$/));
    // The job finishes after the transport answers: give it a moment, no more.
    await eventually(() => outbox().length === before, 5_000);
    expect(outbox().length).toBe(before);
  });
});
