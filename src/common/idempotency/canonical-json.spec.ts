import { canonicalJson, requestHash } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth so key order does not change the hash', () => {
    const a = { month: '2026-03', hours: 151.67, nested: { b: 1, a: [{ y: 2, x: 1 }] } };
    const b = { nested: { a: [{ x: 1, y: 2 }], b: 1 }, hours: 151.67, month: '2026-03' };
    expect(canonicalJson(a)).toBe('{"hours":151.67,"month":"2026-03","nested":{"a":[{"x":1,"y":2}],"b":1}}');
    expect(requestHash(a)).toBe(requestHash(b));
  });

  it('tells different bodies apart', () => {
    expect(requestHash({ hours: 10 })).not.toBe(requestHash({ hours: 10.01 }));
    expect(requestHash({ hours: 10 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('drops undefined members like JSON does', () => {
    expect(canonicalJson({ a: 1, reason: undefined })).toBe('{"a":1}');
  });
});
