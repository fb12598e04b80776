/** A QR code as a PNG data URL, drawn here: the two-factor secret must not go to any outside service. */
export async function qrCodeDataUrl(text: string): Promise<string> {
  // Loaded on demand: only the two-factor setup needs it.
  const { toDataURL } = await import('qrcode');
  return toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 200 });
}
