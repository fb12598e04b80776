// Chart.js, tree-shaken to the two chart types the dashboard draws; loaded on demand by the charts.
import {
  ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, Tooltip,
} from 'chart.js';

Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, Tooltip);

/** The app's palette from its CSS variables, so charts follow dark mode. */
export function themeColors() {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string) => style.getPropertyValue(name).trim();
  return { text: read('--text'), muted: read('--muted'), border: read('--border'), positive: read('--positive'), negative: read('--negative'), surface: read('--surface') };
}

export { Chart };
