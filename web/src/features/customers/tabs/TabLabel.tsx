/** A tab's title with how many records it holds, once known ("10000+" when counted only up to the cap). */
export function TabLabel({ title, list }: { title: string; list?: { total: number; totalCapped?: boolean } }) {
  return (
    <>
      {title}
      {list && ` (${list.total}${list.totalCapped ? '+' : ''})`}
    </>
  );
}
