/** A numeric command-line option (`--customers 100000`), or the fallback when it is not given. */
export function numberArg(name: string, fallback: number, args = process.argv.slice(2)): number {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}
