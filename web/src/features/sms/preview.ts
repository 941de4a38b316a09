/** The text as the recipient will read it: the signature in 【】 and the variables filled in (as the server renders it). */
export function renderPreview(template: { signature: string; content: string }, values: Record<string, string>) {
  return `【${template.signature}】${template.content.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => values[name] || `\${${name}}`)}`;
}
