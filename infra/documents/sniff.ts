// The media type of an uploaded file, from its content (never from the name or the client's
// Content-Type): `file-type` reads the magic numbers (and, for DOCX/XLSX, the package's
// [Content_Types].xml); OFD, which file-type reports as a plain ZIP, is a ZIP whose root holds
// OFD.xml (GB/T 33190-2016 §7.1), found in the archive's central directory. Null: none of the
// types the system keeps.
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { isDocumentMediaType, type DocumentMediaType } from '../../domain/document';

type FileTypeModule = typeof import('file-type', { with: { 'resolution-mode': 'import' } });
let fileTypeModule: Promise<FileTypeModule> | undefined;
// file-type is ESM only; this CommonJS build loads it with a real dynamic import (TypeScript's
// node16 module output and the tests' swc transform, `ignoreDynamic`, both keep it one).
const loadFileType = (): Promise<FileTypeModule> => (fileTypeModule ??= import('file-type'));

const openZip = promisify<string, yauzl.Options, yauzl.ZipFile>(yauzl.open);

/** Whether the ZIP at `file` has OFD.xml at its root (entry names only, nothing inflated). */
export async function isOfdPackage(file: string): Promise<boolean> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(file, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch {
    return false;
  }
  try {
    return await new Promise<boolean>((resolve) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        // OFD.xml is the package's entry file; some writers name it ofd.xml.
        if (entry.fileName.toLowerCase() === 'ofd.xml') resolve(true);
        else zip.readEntry();
      });
      zip.on('end', () => resolve(false));
      zip.on('error', () => resolve(false));
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
}

export async function sniffMediaType(file: string): Promise<DocumentMediaType | null> {
  const { fileTypeFromFile } = await loadFileType();
  const found = await fileTypeFromFile(file);
  if (!found) return null;
  if (found.mime === 'application/zip') return (await isOfdPackage(file)) ? 'application/ofd' : null;
  return isDocumentMediaType(found.mime) ? found.mime : null;
}
