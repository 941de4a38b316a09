/** A merge field as a script writes it: {{customerName}} (spaces inside the braces allowed). */
const mergeField = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The merge fields a script uses that are not among those offered. */
export function unknownMergeFields(script: string, offered: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const match of script.matchAll(mergeField)) if (!offered.includes(match[1]!)) unknown.add(match[1]!);
  return [...unknown];
}

/** The script with each merge field filled in; a field with no value reads as a dash. */
export function fillScript(script: string, values: Record<string, string | number | null | undefined>): string {
  return script.replace(mergeField, (_, name: string) => {
    const value = values[name];
    return value === null || value === undefined || value === '' ? '—' : String(value);
  });
}
