import { demoEvents, demoRoster, DEMO_EMAIL_DOMAIN, TEAM_PROFILES } from './demo-generator.js';

const OPTIONS = { employees: 50, days: 30, seed: 17, lastDay: '2026-11-27' };

describe('demo generator', () => {
  it('makes 50 distinct people in four teams and several time zones, all at the demo domain', () => {
    const roster = demoRoster(50);
    expect(new Set(roster.map((r) => r.email)).size).toBe(50);
    expect(roster.every((r) => r.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`))).toBe(true);
    expect(new Set(roster.map((r) => r.team))).toEqual(new Set(TEAM_PROFILES.map((t) => t.key)));
    expect(roster.filter((r) => r.team === 'support').length).toBeGreaterThan(15);
    expect(new Set(roster.map((r) => r.timeZone))).toEqual(
      new Set(['Europe/Kyiv', 'Europe/Berlin', 'America/New_York', 'Asia/Almaty']),
    );
  });

  it('gives the same events for the same seed, and other events for another', () => {
    const [person] = demoRoster(1);
    expect(demoEvents(person, OPTIONS)).toEqual(demoEvents(person, OPTIONS));
    expect(demoEvents(person, { ...OPTIONS, seed: 18 })).not.toEqual(demoEvents(person, OPTIONS));
  });

  it('makes working days: weekdays only, 80 to 300 spans a day, none overlapping, hours of work', () => {
    for (const person of demoRoster(20)) {
      const events = demoEvents(person, OPTIONS);
      const days = new Map<string, number>();
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: person.timeZone });
      let previousEnd = 0;
      let active = 0;
      for (const e of events) {
        const start = Date.parse(e.start);
        const end = Date.parse(e.end);
        expect(end).toBeGreaterThan(start);
        expect(start).toBeGreaterThanOrEqual(previousEnd);
        previousEnd = end;
        if (e.kind === 'active') active += (end - start) / 1000;
        const day = local.format(start);
        days.set(day, (days.get(day) ?? 0) + 1);
      }
      for (const day of days.keys()) {
        expect([1, 2, 3, 4, 5]).toContain(new Date(`${day}T12:00:00Z`).getUTCDay());
      }
      expect(days.size).toBeGreaterThanOrEqual(17);
      expect(days.size).toBeLessThanOrEqual(22);
      const perDay = events.length / days.size;
      expect(perDay).toBeGreaterThan(80);
      expect(perDay).toBeLessThan(300);
      expect(active / days.size / 3600).toBeGreaterThan(6);
      expect(active / days.size / 3600).toBeLessThan(10);
    }
  });
});
