import { describe, expect, it } from 'vitest';
import { qrCodeDataUrl } from './qr';

describe('QR codes', () => {
  it('draws an otpauth URL as a PNG data URL, a different picture for a different secret', async () => {
    const first = await qrCodeDataUrl('otpauth://totp/Finance%20Tracker:a%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Finance%20Tracker');
    const second = await qrCodeDataUrl('otpauth://totp/Finance%20Tracker:a%40example.com?secret=KRSXG5CTMVRXEZLU&issuer=Finance%20Tracker');
    expect(first).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    expect(second).not.toBe(first);
  });
});
