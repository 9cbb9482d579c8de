// Table columns whose dataIndex is a key of the row type (antd types it as any string): a field
// renamed or retyped in the OpenAPI document breaks `tsc -p web` here, not the page.
import type { ReactNode } from 'react';
import type { ColumnType } from 'antd/es/table';

type Extra<T> = Omit<ColumnType<T>, 'title' | 'dataIndex' | 'render'>;

/** const col = columnsOf<Row>(); col('标题', 'title', (v, row) => ...) */
export function columnsOf<T>() {
  return <K extends Extract<keyof T, string>>(title: ReactNode, key: K, render?: (value: T[K], row: T) => ReactNode, extra: Extra<T> = {}): ColumnType<T> => ({
    title,
    dataIndex: key,
    key,
    ...(render ? { render: (value: T[K], row: T) => render(value, row) } : {}),
    ...extra,
  });
}
