import { describe, expect, it } from 'vitest';
import { fitScale } from './pdf-thumbnail';

describe('PDF thumbnail scale', () => {
  it('fits a portrait A4 page by its height and a landscape page by its width', () => {
    expect(fitScale({ width: 595, height: 842 }, { width: 160, height: 120 })).toBeCloseTo(120 / 842);
    expect(fitScale({ width: 842, height: 595 }, { width: 160, height: 120 })).toBeCloseTo(160 / 842);
  });

  it('draws more pixels on a high-density screen, never fewer than one per CSS pixel', () => {
    expect(fitScale({ width: 100, height: 100 }, { width: 100, height: 100 }, 2)).toBe(2);
    expect(fitScale({ width: 100, height: 100 }, { width: 100, height: 100 }, 0.5)).toBe(1);
  });

  it('refuses a page without a size', () => {
    expect(() => fitScale({ width: 0, height: 842 }, { width: 160, height: 120 })).toThrow();
  });
});
