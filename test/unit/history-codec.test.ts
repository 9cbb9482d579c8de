// The archive's encoding: the same history always hashes the same (protobuf maps in any order),
// round-trips through gzip, and stored bytes that no longer match their hash are refused.
import { gzipSync } from 'node:zlib';
import { temporal } from '@temporalio/proto';
import { decodeHistory, encodeHistory, historyJson, HistoryIntegrityError, manifestSha256, sha256Hex } from '../../infra/history/codec';

const enc = (s: string) => new TextEncoder().encode(s);
function history(metadataOrder: 'ab' | 'ba') {
  const metadata = metadataOrder === 'ab' ? { encoding: enc('json/plain'), type: enc('Keyword') } : { type: enc('Keyword'), encoding: enc('json/plain') };
  return temporal.api.history.v1.History.fromObject({
    events: [
      { eventId: 1, eventType: 1, eventTime: { seconds: 1_800_000_000, nanos: 5_000_000 }, workflowExecutionStartedEventAttributes: { workflowType: { name: 'probe' }, input: { payloads: [{ metadata, data: enc('"x"') }] } } },
      { eventId: 2, eventType: 2 },
    ],
  });
}

it('hashes a history the same whatever the order of its map keys', () => {
  expect(historyJson(history('ab'))).toBe(historyJson(history('ba')));
  expect(encodeHistory(history('ab')).sha256).toBe(encodeHistory(history('ba')).sha256);
  expect(encodeHistory(history('ab')).sha256).toBe(sha256Hex(historyJson(history('ab'))));
});

it('decodes what it encoded, and refuses bytes that do not match the recorded hash', () => {
  const e = encodeHistory(history('ab'));
  const back = decodeHistory(e.gz, e.sha256);
  expect(back.events).toHaveLength(2);
  expect(historyJson(back)).toBe(historyJson(history('ab')));
  const tampered = gzipSync(historyJson(history('ab')).replace('probe', 'other'));
  expect(() => decodeHistory(tampered, e.sha256)).toThrow(HistoryIntegrityError);
});

it('a manifest hash depends on every run and their order', () => {
  expect(manifestSha256(['a', 'b'])).not.toBe(manifestSha256(['b', 'a']));
  expect(manifestSha256(['a', 'b'])).toBe(sha256Hex('a\nb'));
});
