// A workflow run's history as it is kept in the archive: the SDK's own protobuf message
// (@temporalio/proto History) as protobufjs JSON (longs and enums as strings, bytes as base64:
// the form test/histories/ holds and Worker.runReplayHistory takes), gzip-compressed, with the
// sha256 of the uncompressed JSON. The hash is of the JSON rather than of the gzip bytes, so it
// stays the same whatever the compression level. Not the SDK's historyToJSON (the
// `temporal workflow show --output json` form): in @temporalio/common 1.24.0 it throws "type must
// be a Type" because that package carries its own protobufjs 8 beside the protobufjs 7 of
// @temporalio/proto.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { temporal } from '@temporalio/proto';
import { configure } from 'safe-stable-stringify';

export type History = temporal.api.history.v1.IHistory;
const HistoryMessage = temporal.api.history.v1.History;

export interface EncodedHistory {
  gz: Buffer;
  sha256: string;
  jsonBytes: number;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

// Keys sorted at every level: protobuf maps (a payload's metadata) come back from the server in
// any order, and the same history must always give the same bytes and the same hash.
const canonical = configure({ deterministic: true, circularValue: Error, bigint: false });

/** The JSON the archive stores and hashes (canonical: keys sorted, no spaces). */
export function historyJson(history: History): string {
  const json = canonical(HistoryMessage.toObject(HistoryMessage.fromObject(history), { longs: String, enums: String, bytes: String }));
  if (json === undefined) throw new Error('a history cannot be empty');
  return json;
}

export function encodeHistory(history: History): EncodedHistory {
  const json = historyJson(history);
  return { gz: gzipSync(json, { level: 9 }), sha256: sha256Hex(json), jsonBytes: Buffer.byteLength(json) };
}

/** The history behind stored bytes; refuses bytes whose JSON no longer has the recorded hash. */
export function decodeHistory(gz: Buffer, expectedSha256: string): History {
  const json = gunzipSync(gz).toString('utf8');
  const actual = sha256Hex(json);
  if (actual !== expectedSha256) throw new HistoryIntegrityError(expectedSha256, actual);
  return HistoryMessage.fromObject(JSON.parse(json));
}

export class HistoryIntegrityError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`the archived history does not match its recorded sha256 (recorded ${expected}, found ${actual})`);
    this.name = 'HistoryIntegrityError';
  }
}

/** One hash for a case's runs in order: sha256 over their hashes joined by newlines. */
export function manifestSha256(runHashes: readonly string[]): string {
  return sha256Hex(runHashes.join('\n'));
}
