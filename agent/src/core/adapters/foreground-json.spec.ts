import { parseForegroundJson } from './foreground-json.js';
import { encodePowerShell } from './windows.js';

describe('foreground helpers’ output', () => {
  it('reads app, title and an http(s) URL', () => {
    expect(
      parseForegroundJson('{"app":"chrome","title":"Docs","url":"https://docs.example.com/a"}'),
    ).toEqual({ app: 'chrome', title: 'Docs', url: 'https://docs.example.com/a' });
    expect(parseForegroundJson('{"app":" EXCEL ","title":""}')).toEqual({ app: 'EXCEL' });
  });

  it('drops what it cannot trust', () => {
    expect(parseForegroundJson('')).toBeNull();
    expect(parseForegroundJson('not json')).toBeNull();
    expect(parseForegroundJson('{"title":"no app"}')).toBeNull();
    expect(parseForegroundJson('{"app":"x","url":"javascript:alert(1)"}')).toEqual({ app: 'x' });
    expect(parseForegroundJson('[1]')).toBeNull();
  });

  it('encodes the PowerShell script as UTF-16LE base64', () => {
    expect(Buffer.from(encodePowerShell('echo ü'), 'base64').toString('utf16le')).toBe('echo ü');
  });
});
