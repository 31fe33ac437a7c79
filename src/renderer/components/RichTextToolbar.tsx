// Formatting for the HTML editors (message body, bulk body, account signature): bold, italic,
// underline, lists, clearing formats and pictures. It drives the browser's own editing commands
// on the contentEditable the editors already are, so the HTML stays what Chromium writes and what
// the sanitizer and the sender already handle; a separate editor library would replace that
// whole model. Pictures go in as data: URIs; the sender turns them into inline cid: parts.
import type { ReactElement, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

type Command = 'bold' | 'italic' | 'underline' | 'insertUnorderedList' | 'insertOrderedList' | 'removeFormat';

// The letters follow the language (G/C/S in Italian, B/I/U in English), as word processors do.
const BUTTONS: { command: Command; key: string; label: (t: (key: string) => string) => ReactElement }[] = [
  { command: 'bold', key: 'editor.bold', label: (t) => <strong>{t('editor.boldLetter')}</strong> },
  { command: 'italic', key: 'editor.italic', label: (t) => <em>{t('editor.italicLetter')}</em> },
  { command: 'underline', key: 'editor.underline', label: (t) => <u>{t('editor.underlineLetter')}</u> },
  { command: 'insertUnorderedList', key: 'editor.bulletList', label: () => <Icon name="listBullet" /> },
  { command: 'insertOrderedList', key: 'editor.numberedList', label: () => <Icon name="listNumber" /> },
  { command: 'removeFormat', key: 'editor.clearFormat', label: () => <Icon name="clearFormat" /> },
];

/** Reads an image file the user picked as a data: URI. */
async function imageFileToDataUrl(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${file.type || 'image/png'};base64,${btoa(binary)}`;
}

/** True when the selection (caret) is inside `editor`. */
function selectionInside(editor: HTMLElement): boolean {
  const node = document.getSelection()?.anchorNode ?? null;
  return node !== null && editor.contains(node);
}

/** Buttons acting on the contentEditable `editor`; the editor keeps its selection while they are clicked. */
export function RichTextToolbar({ editor, testId }: { editor: RefObject<HTMLDivElement | null>; testId?: string }): ReactElement {
  const { t } = useTranslation();

  const run = (command: Command) => {
    const target = editor.current;
    if (!target) return;
    if (!selectionInside(target)) target.focus();
    document.execCommand(command);
  };

  const insertImage = async (file: File) => {
    const target = editor.current;
    if (!target) return;
    const src = await imageFileToDataUrl(file);
    if (selectionInside(target)) {
      document.execCommand('insertImage', false, src);
      return;
    }
    // No caret in the editor (the file dialog took the focus): the picture goes at the end.
    const img = document.createElement('img');
    img.src = src;
    img.alt = file.name;
    target.appendChild(img);
    target.dispatchEvent(new Event('input', { bubbles: true }));
  };

  return (
    <div className="rich-toolbar" role="toolbar" aria-label={t('editor.toolbar')} data-testid={testId}>
      {BUTTONS.map((b) => (
        <button
          key={b.command}
          type="button"
          title={t(b.key)}
          aria-label={t(b.key)}
          // mousedown would move the focus, and with it the selection the command applies to.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => run(b.command)}
        >
          {/* The glyph is decoration; the button's name is its words (aria-label). */}
          <span aria-hidden="true">{b.label(t)}</span>
        </button>
      ))}
      <label className="rich-toolbar-image" title={t('editor.insertImage')} onMouseDown={(e) => e.preventDefault()}>
        <Icon name="image" /> {t('editor.insertImage')}
        <input
          type="file"
          accept="image/png,image/jpeg,image/gif"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void insertImage(file);
          }}
        />
      </label>
    </div>
  );
}
