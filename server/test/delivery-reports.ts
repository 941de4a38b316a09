/** Delivery status notifications (RFC 3464) as receiving servers write them, for the bounce tests. */

type Failure = { address: string; action?: string; status: string; diagnostic?: string };

/**
 * A DSN about the message whose headers are `original` (its raw text; only the header block is returned
 * unless `embed` asks for the whole message as message/rfc822, as Exchange does).
 */
export function deliveryReport(m: {
  to: string;
  original: string;
  recipients: Failure[];
  embed?: boolean;
  messageId?: string;
  base64?: boolean;
}): string {
  const boundary = 'dsn-boundary-1';
  const originalHead = m.original.split(/\r?\n\r?\n/)[0]!;
  const status = [
    'Reporting-MTA: dns; mx.example.net',
    'Arrival-Date: Mon, 7 Dec 2026 10:00:00 +0000',
    ...m.recipients.flatMap((r) => [
      '',
      `Final-Recipient: rfc822; ${r.address}`,
      `Action: ${r.action ?? 'failed'}`,
      `Status: ${r.status}`,
      ...(r.diagnostic ? [`Diagnostic-Code: smtp; ${r.diagnostic}`] : []),
    ]),
  ].join('\r\n');
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    `To: ${m.to}`,
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${m.messageId ?? `dsn-${Math.random().toString(36).slice(2)}@mx.example.net`}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is the mail system. Your message could not be delivered to one or more recipients.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    ...(m.base64 ? ['Content-Transfer-Encoding: base64', '', Buffer.from(status).toString('base64')] : ['', status]),
    '',
    `--${boundary}`,
    ...(m.embed
      ? ['Content-Type: message/rfc822', '', m.original.replace(/\r?\n/g, '\r\n')]
      : ['Content-Type: text/rfc822-headers', '', originalHead.replace(/\r?\n/g, '\r\n')]),
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
