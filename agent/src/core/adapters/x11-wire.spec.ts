import { classOf, decodeCompoundText, latin1OrUtf8 } from './x11-native.js';
import { parseDisplay, parseXauthority } from './x11-wire.js';

function xauthEntry(family: number, address: string, number: string, cookie: Buffer): Buffer {
  const field = (b: Buffer) => {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(b.length);
    return Buffer.concat([length, b]);
  };
  const head = Buffer.alloc(2);
  head.writeUInt16BE(family);
  return Buffer.concat([
    head,
    field(Buffer.from(address)),
    field(Buffer.from(number)),
    field(Buffer.from('MIT-MAGIC-COOKIE-1')),
    field(cookie),
  ]);
}

describe('the X11 wire client’s parsing', () => {
  it('reads DISPLAY in its forms', () => {
    expect(parseDisplay(':0')).toEqual({ path: '/tmp/.X11-unix/X0', number: '0' });
    expect(parseDisplay(':12.1')).toEqual({ path: '/tmp/.X11-unix/X12', number: '12' });
    expect(parseDisplay('unix:3')).toEqual({ path: '/tmp/.X11-unix/X3', number: '3' });
    expect(parseDisplay('localhost:10.0')).toEqual({
      host: 'localhost',
      port: 6010,
      number: '10',
    });
    expect(() => parseDisplay('wayland-0')).toThrow('no display number');
  });

  it('reads an Xauthority file, and the entries before a torn one', () => {
    const cookie = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
    const file = Buffer.concat([
      xauthEntry(256, 'ws-1', '0', cookie),
      xauthEntry(65535, '', '1', cookie),
    ]);
    const entries = parseXauthority(file);
    expect(entries.map((e) => [e.family, e.address, e.number, e.name])).toEqual([
      [256, 'ws-1', '0', 'MIT-MAGIC-COOKIE-1'],
      [65535, '', '1', 'MIT-MAGIC-COOKIE-1'],
    ]);
    expect(entries[0]!.data).toEqual(cookie);
    expect(parseXauthority(file.subarray(0, file.length - 5))).toHaveLength(1);
  });

  it('takes the class part of WM_CLASS', () => {
    expect(classOf(Buffer.from('Navigator\0firefox\0', 'latin1'))).toBe('firefox');
    expect(classOf(Buffer.from('xterm\0', 'latin1'))).toBe('xterm');
    expect(classOf(Buffer.from('', 'latin1'))).toBeNull();
  });

  it('decodes titles in COMPOUND_TEXT and in STRING holding UTF-8', () => {
    const cyrillic = Buffer.concat([
      Buffer.from('Hello ', 'latin1'),
      Buffer.from('\x1b-L', 'latin1'),
      Buffer.from([0xbf, 0xe0, 0xd8, 0xd2, 0xd5, 0xe2]),
    ]);
    expect(decodeCompoundText(cyrillic)).toBe('Hello Привет');
    const utf8Segment = Buffer.concat([
      Buffer.from('a \x1b%G', 'latin1'),
      Buffer.from('Звіт — ok', 'utf8'),
      Buffer.from('\x1b%@ ', 'latin1'),
      Buffer.from([0xe9]),
    ]);
    expect(decodeCompoundText(utf8Segment)).toBe('a Звіт — ok é');
    // A multi-byte set it does not know is left out, not shown as garbage.
    expect(decodeCompoundText(Buffer.from('x\x1b$(A\x30\x21\x1b(By', 'latin1'))).toBe('xy');
    expect(latin1OrUtf8(Buffer.from('Отчёт', 'utf8'))).toBe('Отчёт');
    expect(latin1OrUtf8(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe('café');
  });
});
