/** The scale that fits a page of the given size (PDF points) inside a box (CSS pixels), sharp on this screen. */
export function fitScale(page: { width: number; height: number }, box: { width: number; height: number }, pixelRatio = 1): number {
  if (!(page.width > 0 && page.height > 0)) throw new Error('The page has no size.');
  return Math.min(box.width / page.width, box.height / page.height) * Math.max(1, pixelRatio);
}

/**
 * Draws the first page of the PDF at `url` (a same-origin receipt path) into `canvas`, fitted inside `box`.
 * pdf.js and its worker load here, on demand, so only a screen that shows a PDF receipt pays for them.
 * Rejects when the file cannot be fetched or parsed; the caller keeps its icon and link then.
 */
export async function renderPdfThumbnail(url: string, canvas: HTMLCanvasElement, box: { width: number; height: number }, signal?: AbortSignal): Promise<void> {
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
    const page = await pdf.getPage(1);
    const unscaled = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: fitScale(unscaled, box, globalThis.devicePixelRatio ?? 1) });
    canvas.width = Math.max(1, Math.floor(viewport.width));
    canvas.height = Math.max(1, Math.floor(viewport.height));
    await page.render({ canvas, viewport }).promise;
  } finally {
    signal?.removeEventListener('abort', abort);
    await task.destroy();
  }
}
