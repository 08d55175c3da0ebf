/**
 * The entry editor: CodeMirror 6 bound to an entry's Y.Text by y-codemirror.next.
 *
 * Undo and redo go through a Y.UndoManager scoped to this text (the binding's own), so they
 * undo only this person's edits on this device, never text that arrived from another device.
 * Tab is left to move focus, so the editor never traps a keyboard user.
 */
import { defaultKeymap } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { yCollab, ySyncAnnotation, yUndoManagerKeymap } from 'y-codemirror.next';
import * as Y from 'yjs';

export interface MarkdownEditorOptions {
  parent: HTMLElement;
  text: Y.Text;
  label: string;
  placeholder?: string;
  /** Called after every change made here (not for changes arriving from elsewhere). */
  onLocalEdit?: () => void;
}

export interface MarkdownEditor {
  view: EditorView;
  undo(): boolean;
  redo(): boolean;
  focus(): void;
  destroy(): void;
}

const calmHighlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '600' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: '650' },
  { tag: tags.link, color: 'var(--accent)', textDecoration: 'underline' },
  { tag: tags.url, color: 'var(--muted)' },
  { tag: tags.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: tags.monospace, fontFamily: 'var(--font-mono)' },
  { tag: [tags.processingInstruction, tags.meta], color: 'var(--muted)' },
]);

const theme = EditorView.theme({
  '&': { color: 'var(--ink)', backgroundColor: 'transparent', fontSize: 'var(--entry-size)' },
  '.cm-content': {
    fontFamily: 'var(--font-entry)',
    lineHeight: '1.65',
    padding: '0.75rem 0',
    caretColor: 'var(--accent)',
    minHeight: '12rem',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-line': { padding: '0' },
  '.cm-placeholder': { color: 'var(--muted)', fontStyle: 'italic' },
  '.cm-cursor': { borderLeftColor: 'var(--accent)', borderLeftWidth: '2px' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': {
    backgroundColor: 'var(--selection)',
  },
});

export function createMarkdownEditor(options: MarkdownEditorOptions): MarkdownEditor {
  const { text, onLocalEdit } = options;
  const undoManager = new Y.UndoManager(text);
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: text.toString(),
      extensions: [
        keymap.of([...yUndoManagerKeymap, ...defaultKeymap]),
        markdown(),
        syntaxHighlighting(calmHighlight),
        EditorView.lineWrapping,
        theme,
        placeholderExt(options.placeholder ?? ''),
        EditorView.contentAttributes.of({
          'aria-label': options.label,
          'aria-multiline': 'true',
          spellcheck: 'true',
          autocapitalize: 'sentences',
        }),
        yCollab(text, null, { undoManager }),
        EditorView.updateListener.of((update) => {
          // The binding annotates changes it brings in from the Y.Text (other devices, undo);
          // everything else is this person typing here.
          const typed = update.transactions.some(
            (t) => t.docChanged && t.annotation(ySyncAnnotation) === undefined,
          );
          if (typed) onLocalEdit?.();
        }),
      ],
    }),
  });
  /** Runs an undo or redo; reports it as an edit when there was something to undo. */
  const step = (run: () => unknown): boolean => {
    if (run() === null) return false;
    onLocalEdit?.();
    return true;
  };
  return {
    view,
    undo: () => step(() => undoManager.undo()),
    redo: () => step(() => undoManager.redo()),
    focus: () => view.focus(),
    destroy: () => {
      view.destroy();
      undoManager.destroy();
    },
  };
}
