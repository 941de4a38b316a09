import { execFile } from 'node:child_process';

/**
 * Downloads a URL in a separate Node process and reports how long the response took, its size and
 * its line count, so that reading the body does not take CPU time from the server being measured.
 */
export function downloadElsewhere(
  url: string,
  cookie: string,
): Promise<{ seconds: number; bytes: number; lines: number }> {
  const script = `
    const started = performance.now();
    const response = await fetch(process.argv[1], { headers: { cookie: process.argv[2] } });
    if (!response.ok) throw new Error(await response.text());
    let bytes = 0, lines = 0;
    for await (const chunk of response.body) {
      bytes += chunk.length;
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
    }
    console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, bytes, lines }));`;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '-e', script, url, cookie],
      { maxBuffer: 1 << 20 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve(JSON.parse(stdout));
      },
    );
  });
}
