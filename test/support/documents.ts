// Case documents in API tests: files of each kept type made in memory (a PDF, a PNG, a tiny ZIP
// writer for DOCX and OFD packages), multipart bodies as a browser sends them, and the upload.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { App } from '../../api/app';
import { bearer } from './app';

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function pdf(text = 'case document'): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
}

export function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
}

/** A ZIP of stored (uncompressed) entries: enough for file-type and yauzl to read. */
export function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(entries)) {
    const data = Buffer.from(content);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export const docx = () =>
  zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    'word/document.xml': '<w:document/>',
  });

/** An OFD package (GB/T 33190): OFD.xml at the root. */
export const ofd = () => zip({ 'OFD.xml': '<?xml version="1.0"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>', 'Doc_0/Document.xml': '<ofd:Document/>' });

const BOUNDARY = '----liaoyuan-test-boundary';

/** A multipart/form-data body with one file part; `truncate` cuts it before its end (an aborted upload). */
export function multipart(filename: string, content: Buffer, o: { field?: string; truncate?: number } = {}): { body: Buffer; headers: Record<string, string> } {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${o.field ?? 'file'}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const full = Buffer.concat([head, content, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
  const body = o.truncate === undefined ? full : full.subarray(0, head.length + o.truncate);
  return { body, headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } };
}

export async function upload(app: App, token: string, filename: string, content: Buffer, query = '') {
  const { body, headers } = multipart(filename, content);
  return app.inject({ method: 'POST', url: `/api/v1/documents${query}`, headers: { ...bearer(token), ...headers }, payload: body });
}

/** Uploads and returns the new document's id (fails the test on anything but 201). */
export async function uploadId(app: App, token: string, filename = '申报表.pdf', content: Buffer = pdf(filename), query = ''): Promise<string> {
  const res = await upload(app, token, filename, content, query);
  if (res.statusCode !== 201) throw new Error(`upload ${filename}: ${res.statusCode} ${res.body}`);
  return (res.json() as { documentId: string }).documentId;
}
