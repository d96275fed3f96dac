/**
 * A horizontal bar chart rendered as plain SVG on the server: readable without
 * JavaScript, scales with the page (viewBox), announced as one image with a title and a
 * description; the exact numbers are in the table beside it.
 */
import { useId } from "react";

export type Bar = { label: string; value: number; text: string };

const ROW = 26;
const LABEL_WIDTH = 200;
const WIDTH = 640;

export function BarChart({ title, desc, bars }: { title: string; desc: string; bars: Bar[] }) {
  const id = useId();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const barSpace = WIDTH - LABEL_WIDTH - 70;
  const height = Math.max(1, bars.length) * ROW + 8;
  return (
    <svg
      className="bar-chart"
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      preserveAspectRatio="xMinYMin meet"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{desc}</desc>
      {bars.map((b, i) => {
        const y = 4 + i * ROW;
        const w = Math.round((b.value / max) * barSpace);
        const label = b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: bars are fixed positions of one report
          <g key={i}>
            <text x={LABEL_WIDTH - 8} y={y + 16} textAnchor="end" fontSize="13" fill="currentColor">
              {label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 3} width={Math.max(w, b.value > 0 ? 2 : 0)} height={ROW - 8} fill="#1d5fa8" />
            <text x={LABEL_WIDTH + w + 6} y={y + 16} fontSize="13" fill="currentColor">
              {b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
