// The justified layout: rows of equal height that fill the width, each item keeping its aspect ratio.

/**
 * Splits `ratios` (width / height) into rows for a `width` wide box. A row grows until, scaled to `width`, it would
 * be no taller than `target`; the last row keeps `target` height (not stretched) unless nearly full.
 * Returns [{start, end (exclusive), height, widths: [...]}].
 */
export function justify(ratios, width, target, gap) {
  const rows = [];
  let start = 0;
  let sum = 0;
  for (let i = 0; i < ratios.length; i++) {
    sum += ratios[i];
    const count = i - start + 1;
    const height = (width - gap * (count - 1)) / sum;
    if (height <= target) {
      rows.push(row(ratios, start, i + 1, height, gap));
      start = i + 1;
      sum = 0;
    }
  }
  if (start < ratios.length) rows.push(row(ratios, start, ratios.length, target, gap));
  return rows;
}

function row(ratios, start, end, height, gap) {
  const widths = [];
  for (let i = start; i < end; i++) widths.push(ratios[i] * height);
  return {start, end, height, widths};
}
