// No browser needed: the stream framing parser and the Amsterdam-time conversions, against the cases the
// suite produces (NDJSON from ASP.NET Core JSON transcoding) and the ones it might (arrays, odd chunking).
import { expect, test } from '@playwright/test';
import { JsonObjectSplitter } from '../src/api/stream';
import { fromLocalInput, toLocalInput } from '../src/format';

test('the stream parser cuts complete messages out of any chunking', () => {
  const messages = [
    { offer: { dispatch: 'dispatches/1', requester: 'Meldkamer "Noord" {OvD}', resumeToken: 'ZmVlZDox' } },
    { heartbeat: { serverTime: '2026-11-23T11:09:18.416368900Z' } },
    { code: 14, message: 'Unavailable', details: [] },
  ];
  const ndjson = messages.map((m) => JSON.stringify(m)).join('\n') + '\n';
  for (const size of [1, 2, 7, 64, ndjson.length]) {
    const splitter = new JsonObjectSplitter();
    const out: unknown[] = [];
    for (let i = 0; i < ndjson.length; i += size) out.push(...splitter.push(ndjson.slice(i, i + size)));
    expect(out, `chunks of ${size}`).toEqual(messages);
  }
  // An array framing and messages without newlines work too.
  const splitter = new JsonObjectSplitter();
  expect(splitter.push(`[${JSON.stringify(messages[0])},${JSON.stringify(messages[1])}]`)).toEqual(messages.slice(0, 2));
  expect(splitter.push(JSON.stringify(messages[1]) + JSON.stringify(messages[1]))).toEqual([messages[1], messages[1]]);
});

test('datetime inputs are read and shown in Amsterdam time, across daylight saving time', () => {
  expect(fromLocalInput('2026-11-23T12:05')).toBe('2026-11-23T11:05:00Z'); // CET, UTC+1
  expect(fromLocalInput('2026-07-01T09:00')).toBe('2026-07-01T07:00:00Z'); // CEST, UTC+2
  expect(fromLocalInput('2026-03-29T03:30')).toBe('2026-03-29T01:30:00Z'); // just after the spring change
  expect(toLocalInput('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30');
  expect(toLocalInput('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30'); // the repeated hour in autumn
  expect(fromLocalInput('not a time')).toBeNull();
});
