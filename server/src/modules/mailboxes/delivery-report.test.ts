import { describe, expect, it } from 'vitest';
import { deliveryReport } from '../../../test/delivery-reports.ts';
import { rawMessage } from '../../../test/imap.ts';
import { parseEmail } from './mailboxes.imap.ts';

const original = rawMessage({
  from: 'Relate <news@relate.test>',
  to: 'buyer@pumps.test',
  subject: '春季新品',
  date: new Date('2026-12-07T09:00:00Z'),
  messageId: 'campaign.7.42.abc123@relate.test',
  html: '<p>你好</p>',
});

const reportOf = async (raw: string) => (await parseEmail(1, Buffer.from(raw), null)).deliveryReport;

describe('delivery status notifications', () => {
  it('reads the failed recipient, its status and the returned message’s Message-ID from a header-only report', async () => {
    const report = await reportOf(
      deliveryReport({
        to: 'bounces@relate.test',
        original,
        recipients: [
          { address: 'Buyer@Pumps.test', status: '5.1.1', diagnostic: '550 5.1.1 <buyer@pumps.test>: User unknown' },
        ],
      }),
    );
    expect(report).toEqual({
      originalMessageId: 'campaign.7.42.abc123@relate.test',
      recipients: [
        {
          address: 'buyer@pumps.test',
          action: 'failed',
          status: '5.1.1',
          diagnostic: 'smtp; 550 5.1.1 <buyer@pumps.test>: User unknown',
        },
      ],
    });
  });

  it('reads a report with the whole message returned, several recipients and a base64 status part', async () => {
    const report = await reportOf(
      deliveryReport({
        to: 'bounces@relate.test',
        original,
        embed: true,
        base64: true,
        recipients: [
          { address: 'full@pumps.test', status: '4.2.2', diagnostic: '452 mailbox full' },
          { address: 'later@pumps.test', action: 'delayed', status: '4.4.7' },
        ],
      }),
    );
    expect(report?.originalMessageId).toBe('campaign.7.42.abc123@relate.test');
    expect(report?.recipients.map((r) => [r.address, r.action, r.status])).toEqual([
      ['full@pumps.test', 'failed', '4.2.2'],
      ['later@pumps.test', 'delayed', '4.4.7'],
    ]);
  });

  it('finds no report in ordinary mail, nor in an out-of-office reply', async () => {
    expect(await reportOf(original)).toBeNull();
    const autoReply = rawMessage({
      from: 'buyer@pumps.test',
      to: 'news@relate.test',
      subject: 'Out of office',
      date: new Date(),
      headers: { 'Auto-Submitted': 'auto-replied' },
      text: 'Action: failed\r\nStatus: 5.1.1',
    });
    const parsed = await parseEmail(1, Buffer.from(autoReply), null);
    expect(parsed.automated).toBe(true);
    expect(parsed.deliveryReport).toBeNull();
  });
});
