import type { Readable } from 'node:stream';
import { tooLarge } from './errors';

/** An uploaded file as services take it (the GraphQL upload behind it stays in the resolver). */
export interface IncomingFile {
  filename?: string;
  /** Opens the upload's bytes; may throw at once when the upload already failed (too large). */
  open(): Readable;
}

/** Collects the upload, refusing it with `message` as soon as it passes `maxBytes` (never buffering more). */
export async function readLimited(file: IncomingFile, maxBytes: number, message: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const stream = file.open();
    for await (const chunk of stream) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        stream.destroy();
        throw tooLarge('file', message);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    // graphql-upload-ts ends the stream with its own error when the multipart limit trips.
    if ((error as { status?: number })?.status === 413) throw tooLarge('file', message);
    throw error;
  }
  return Buffer.concat(chunks);
}

/**
 * The name a client gave its file, safe to show and to offer back: no folders, control characters,
 * characters file systems refuse or leading dots; NFC; at most 200 characters ('' when none is left).
 */
export function uploadedName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '')
    .normalize('NFC')
    .trim()
    .replace(/^\.+/, '');
  return [...cleaned].slice(0, 200).join('');
}
