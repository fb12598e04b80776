/** The scale that fits a page of the given size (PDF points) inside a box (CSS pixels), sharp on this screen. */
export function fitScale(page: { width: number; height: number }, box: { width: number; height: number }, pixelRatio = 1): number {
  if (!(page.width > 0 && page.height > 0)) throw new Error('The page has no size.');
  return Math.min(box.width / page.width, box.height / page.height) * Math.max(1, pixelRatio);
}

/** An open PDF: its page count, a page drawn into a canvas at a scale, and the close that frees it. */
export interface OpenPdf {
  pages: number;
  pageSize(number: number): Promise<{ width: number; height: number }>;
  render(number: number, canvas: HTMLCanvasElement, scale: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the PDF at `url` (a same-origin receipt path). pdf.js and its worker load here, on demand,
 * so only a screen that shows a PDF receipt pays for them. Rejects when the file cannot be fetched or parsed.
 */
export async function openPdf(url: string, signal?: AbortSignal): Promise<OpenPdf> {
  const [pdfjs, { default: workerUrl }] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  // A same-origin module worker from the build: the CSP's default-src 'self' allows it (no blob: or CDN worker).
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const response = await fetch(url, { credentials: 'same-origin', signal });
  if (!response.ok) throw new Error(`The receipt could not be fetched (${response.status}).`);
  const data = await response.arrayBuffer();
  const task = pdfjs.getDocument({ data, isEvalSupported: false });
  const abort = () => void task.destroy();
  signal?.addEventListener('abort', abort, { once: true });
  try {
    const pdf = await task.promise;
    return {
      pages: pdf.numPages,
      pageSize: async (number) => (await pdf.getPage(number)).getViewport({ scale: 1 }),
      render: async (number, canvas, scale) => {
        const page = await pdf.getPage(number);
        const viewport = page.getViewport({ scale });
        canvas.width = Math.max(1, Math.floor(viewport.width));
        canvas.height = Math.max(1, Math.floor(viewport.height));
        await page.render({ canvas, viewport }).promise;
      },
      close: async () => {
        signal?.removeEventListener('abort', abort);
        await task.destroy();
      },
    };
  } catch (error) {
    signal?.removeEventListener('abort', abort);
    await task.destroy();
    throw error;
  }
}

/** Draws the first page of the PDF at `url` into `canvas`, fitted inside `box`; the caller keeps its icon and link on failure. */
export async function renderPdfThumbnail(url: string, canvas: HTMLCanvasElement, box: { width: number; height: number }, signal?: AbortSignal): Promise<void> {
  const pdf = await openPdf(url, signal);
  try {
    await pdf.render(1, canvas, fitScale(await pdf.pageSize(1), box, globalThis.devicePixelRatio ?? 1));
  } finally {
    await pdf.close();
  }
}
