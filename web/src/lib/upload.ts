import type { TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';
import { UploadReceiptDocument } from '../graphql/generated/graphql';
import { GraphQLRequestError, parseErrorBody } from './errors';

/**
 * The body of a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * the operation with `variables.file` null, and the file as part "0".
 */
function uploadForm<TVariables extends { file: File }>(document: TypedDocumentNode<unknown, TVariables>, variables: TVariables, file: File): FormData {
  const form = new FormData();
  form.append('operations', JSON.stringify({ query: print(document), variables: { ...variables, file: null } }));
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', file, file.name);
  return form;
}

export function receiptUploadForm(transactionId: string, file: File): FormData {
  return uploadForm(UploadReceiptDocument, { transactionId, file }, file);
}

/**
 * Sends one operation with its file through XMLHttpRequest, which (unlike fetch) reports upload
 * progress, and resolves with the operation's data. Apollo's CSRF prevention wants a non-simple
 * header on multipart requests.
 */
export function uploadWithProgress<TData, TVariables extends { file: File }>(
  document: TypedDocumentNode<TData, TVariables>, variables: TVariables, onProgress: (fraction: number) => void,
) {
  const request = new XMLHttpRequest();
  const promise = new Promise<TData>((resolve, reject) => {
    request.open('POST', '/graphql');
    request.setRequestHeader('apollo-require-preflight', 'true');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      const errors = parseErrorBody(request.responseText);
      if (errors) return reject(new GraphQLRequestError(errors));
      try {
        const body = JSON.parse(request.responseText) as { data?: TData | null };
        if (body.data) return resolve(body.data);
      } catch {
        // fall through: not JSON (a proxy's error page, say)
      }
      reject(new GraphQLRequestError([{ message: `The upload failed (HTTP ${request.status}).`, extensions: { code: request.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL_SERVER_ERROR' } }]));
    });
    request.addEventListener('error', () => reject(new TypeError('network error')));
    request.addEventListener('abort', () => reject(new DOMException('Upload cancelled', 'AbortError')));
    request.send(uploadForm(document, variables, variables.file));
  });
  return { promise, abort: () => request.abort() };
}

/** Uploads one receipt to a transaction. */
export function uploadReceipt(transactionId: string, file: File, onProgress: (fraction: number) => void) {
  const upload = uploadWithProgress(UploadReceiptDocument, { transactionId, file }, onProgress);
  return { promise: upload.promise.then((data) => data.uploadReceipt), abort: upload.abort };
}

/** A file size as people read it: "10 MB", "2.5 MB", "340 kB" (binary units, as the server's limit is set). */
export function formatFileSize(bytes: number, locale?: string): string {
  const megabytes = bytes >= 1024 * 1024;
  const value = megabytes ? bytes / (1024 * 1024) : bytes / 1024;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: megabytes ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(value);
}

/** Why a file will not be sent, checked before uploading; null when it fits the server's limit. */
export function tooLargeSentence(file: { size: number }, maxBytes: number, locale?: string, what = 'receipts'): string | null {
  if (file.size <= maxBytes) return null;
  return `The file is ${formatFileSize(file.size, locale)}; ${what} can be at most ${formatFileSize(maxBytes, locale)}.`;
}
