import { Progress } from 'antd';

// The ticket form picks a customer's asset with this hook; it lives with the other reads in queries.ts.
export { useCustomerAssets } from './queries';

/** How much of an allowance is used, red once it is exceeded. */
export function Allowance({ used, included, unit }: { used: number; included: number | null; unit: string }) {
  if (included === null)
    return (
      <span>
        {used} {unit}
      </span>
    );
  return (
    <Progress
      size="small"
      percent={included ? Math.min(100, Math.round((used / included) * 100)) : 100}
      status={used > included ? 'exception' : 'normal'}
      format={() => `${used}/${included} ${unit}`}
      style={{ minWidth: 160 }}
    />
  );
}
