import type { ReactNode } from 'react';
import { DialButton } from '../features/calls/DialButton';
import { telHref } from './phone';

/**
 * A phone or mobile number shown as written, as a `tel:` link (one tap to call on a phone), with
 * click-to-dial through the agent's seat beside it; `empty` ('-' unless told otherwise) when there is none.
 */
export function PhoneLink({ number, empty = '-' }: { number: string | null | undefined; empty?: ReactNode }) {
  if (!number?.trim()) return <>{empty}</>;
  const href = telHref(number);
  if (!href) return <>{number}</>;
  return (
    // A row or card that opens its record on click does not open it when the number is tapped.
    <span style={{ whiteSpace: 'nowrap' }}>
      <a href={href} onClick={(e) => e.stopPropagation()}>
        {number}
      </a>
      <DialButton number={number} />
    </span>
  );
}
