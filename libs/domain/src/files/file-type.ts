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

/** Whether a ZIP archive (checked as latin-1 text) names an entry. */
function zipHasEntry(bytes: Uint8Array, name: string): boolean {
  let text = '';
  // Central directory names are ASCII; decoding byte by byte keeps this free of Node APIs.
  for (let i = 0; i < bytes.length; i += 65536) {
    text += String.fromCharCode(...bytes.subarray(i, Math.min(bytes.length, i + 65536)));
  }
  return text.includes(name);
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
    if (zipHasEntry(bytes, 'OFD.xml')) {
      return 'ofd';
    }
    if (zipHasEntry(bytes, 'word/document.xml') && zipHasEntry(bytes, '[Content_Types].xml')) {
      return 'docx';
    }
  }
  return null;
}
