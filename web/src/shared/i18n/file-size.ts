/**
 * A file size in the reader's language: "512 octets", "12,3 ko", "1,5 Mo" / "512 bytes", "12.3 kB", "1.5 MB".
 */
export function formatFileSize(bytes: number, locale: string): string {
  const n = Math.max(0, bytes);
  const fmt = (value: number, unit: 'byte' | 'kilobyte' | 'megabyte' | 'gigabyte') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      // "12 ko" reads well; "512 o" does not, so bytes are written out.
      unitDisplay: unit === 'byte' ? 'long' : 'short',
      maximumFractionDigits: value < 10 && unit !== 'byte' ? 1 : 0,
    }).format(value);
  if (n < 1024) return fmt(n, 'byte');
  if (n < 1024 ** 2) return fmt(n / 1024, 'kilobyte');
  if (n < 1024 ** 3) return fmt(n / 1024 ** 2, 'megabyte');
  return fmt(n / 1024 ** 3, 'gigabyte');
}
