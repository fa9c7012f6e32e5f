/**
 * Upload checks (docs/domain-rules.md "Input and files"): the type is decided by the file's own bytes,
 * never by its name or the Content-Type the client claims, against an allow-list.
 */
export const ALLOWED_FILE_TYPES = {
  pdf: { mediaType: 'application/pdf', extension: 'pdf' },
  jpeg: { mediaType: 'image/jpeg', extension: 'jpg' },
  png: { mediaType: 'image/png', extension: 'png' },
  ofd: { mediaType: 'application/ofd', extension: 'ofd' },
  docx: {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
} as const;
export type AllowedFileType = keyof typeof ALLOWED_FILE_TYPES;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS_PER_APPLICATION = 10;

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

const EOCD = [0x50, 0x4b, 0x05, 0x06];
const CENTRAL = [0x50, 0x4b, 0x01, 0x02];

/**
 * The End Of Central Directory record whose central directory really starts where it says: the
 * offset of a ZIP archive's directory, or null when the bytes hold no such archive.
 */
function findZipDirectory(
  b: Uint8Array,
): { entries: number; offset: number; prefix: number; end: number } | null {
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 65535); at--) {
    if (!startsWith(b, EOCD, at)) {
      continue;
    }
    const entries = u16(b, at + 10);
    const size = u32(b, at + 12);
    // The directory sits right before this record; an archive glued after other bytes says it
    // starts earlier than it does, by the length of what precedes it (`prefix`).
    const offset = at - size;
    if (offset >= 0 && startsWith(b, CENTRAL, offset)) {
      return { entries, offset, prefix: offset - u32(b, at + 16), end: at + 22 + u16(b, at + 20) };
    }
  }
  return null;
}

/**
 * The entry names of a ZIP archive read from its central directory (latin-1; OFD and DOCX parts are
 * ASCII), or null when it is not a well-formed archive that starts at the first byte and ends at the last.
 */
export function zipEntryNames(b: Uint8Array): string[] | null {
  if (!startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    return null;
  }
  const dir = findZipDirectory(b);
  if (!dir || dir.end !== b.length || dir.prefix !== 0) {
    return null;
  }
  const names: string[] = [];
  let at = dir.offset;
  for (let i = 0; i < dir.entries; i++) {
    if (!startsWith(b, CENTRAL, at) || at + 46 > b.length) {
      return null;
    }
    const nameLength = u16(b, at + 28);
    const extra = u16(b, at + 30);
    const comment = u16(b, at + 32);
    if (at + 46 + nameLength > b.length) {
      return null;
    }
    names.push(String.fromCharCode(...b.subarray(at + 46, at + 46 + nameLength)));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

/** Entries an office document never needs: programs, scripts, macros, and paths that climb out. */
const UNSAFE_ENTRY =
  /(^\/|\.\.(\/|$)|\\|\.(exe|dll|com|scr|msi|bat|cmd|ps1|sh|vbs|vbe|js|jse|wsf|hta|jar|lnk|bin|so|dylib)$)/i;

export type FileCheck =
  | { type: AllowedFileType }
  | { problem: 'file.typeNotAllowed' | 'file.polyglot' | 'file.unsafeArchive'; message: string };

/**
 * The allowed type of an upload by its own bytes, or why it is refused: not a type we accept; a PDF
 * or image that also carries a ZIP archive (a polyglot); or an OFD or DOCX whose archive is malformed,
 * lacks the parts of its format (OFD.xml at the root; [Content_Types].xml and word/document.xml),
 * or contains programs, scripts or macros.
 */
export function checkUpload(bytes: Uint8Array): FileCheck {
  const notAllowed = {
    problem: 'file.typeNotAllowed',
    message: '只接受 PDF、JPEG、PNG、OFD、DOCX 文件',
  } as const;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const names = zipEntryNames(bytes);
    if (!names) {
      return { problem: 'file.unsafeArchive', message: '文件结构不完整或夹带其他内容，请重新导出后上传' };
    }
    if (names.some((n) => UNSAFE_ENTRY.test(n))) {
      return { problem: 'file.unsafeArchive', message: '文件中含有程序、脚本或宏，不能上传' };
    }
    if (names.includes('OFD.xml')) {
      return { type: 'ofd' };
    }
    if (names.includes('[Content_Types].xml') && names.includes('word/document.xml')) {
      return { type: 'docx' };
    }
    return notAllowed;
  }
  const type = sniffFileType(bytes);
  if (!type) {
    return notAllowed;
  }
  if (findZipDirectory(bytes)) {
    return { problem: 'file.polyglot', message: '文件中夹带了压缩包，不能上传' };
  }
  return { type };
}

/** The allowed type of a file by its magic bytes, or null when it is not one we accept. */
export function sniffFileType(bytes: Uint8Array): AllowedFileType | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    return 'pdf'; // %PDF-
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) {
    return 'jpeg';
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return 'png';
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // Both are ZIP containers: OFD (GB/T 33190) has OFD.xml at its root; DOCX has word/document.xml.
    const names = zipEntryNames(bytes) ?? [];
    if (names.includes('OFD.xml')) {
      return 'ofd';
    }
    if (names.includes('word/document.xml') && names.includes('[Content_Types].xml')) {
      return 'docx';
    }
  }
  return null;
}
