import { BoldOutlined, ItalicOutlined, OrderedListOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { type Editor, EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { Button, Space } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/** A small rich-text editor (headings, emphasis, lists, quotes, code) that reads and writes HTML; the server sanitises what it stores. */
export function RichTextEditor({
  value,
  onChange,
  onEditor,
}: {
  value?: string;
  onChange?: (html: string) => void;
  /** The editor once made, for a caller that inserts text at the caret (an email template's merge fields). */
  onEditor?: (editor: Editor) => void;
}) {
  const { t } = useTranslation();
  // What the editor itself has reported since the form last caught up. A render can bring back one of
  // these after the next keystroke is already in (effects run after paint); putting it back into the
  // editor would undo that keystroke and move the caret, so only values from elsewhere (a loaded
  // article, a reset form) replace the content.
  const emitted = useRef(new Set<string>());
  const editor = useEditor({
    extensions: [StarterKit],
    content: value ?? '',
    onUpdate: ({ editor: e }) => {
      const html = e.getHTML();
      emitted.current.add(html);
      onChange?.(html);
    },
  });
  useEffect(() => {
    if (editor) onEditor?.(editor);
  }, [editor, onEditor]);
  useEffect(() => {
    if (!editor || value === undefined) return;
    const current = editor.getHTML();
    if (value === current) emitted.current.clear();
    else if (!emitted.current.has(value)) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  if (!editor) return null;
  const button = (label: string, active: boolean, run: () => void, icon?: React.ReactNode) => (
    // A press on the toolbar keeps the focus (and caret) in the text: were the button to take it, the
    // editor would take it back a frame later, putting the caret where it was before any keystroke
    // typed in between.
    <Button
      size="small"
      type={active ? 'primary' : 'default'}
      icon={icon}
      onMouseDown={(event) => event.preventDefault()}
      onClick={run}
      aria-label={label}
      title={label}
    >
      {icon ? null : label}
    </Button>
  );
  return (
    <div style={{ border: '1px solid #d9d9d9', borderRadius: 6 }}>
      <Space wrap size={4} style={{ padding: 6, borderBottom: '1px solid #f0f0f0' }}>
        {button('H2', editor.isActive('heading', { level: 2 }), () =>
          editor.chain().focus().toggleHeading({ level: 2 }).run(),
        )}
        {button('H3', editor.isActive('heading', { level: 3 }), () =>
          editor.chain().focus().toggleHeading({ level: 3 }).run(),
        )}
        {button(
          t('knowledge.editor.bold'),
          editor.isActive('bold'),
          () => editor.chain().focus().toggleBold().run(),
          <BoldOutlined />,
        )}
        {button(
          t('knowledge.editor.italic'),
          editor.isActive('italic'),
          () => editor.chain().focus().toggleItalic().run(),
          <ItalicOutlined />,
        )}
        {button(
          t('knowledge.editor.bulletList'),
          editor.isActive('bulletList'),
          () => editor.chain().focus().toggleBulletList().run(),
          <UnorderedListOutlined />,
        )}
        {button(
          t('knowledge.editor.orderedList'),
          editor.isActive('orderedList'),
          () => editor.chain().focus().toggleOrderedList().run(),
          <OrderedListOutlined />,
        )}
        {button(t('knowledge.editor.quote'), editor.isActive('blockquote'), () =>
          editor.chain().focus().toggleBlockquote().run(),
        )}
        {button(t('knowledge.editor.code'), editor.isActive('codeBlock'), () =>
          editor.chain().focus().toggleCodeBlock().run(),
        )}
      </Space>
      <EditorContent
        editor={editor}
        className="rich-text"
        style={{ padding: '4px 12px', minHeight: 240 }}
        data-testid="rich-text-editor"
      />
    </div>
  );
}
