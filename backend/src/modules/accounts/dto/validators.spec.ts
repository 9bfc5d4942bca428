import { isIanaTimeZone } from './validators.js';

describe('isIanaTimeZone', () => {
  it.each(['UTC', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Kolkata'])(
    'accepts %s',
    (zone) => expect(isIanaTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus', '+02:00', 'UTC+2', 'Europe/../etc', 'x'.repeat(65), 42, null])(
    'refuses %p',
    (zone) => expect(isIanaTimeZone(zone)).toBe(false),
  );
});
