import { PlusOutlined } from '@ant-design/icons';
import { Button, type ButtonProps } from 'antd';

/** The primary "New …" button that opens a list's create form. */
export function NewButton(props: Omit<ButtonProps, 'type' | 'icon'> & { 'data-testid'?: string }) {
  return <Button type="primary" icon={<PlusOutlined />} {...props} />;
}
