/** The app's palette from its CSS variables, so charts follow dark mode (no Chart.js needed to read it). */
export function themeColors() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return { text: read('--text'), muted: read('--muted'), border: read('--border'), positive: read('--positive'), negative: read('--negative'), surface: read('--surface') };
}

export type ThemeColors = ReturnType<typeof themeColors>;
