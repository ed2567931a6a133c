/** The re-predict grid's page label (pure: the build prints the first page's, the widget each page's). */
export function pageLabel(from: number, to: number, count: number): string {
  return `Images ${from + 1}–${to} of ${count}`;
}
