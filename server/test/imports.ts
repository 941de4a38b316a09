import ExcelJS from 'exceljs';
import type { Client } from './app.ts';

/** Sends a file as multipart/form-data the way the browser does. */
export function uploadImport(
  client: Client,
  entity: 'customers' | 'contacts' | 'leads' | 'products',
  content: Buffer,
  fileName: string,
  query: Record<string, string> = {},
  mapping?: Record<string, string | null>,
) {
  const boundary = `----relate${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  if (mapping) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n${JSON.stringify(mapping)}\r\n`,
      ),
    );
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(content, Buffer.from(`\r\n--${boundary}--\r\n`));
  return client.request('POST', `/api/v1/imports/${entity}`, {
    query,
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

export async function waitForImport(client: Client, id: number) {
  for (let i = 0; i < 200; i++) {
    const body = (await client.get(`/api/v1/imports/${id}`)).json();
    if (body.status !== 'running') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

/** An .xlsx workbook whose first sheet holds these rows. */
export async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Waits for an import that spans several chunks, longer than waitForImport. */
export async function waitForLongImport(client: Client, id: number) {
  for (let i = 0; i < 10; i++) {
    try {
      return await waitForImport(client, id);
    } catch {
      // still running
    }
  }
  throw new Error('import did not finish');
}

/** A CSV file of these rows (no quoting: the cells hold no commas). */
export const csvOf = (rows: string[][]) => Buffer.from(rows.map((r) => r.join(',')).join('\r\n'));
