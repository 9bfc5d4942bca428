import { TestBed } from '@angular/core/testing';
import { Theme } from './theme.service';

describe('Theme', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.classList.remove('dark-theme');
  });

  it('follows the system until a person chooses, and remembers the choice', () => {
    const theme = TestBed.inject(Theme);
    TestBed.tick();
    // jsdom reports no colour-scheme preference: light, and nothing written on start.
    expect(theme.mode()).toBe('light');
    expect(localStorage.getItem('ctx.theme')).toBeNull();
    expect(document.documentElement.classList.contains('dark-theme')).toBe(false);

    theme.toggle();
    TestBed.tick();
    expect(theme.mode()).toBe('dark');
    expect(localStorage.getItem('ctx.theme')).toBe('dark');
    expect(document.documentElement.classList.contains('dark-theme')).toBe(true);
  });

  it('starts with the stored choice', () => {
    localStorage.setItem('ctx.theme', 'dark');
    const theme = TestBed.inject(Theme);
    TestBed.tick();
    expect(theme.mode()).toBe('dark');
    expect(document.documentElement.classList.contains('dark-theme')).toBe(true);
  });
});
